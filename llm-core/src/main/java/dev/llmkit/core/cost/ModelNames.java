package dev.llmkit.core.cost;

import dev.llmkit.core.internal.Wildcard;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How the price catalog reads provider ids and model names: provider aliases, the normalized forms of
 * a name tried in turn, the match-pattern grammar and the vendor a gateway's model name embeds.
 */
final class ModelNames {
  private ModelNames() {}

  /** Other spellings of a provider id (the same table is in tools/catalog/generate.py). */
  private static final Map<String, String> PROVIDER_ALIASES = Map.ofEntries(
      Map.entry("google", "gemini"),
      Map.entry("vertex_ai", "gemini"),
      Map.entry("vertex", "gemini"),
      Map.entry("x-ai", "xai"),
      Map.entry("aws", "bedrock"),
      Map.entry("amazon-bedrock", "bedrock"),
      Map.entry("bedrock_converse", "bedrock"),
      Map.entry("together_ai", "together"),
      Map.entry("togetherai", "together"),
      Map.entry("together-ai", "together"),
      Map.entry("fireworks_ai", "fireworks"),
      Map.entry("fireworks-ai", "fireworks"),
      Map.entry("moonshotai", "moonshot"),
      Map.entry("mistralai", "mistral"),
      Map.entry("azure_openai", "azure"),
      Map.entry("azure-openai", "azure"),
      Map.entry("cohere_chat", "cohere"));

  /** The vendor segment of an OpenRouter id ({@code anthropic/claude-sonnet-4}) to a provider id. */
  private static final Map<String, String> OPENROUTER_VENDORS = Map.of(
      "openai", "openai",
      "anthropic", "anthropic",
      "google", "gemini",
      "x-ai", "xai",
      "mistralai", "mistral",
      "deepseek", "deepseek",
      "moonshotai", "moonshot",
      "perplexity", "perplexity",
      "cohere", "cohere");

  /** The vendor part of a Bedrock id ({@code anthropic.claude-...}) to a provider id. */
  private static final Map<String, String> BEDROCK_VENDORS = Map.of(
      "anthropic", "anthropic",
      "openai", "openai",
      "mistral", "mistral",
      "deepseek", "deepseek",
      "cohere", "cohere");

  private static final Pattern BEDROCK_REGION = Pattern.compile("^(global|us|eu|apac|au|jp|ca|us-gov)\\.");
  private static final Pattern BEDROCK_VERSION = Pattern.compile("-v\\d+(:\\d+)?$");
  private static final Pattern DATE_SUFFIX = Pattern.compile("(-\\d{8}|-\\d{4}-\\d{2}-\\d{2}|@[^/@]*)$");

  /** The provider id in lower case, an alias replaced by the id it stands for. */
  static String provider(String provider) {
    String p = provider.trim().toLowerCase(Locale.ROOT);
    return PROVIDER_ALIASES.getOrDefault(p, p);
  }

  /**
   * The base form of a model name: trimmed, lower case, without a leading {@code provider/} of this
   * provider (or one of its aliases) and without the {@code models/} of Gemini resource names.
   */
  static String base(String provider, String model) {
    String n = model.trim().toLowerCase(Locale.ROOT);
    int slash = n.indexOf('/');
    if (slash > 0 && provider(n.substring(0, slash)).equals(provider)) {
      n = n.substring(slash + 1);
    }
    if (n.startsWith("models/")) {
      n = n.substring("models/".length());
    }
    return n;
  }

  /**
   * The forms of a name tried in turn: the base form; without a trailing {@code :tag} (Ollama's
   * {@code llama3.1:8b}); without a trailing {@code -gguf} or {@code .gguf}; without a trailing
   * date or {@code @version} ({@code -20250929}, {@code -2024-08-06}, {@code @20250514}).
   */
  static List<String> candidates(String provider, String model) {
    Set<String> out = new LinkedHashSet<>();
    String n = base(provider, model);
    out.add(n);
    int colon = n.lastIndexOf(':');
    if (colon > n.lastIndexOf('/') + 1) {
      n = n.substring(0, colon);
      out.add(n);
    }
    if (n.endsWith("-gguf") || n.endsWith(".gguf")) {
      n = n.substring(0, n.length() - 5);
      out.add(n);
    }
    String undated = DATE_SUFFIX.matcher(n).replaceFirst("");
    if (!undated.isEmpty()) {
      out.add(undated);
    }
    return new ArrayList<>(out);
  }

  /** A vendor's provider id and model name embedded in a gateway's model name. */
  record Embedded(String provider, String model) {}

  /**
   * The vendors' names for a gateway's model name (base form): OpenRouter's
   * {@code vendor/model}, Bedrock's {@code [region.]vendor.model-vN:M} (or an ARN ending in one),
   * an Azure deployment named after an OpenAI (or Anthropic) model, a Claude model on Vertex.
   */
  static List<Embedded> embedded(String provider, String name) {
    switch (provider) {
      case "openrouter": {
        int slash = name.indexOf('/');
        if (slash > 0) {
          String vendor = name.substring(0, slash);
          vendor = vendor.startsWith("~") ? vendor.substring(1) : vendor;
          @Nullable String p = OPENROUTER_VENDORS.get(vendor);
          if (p != null) {
            return List.of(new Embedded(p, name.substring(slash + 1)));
          }
        }
        return List.of();
      }
      case "azure":
        return List.of(new Embedded("openai", name), new Embedded("anthropic", name));
      case "gemini":
        return name.startsWith("claude") ? List.of(new Embedded("anthropic", name)) : List.of();
      case "bedrock": {
        String n = name.substring(name.lastIndexOf('/') + 1);
        n = BEDROCK_REGION.matcher(n).replaceFirst("");
        int dot = n.indexOf('.');
        if (dot > 0) {
          @Nullable String p = BEDROCK_VENDORS.get(n.substring(0, dot));
          if (p != null) {
            String rest = n.substring(dot + 1);
            String unversioned = BEDROCK_VERSION.matcher(rest).replaceFirst("");
            // "claude-v2:1" is Claude 2.1, not version 2:1 of "claude": try the name as it is too
            return unversioned.equals(rest) || unversioned.isEmpty()
                ? List.of(new Embedded(p, rest))
                : List.of(new Embedded(p, unversioned), new Embedded(p, rest));
          }
        }
        return List.of();
      }
      default:
        return List.of();
    }
  }

  /** Whether a pattern has wildcards ({@code *} or {@code #}); one without is an alias. */
  static boolean isGlob(String pattern) {
    return pattern.indexOf('*') >= 0 || pattern.indexOf('#') >= 0;
  }

  /** The literal characters of a pattern ({@code #} counts): the more, the more specific. */
  static int specificity(String pattern) {
    int n = 0;
    for (int i = 0; i < pattern.length(); i++) {
      if (pattern.charAt(i) != '*') {
        n++;
      }
    }
    return n;
  }

  /**
   * Whether {@code name} matches {@code pattern} as a whole: {@code *} is any run of characters (also
   * none), {@code #} one ASCII digit, every other character itself.
   */
  static boolean matches(String pattern, String name) {
    return Wildcard.matches(pattern, name, ModelNames::matchesChar);
  }

  private static boolean matchesChar(char pattern, char c) {
    return pattern == '#' ? c >= '0' && c <= '9' : pattern == c;
  }
}
