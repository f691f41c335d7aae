package dev.llmkit.provider.openai;

import static dev.llmkit.api.ModelFeature.NATIVE_TOOL_CALLING;
import static dev.llmkit.api.ModelFeature.PROMPT_CACHE;
import static dev.llmkit.api.ModelFeature.REASONING_EFFORT;
import static dev.llmkit.api.ModelFeature.STOP_WORDS;
import static dev.llmkit.api.ModelFeature.STRUCTURED_OUTPUT;
import static dev.llmkit.api.ModelFeature.VISION;

import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.ModelInfo;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What this plugin knows about the models each server offers: features per model family and the
 * context windows that are well known. A name it cannot place is unknown ({@link Optional#empty()}):
 * the engine then asks its catalog and name patterns, and last takes the family's
 * {@link Family#unknownModelFeatures()}. Servers of arbitrary models (vLLM, LM Studio, Together,
 * OpenRouter's open-weight ids...) declare no native tool calling for unknown models, so that tools are
 * emulated there instead of being sent to a model that may ignore them.
 */
final class ModelCatalog {
  private ModelCatalog() {}

  /** Which naming scheme a server's model names follow. */
  enum Family {
    OPENAI(NATIVE_TOOL_CALLING, STOP_WORDS),
    DEEPSEEK(NATIVE_TOOL_CALLING, PROMPT_CACHE, STOP_WORDS),
    MISTRAL(NATIVE_TOOL_CALLING, STOP_WORDS),
    XAI(NATIVE_TOOL_CALLING, PROMPT_CACHE, STOP_WORDS),
    /** Groq hosts open-weight models; the engine's {@code groq/*} name pattern marks them tool-calling. */
    GROQ(STOP_WORDS),
    OPENROUTER(STOP_WORDS),
    /** Open-weight models by their repository names (Together, Fireworks, vLLM, LM Studio, Ollama). */
    OPEN_WEIGHTS(STOP_WORDS);

    private final ModelFeatures unknownModelFeatures;

    Family(ModelFeature... unknownModelFeatures) {
      this.unknownModelFeatures = ModelFeatures.of(unknownModelFeatures);
    }

    /** The features of a model of this family's servers that the catalog below does not know. */
    ModelFeatures unknownModelFeatures() {
      return unknownModelFeatures;
    }
  }

  /** What the plugin knows of a model, or empty when it does not know the name. */
  static Optional<ModelInfo> known(String provider, Family family, String model) {
    Optional<Entry> e = switch (family) {
      case OPENAI -> openAi(model);
      case DEEPSEEK -> deepSeek(model);
      case MISTRAL -> mistral(model);
      case XAI -> xai(model);
      case OPENROUTER -> openRouter(model);
      case GROQ, OPEN_WEIGHTS -> Optional.empty();
    };
    return e.map(entry -> ModelInfo.builder(provider, model)
        .features(entry.features)
        .contextWindow(entry.contextWindow)
        .maxOutputTokens(entry.maxOutput)
        .build());
  }

  private record Entry(ModelFeatures features, @Nullable Integer contextWindow, @Nullable Integer maxOutput) {}

  private static Optional<Entry> entry(ModelFeatures features, @Nullable Integer context, @Nullable Integer maxOutput) {
    return Optional.of(new Entry(features, context, maxOutput));
  }

  // The feature sets of OpenAI's families.
  private static final ModelFeatures CHAT = ModelFeatures.of(NATIVE_TOOL_CALLING, STOP_WORDS);
  private static final ModelFeatures CACHED_CHAT = CHAT.with(PROMPT_CACHE);
  private static final ModelFeatures MULTIMODAL = ModelFeatures.of(
      NATIVE_TOOL_CALLING, PROMPT_CACHE, STOP_WORDS, VISION, STRUCTURED_OUTPUT);
  // The reasoning models take no stop sequences.
  private static final ModelFeatures REASONING = ModelFeatures.of(
      NATIVE_TOOL_CALLING, REASONING_EFFORT, PROMPT_CACHE, VISION, STRUCTURED_OUTPUT);

  static Optional<Entry> openAi(String model) {
    String n = ModelNames.base(model);
    if (ModelNames.isOSeries(n)) {
      boolean early = n.startsWith("o1-mini") || n.startsWith("o1-preview");
      boolean textOnly = early || n.startsWith("o3-mini");
      int maxOut = n.startsWith("o1-mini") ? 65_536 : n.startsWith("o1-preview") ? 32_768 : 100_000;
      ModelFeatures f = early
          ? ModelFeatures.of(REASONING_EFFORT, PROMPT_CACHE)
          : REASONING.set(VISION, !textOnly);
      return entry(f, early ? 128_000 : 200_000, maxOut);
    }
    if (n.startsWith("gpt-5")) {
      return ModelNames.isGpt5Reasoning(n) ? entry(REASONING, 400_000, 128_000) : entry(MULTIMODAL, 128_000, 16_384);
    }
    if (n.startsWith("gpt-4.1")) {
      return entry(MULTIMODAL, 1_047_576, 32_768);
    }
    if (n.startsWith("gpt-4o") || n.startsWith("chatgpt-4o") || n.startsWith("gpt-4.5")) {
      // json_schema came with gpt-4o-2024-08-06; the first snapshot and ChatGPT's alias lack it.
      boolean schema = !n.equals("gpt-4o-2024-05-13") && !n.startsWith("chatgpt-");
      return entry(MULTIMODAL.set(STRUCTURED_OUTPUT, schema), 128_000, 16_384);
    }
    if (n.startsWith("gpt-4-turbo") || n.startsWith("gpt-4-1106") || n.startsWith("gpt-4-0125")) {
      boolean vision = n.startsWith("gpt-4-turbo") && !n.contains("preview");
      return entry(CHAT.set(VISION, vision), 128_000, 4_096);
    }
    if (n.startsWith("gpt-4-32k")) {
      return entry(CHAT, 32_768, 8_192);
    }
    if (n.startsWith("gpt-4")) {
      return entry(CHAT, 8_192, 8_192);
    }
    if (n.startsWith("gpt-3.5")) {
      return entry(CHAT, 16_385, 4_096);
    }
    if (n.startsWith("gpt-oss")) {
      return entry(CHAT.with(REASONING_EFFORT), 131_072, null);
    }
    return Optional.empty();
  }

  static Optional<Entry> deepSeek(String model) {
    String n = ModelNames.base(model);
    if (n.startsWith("deepseek-reasoner")) {
      return entry(CACHED_CHAT, 128_000, 64_000);
    }
    if (n.startsWith("deepseek-chat")) {
      return entry(CACHED_CHAT, 128_000, 8_192);
    }
    return Optional.empty();
  }

  private static final String[] MISTRAL_FAMILIES = {
      "mistral-", "open-mistral", "open-mixtral", "ministral", "magistral", "codestral", "devstral", "pixtral"};

  static Optional<Entry> mistral(String model) {
    String n = ModelNames.base(model);
    boolean known = false;
    for (String family : MISTRAL_FAMILIES) {
      known |= n.startsWith(family);
    }
    if (!known) {
      return Optional.empty();
    }
    // Every Mistral chat model takes a json_schema response format.
    boolean vision = n.startsWith("pixtral") || n.startsWith("mistral-medium") || n.startsWith("mistral-small");
    Integer context = n.startsWith("codestral") ? Integer.valueOf(256_000) : null;
    return entry(CHAT.with(STRUCTURED_OUTPUT).set(VISION, vision), context, null);
  }

  static Optional<Entry> xai(String model) {
    String n = ModelNames.base(model);
    if (n.startsWith("grok-4")) {
      // Grok 4 always reasons, takes no reasoning_effort and rejects stop sequences.
      return entry(ModelFeatures.of(NATIVE_TOOL_CALLING, PROMPT_CACHE, VISION, STRUCTURED_OUTPUT), 256_000, null);
    }
    if (n.startsWith("grok-3-mini")) {
      return entry(ModelFeatures.of(NATIVE_TOOL_CALLING, REASONING_EFFORT, PROMPT_CACHE, STRUCTURED_OUTPUT), 131_072, null);
    }
    if (n.startsWith("grok-3")) {
      return entry(CACHED_CHAT.with(STRUCTURED_OUTPUT), 131_072, null);
    }
    return Optional.empty();
  }

  static Optional<Entry> openRouter(String model) {
    String n = model.toLowerCase(Locale.ROOT);
    int slash = n.indexOf('/');
    String vendor = slash > 0 ? n.substring(0, slash) : "";
    String name = slash > 0 ? n.substring(slash + 1) : n;
    switch (vendor) {
      case "openai":
        return openAi(name);
      case "x-ai":
        return xai(name);
      case "mistralai":
        return mistral(name);
      case "anthropic": {
        boolean thinking = name.contains("3.7") || name.matches(".*-4.*");
        return entry(CACHED_CHAT.with(VISION).set(REASONING_EFFORT, thinking), 200_000, null);
      }
      case "google": {
        if (!name.startsWith("gemini")) {
          return Optional.empty();
        }
        boolean thinking = name.contains("2.5") || name.startsWith("gemini-3");
        return entry(CACHED_CHAT.with(VISION).set(REASONING_EFFORT, thinking), null, null);
      }
      default:
        // DeepSeek, Meta, Qwen, Moonshot...: open weights served by whichever host OpenRouter picks.
        return Optional.empty();
    }
  }
}
