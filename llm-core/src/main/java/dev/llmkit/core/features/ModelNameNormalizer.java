package dev.llmkit.core.features;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns a model name as users and hosts spell it into the comparable name that feature patterns are
 * matched against: trimmed and lower case; only the part after the last {@code /} (so provider and
 * gateway prefixes such as {@code openrouter/anthropic/} go); a fine-tune's {@code ft:} dropped; an
 * Ollama-style {@code :tag} (or Bedrock's {@code :0}) removed; a trailing {@code -gguf} dropped.
 *
 * <p>Beyond the OpenHands rules it recognises the cloud spellings of vendor models: a Bedrock id
 * ({@code anthropic.claude-3-5-sonnet-20241022-v2:0}, with a region prefix such as {@code us.} or
 * {@code global.}) loses the vendor prefix and its {@code -vN} version, and a Vertex version
 * ({@code claude-sonnet-4@20250514}) becomes a date suffix, so both normalise to the Anthropic name
 * ({@code claude-3-5-sonnet-20241022}, {@code claude-sonnet-4-20250514}).
 */
public final class ModelNameNormalizer {
  // us.anthropic.claude-..., global.anthropic..., anthropic.claude-..., meta.llama3-..., amazon.nova-...
  private static final Pattern BEDROCK = Pattern.compile(
      "^(?:[a-z]{2,6}\\.)?(?:anthropic|meta|amazon|mistral|cohere|ai21|deepseek|qwen|openai|writer)\\.(.+?)(?:-v\\d+)?$");

  private ModelNameNormalizer() {}

  /** The normalised name of {@code model}; empty for null or blank. */
  public static String normalize(@Nullable String model) {
    String name = fullName(model);
    int slash = name.lastIndexOf('/');
    if (slash >= 0) {
      name = name.substring(slash + 1);
    }
    if (name.startsWith("ft:")) {
      name = name.substring("ft:".length());
    }
    int colon = name.indexOf(':');
    if (colon >= 0) {
      name = name.substring(0, colon);
    }
    name = name.replace('@', '-');
    Matcher bedrock = BEDROCK.matcher(name);
    if (bedrock.matches()) {
      name = bedrock.group(1);
    }
    if (name.endsWith("-gguf")) {
      name = name.substring(0, name.length() - "-gguf".length());
    }
    return name;
  }

  /** The whole name, trimmed and lower case, as patterns containing {@code /} are matched against it. */
  public static String fullName(@Nullable String model) {
    return model == null ? "" : model.trim().toLowerCase(Locale.ROOT);
  }
}
