package dev.llmkit.provider.openai;

import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.ModelInfo;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What this plugin knows about the models each server offers: features per model family and the
 * context windows that are well known. Unknown models of a compatible server get tools and no vision,
 * the safe guess: the engine emulates nothing it need not, and never sends an image a model cannot see.
 */
final class ModelCatalog {
  private ModelCatalog() {}

  /** Which naming scheme a server's model names follow. */
  enum Family {
    OPENAI,
    DEEPSEEK,
    MISTRAL,
    XAI,
    GROQ,
    OPENROUTER,
    /** Open-weight models by their repository names (Together, Fireworks, vLLM, LM Studio, Ollama). */
    OPEN_WEIGHTS
  }

  static ModelInfo describe(String provider, Family family, String model) {
    Entry e = switch (family) {
      case OPENAI -> openAi(model);
      case DEEPSEEK -> deepSeek(model);
      case MISTRAL -> mistral(model);
      case XAI -> xai(model);
      case GROQ -> groq(model);
      case OPENROUTER -> openRouter(model);
      case OPEN_WEIGHTS -> openWeights(model);
    };
    return new ModelInfo(provider, model, e.features, e.contextWindow, e.maxOutput);
  }

  private record Entry(ModelFeatures features, @Nullable Integer contextWindow, @Nullable Integer maxOutput) {}

  private static Entry entry(boolean tools, boolean reasoning, boolean cache, boolean stop, boolean vision,
      @Nullable Integer context, @Nullable Integer maxOutput) {
    return new Entry(new ModelFeatures(tools, reasoning, cache, stop, vision), context, maxOutput);
  }

  static Entry openAi(String model) {
    String n = ModelNames.base(model);
    if (ModelNames.isOSeries(n)) {
      boolean early = n.startsWith("o1-mini") || n.startsWith("o1-preview");
      boolean textOnly = early || n.startsWith("o3-mini");
      int maxOut = n.startsWith("o1-mini") ? 65_536 : n.startsWith("o1-preview") ? 32_768 : 100_000;
      // The latest reasoning models do not take stop sequences.
      return entry(!early, true, true, false, !textOnly, early ? 128_000 : 200_000, maxOut);
    }
    if (n.startsWith("gpt-5")) {
      return ModelNames.isGpt5Reasoning(n)
          ? entry(true, true, true, false, true, 400_000, 128_000)
          : entry(true, false, true, true, true, 128_000, 16_384);
    }
    if (n.startsWith("gpt-4.1")) {
      return entry(true, false, true, true, true, 1_047_576, 32_768);
    }
    if (n.startsWith("gpt-4o") || n.startsWith("chatgpt-4o") || n.startsWith("gpt-4.5")) {
      return entry(true, false, true, true, true, 128_000, 16_384);
    }
    if (n.startsWith("gpt-4-turbo") || n.startsWith("gpt-4-1106") || n.startsWith("gpt-4-0125")) {
      boolean vision = n.startsWith("gpt-4-turbo") && !n.contains("preview");
      return entry(true, false, false, true, vision, 128_000, 4_096);
    }
    if (n.startsWith("gpt-4-32k")) {
      return entry(true, false, false, true, false, 32_768, 8_192);
    }
    if (n.startsWith("gpt-4")) {
      return entry(true, false, false, true, false, 8_192, 8_192);
    }
    if (n.startsWith("gpt-3.5")) {
      return entry(true, false, false, true, false, 16_385, 4_096);
    }
    if (n.startsWith("gpt-oss")) {
      return entry(true, true, false, true, false, 131_072, null);
    }
    return entry(true, false, false, true, false, null, null);
  }

  static Entry deepSeek(String model) {
    String n = ModelNames.base(model);
    if (n.startsWith("deepseek-reasoner")) {
      return entry(true, false, true, true, false, 128_000, 64_000);
    }
    if (n.startsWith("deepseek-chat")) {
      return entry(true, false, true, true, false, 128_000, 8_192);
    }
    return entry(true, false, true, true, false, null, null);
  }

  static Entry mistral(String model) {
    String n = ModelNames.base(model);
    boolean vision = n.startsWith("pixtral") || n.startsWith("mistral-medium") || n.startsWith("mistral-small");
    Integer context = n.startsWith("codestral") ? Integer.valueOf(256_000) : null;
    return entry(true, false, false, true, vision, context, null);
  }

  static Entry xai(String model) {
    String n = ModelNames.base(model);
    if (n.startsWith("grok-4")) {
      // Grok 4 always reasons, takes no reasoning_effort and rejects stop sequences.
      return entry(true, false, true, false, true, 256_000, null);
    }
    if (n.startsWith("grok-3-mini")) {
      return entry(true, true, true, false, false, 131_072, null);
    }
    if (n.startsWith("grok-3")) {
      return entry(true, false, true, true, false, 131_072, null);
    }
    return entry(true, false, true, true, n.contains("vision"), null, null);
  }

  static Entry groq(String model) {
    String n = model.toLowerCase(Locale.ROOT);
    // Of Groq's models only gpt-oss takes low/medium/high efforts (qwen3 knows just none/default).
    return entry(true, n.contains("gpt-oss"), false, true, n.contains("llama-4"), null, null);
  }

  static Entry openRouter(String model) {
    String n = model.toLowerCase(Locale.ROOT);
    int slash = n.indexOf('/');
    String vendor = slash > 0 ? n.substring(0, slash) : "";
    String name = slash > 0 ? n.substring(slash + 1) : n;
    switch (vendor) {
      case "openai":
        return openAi(name);
      case "x-ai":
        return xai(name);
      case "deepseek":
        return entry(true, name.contains("r1") || name.contains("reasoner"), true, true, false, null, null);
      case "mistralai":
        return mistral(name);
      case "anthropic": {
        boolean thinking = name.contains("3.7") || name.matches(".*-4.*");
        return entry(true, thinking, true, true, true, 200_000, null);
      }
      case "google": {
        boolean thinking = name.contains("2.5") || name.startsWith("gemini-3");
        return entry(true, thinking, true, true, name.startsWith("gemini"), null, null);
      }
      default:
        return openWeights(name);
    }
  }

  static Entry openWeights(String model) {
    String n = model.toLowerCase(Locale.ROOT);
    boolean vision = n.contains("vision") || n.contains("-vl") || n.contains("vl-") || n.contains("llava")
        || n.contains("pixtral") || n.contains("llama-4");
    return entry(true, n.contains("gpt-oss"), false, true, vision, null, null);
  }
}
