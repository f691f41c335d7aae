package dev.llmkit.provider.anthropic;

import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What llmkit knows about Claude models from their names: features, context window, output limit and
 * how extended thinking is switched on. Names from Amazon Bedrock ({@code us.anthropic.claude-...-v1:0})
 * and Google Vertex ({@code claude-3-5-sonnet-v2@20241022}) are recognised too, so that their features
 * are right even though this plugin only talks to Anthropic's own API.
 */
final class ClaudeModels {
  /** How a model takes a reasoning effort. */
  enum ThinkingMode {
    /** No extended thinking. */
    NONE,
    /** {@code thinking: {type: enabled, budget_tokens}} (Claude 3.7 to 4.5). */
    BUDGET,
    /** {@code thinking: {type: adaptive}} plus {@code output_config.effort} (Claude 4.6 and later reject budgets). */
    ADAPTIVE
  }

  /** The facts for one model name; {@code claude} is false for names that are not Claude models. */
  record Spec(
      boolean claude,
      ModelFeatures features,
      @Nullable Integer contextWindow,
      @Nullable Integer maxOutputTokens,
      ThinkingMode thinking,
      int version) {}

  static final int CONTEXT_200K = 200_000;
  static final int CONTEXT_1M = 1_000_000;

  // Bedrock ("anthropic.", "us.anthropic.", "global.anthropic.") and gateway ("anthropic/") prefixes.
  private static final Pattern HOSTED_PREFIX = Pattern.compile("^(?:[a-z0-9-]+\\.)?anthropic[./]");
  // claude-3-5-sonnet-20241022, claude-3-haiku-20240307, claude-3-5-sonnet-v2@20241022
  private static final Pattern NUMBER_FIRST = Pattern.compile("^claude-(\\d+)(?:[-.](\\d{1,2})(?!\\d))?-([a-z]+)");
  // claude-sonnet-4-20250514, claude-opus-4-1, claude-haiku-4-5@20251001, claude-sonnet-4.5
  private static final Pattern FAMILY_FIRST = Pattern.compile("^claude-([a-z]+)-(\\d+)(?:[-.](\\d{1,2})(?!\\d))?");
  private static final Pattern LEGACY = Pattern.compile("^claude-(?:2|1|instant)(?![0-9]).*");

  private static final ModelFeatures LEGACY_FEATURES = ModelFeatures.of(ModelFeature.STOP_WORDS);
  // Structured output: Claude 3 and later answer in a schema through a forced tool call.
  private static final ModelFeatures CLAUDE_3 = ModelFeatures.of(ModelFeature.NATIVE_TOOL_CALLING,
      ModelFeature.PROMPT_CACHE, ModelFeature.STOP_WORDS, ModelFeature.VISION, ModelFeature.STRUCTURED_OUTPUT);
  private static final ModelFeatures REASONING = CLAUDE_3.with(ModelFeature.REASONING_EFFORT);

  private ClaudeModels() {}

  /** The spec for a model name as a user or a cloud host spells it; unknown names get {@code fallback}. */
  static Spec lookup(String modelName, ModelFeatures fallback) {
    String name = canonical(modelName);
    if (name == null) {
      return new Spec(false, fallback, null, null, ThinkingMode.NONE, 0);
    }
    Matcher m = NUMBER_FIRST.matcher(name);
    if (m.find()) {
      return forVersion(m.group(3), Integer.parseInt(m.group(1)), minor(m.group(2)), name);
    }
    m = FAMILY_FIRST.matcher(name);
    if (m.find()) {
      return forVersion(m.group(1), Integer.parseInt(m.group(2)), minor(m.group(3)), name);
    }
    if (LEGACY.matcher(name).matches()) {
      return legacy(name);
    }
    // A Claude we have no version for (a preview name, say): the Claude 3+ feature set, no guesses on limits.
    return new Spec(true, CLAUDE_3, CONTEXT_200K, null, ThinkingMode.NONE, 0);
  }

  /** The name from {@code claude-} on, lower case, or null when it is not a Claude model. */
  static @Nullable String canonical(String modelName) {
    String name = modelName.trim().toLowerCase(Locale.ROOT);
    Matcher prefix = HOSTED_PREFIX.matcher(name);
    if (prefix.find()) {
      name = name.substring(prefix.end());
    }
    return name.startsWith("claude-") ? name : null;
  }

  private static Spec forVersion(String family, int major, int minor, String name) {
    int version = major * 100 + minor;
    if (version < 300) {
      return legacy(name);
    }
    if (version < 305) {
      return new Spec(true, CLAUDE_3, CONTEXT_200K, 4096, ThinkingMode.NONE, version);
    }
    if (version < 307) {
      return new Spec(true, CLAUDE_3, CONTEXT_200K, 8192, ThinkingMode.NONE, version);
    }
    if (version < 400) {
      return new Spec(true, REASONING, CONTEXT_200K, 64_000, ThinkingMode.BUDGET, version);
    }
    if (version < 406) {
      if ("haiku".equals(family) && version < 405) {
        return new Spec(true, CLAUDE_3, CONTEXT_200K, 8192, ThinkingMode.NONE, version);
      }
      int maxOutput = "opus".equals(family) && version < 405 ? 32_000 : 64_000;
      return new Spec(true, REASONING, CONTEXT_200K, maxOutput, ThinkingMode.BUDGET, version);
    }
    // Claude 4.6 and later: 1M context, 128K output, adaptive thinking only (4.7+ reject budget_tokens).
    return new Spec(true, REASONING, CONTEXT_1M, 128_000, ThinkingMode.ADAPTIVE, version);
  }

  private static Spec legacy(String name) {
    int context = name.startsWith("claude-2.1") || name.startsWith("claude-2-1") ? CONTEXT_200K : 100_000;
    return new Spec(true, LEGACY_FEATURES, context, 4096, ThinkingMode.NONE, 200);
  }

  private static int minor(@Nullable String group) {
    return group == null ? 0 : Integer.parseInt(group);
  }
}
