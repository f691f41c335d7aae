package dev.llmkit.provider.gemini;

import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What llmkit knows about Gemini models from their names: features, context window, output limit and
 * how thinking is controlled. Gemini 2.5 takes a token budget within a per-model range; Gemini 3 and
 * later take a named level, and Pro models offer fewer levels than Flash. Names the table does not know
 * keep the caller's fallback features and no limits, and think by budget, which every thinking model
 * still accepts.
 */
final class GeminiModels {
  /** How a model takes a reasoning effort. */
  enum ThinkingMode {
    /** No thinking control. */
    NONE,
    /** {@code thinkingBudget} in tokens (Gemini 2.5). */
    BUDGET,
    /** {@code thinkingLevel} (Gemini 3 and later). */
    LEVEL
  }

  /**
   * The facts for one model name.
   *
   * @param minBudget the smallest {@code thinkingBudget} the model takes above 0; 0 when unknown
   * @param maxBudget the largest {@code thinkingBudget} the model takes
   * @param canDisable whether {@code thinkingBudget: 0} turns thinking off
   * @param levels the {@code thinkingLevel}s the model takes (lower case), for {@link ThinkingMode#LEVEL}
   */
  record Spec(
      ModelFeatures features,
      @Nullable Integer contextWindow,
      @Nullable Integer maxOutputTokens,
      ThinkingMode thinking,
      int minBudget,
      int maxBudget,
      boolean canDisable,
      Set<String> levels) {}

  static final int CONTEXT_1M = 1_048_576;
  static final int CONTEXT_2M = 2_097_152;

  // Every Gemini from 1.5 on takes tools, images and a responseSchema.
  private static final ModelFeatures CLASSIC = ModelFeatures.of(ModelFeature.NATIVE_TOOL_CALLING,
      ModelFeature.STOP_WORDS, ModelFeature.VISION, ModelFeature.STRUCTURED_OUTPUT);
  private static final ModelFeatures THINKING = CLASSIC.with(ModelFeature.REASONING_EFFORT);
  private static final Set<String> ALL_LEVELS = Set.of("minimal", "low", "medium", "high");
  // gemini-2.5-flash, gemini-3-pro-preview, gemini-3.1-flash-lite, gemini-1.5-flash-8b-001
  private static final Pattern VERSIONED = Pattern.compile("^gemini-(\\d+)(?:\\.(\\d+))?-([a-z]+)(-lite)?");

  private GeminiModels() {}

  /** The spec for a model name ({@code gemini-2.5-pro}, {@code models/gemini-2.5-pro}); unknown names get {@code fallback}. */
  static Spec lookup(String modelName, ModelFeatures fallback) {
    // Aliases (gemini-flash-latest), experiments, retired 1.0 and media models: no guesses on limits, and
    // no known budget range (minBudget 0): thinking can be asked for but not switched off.
    return known(modelName).orElseGet(() -> new Spec(fallback, null, null,
        fallback.reasoningEffort() ? ThinkingMode.BUDGET : ThinkingMode.NONE, 0, 24_576, false, Set.of()));
  }

  /** The spec of a model this table knows by name, or empty (an alias, an experiment, a media model). */
  static Optional<Spec> known(String modelName) {
    String name = canonical(modelName);
    Matcher m = VERSIONED.matcher(name);
    int version = m.find() ? Integer.parseInt(m.group(1)) * 100 + (m.group(2) == null ? 0 : Integer.parseInt(m.group(2))) : 0;
    if (version < 105 || name.contains("-image") || name.contains("-tts")) {
      return Optional.empty();
    }
    String family = m.group(3);
    boolean lite = m.group(4) != null;
    if (version < 200) {
      return Optional.of(classic("pro".equals(family) ? CONTEXT_2M : CONTEXT_1M));
    }
    if (version < 205) {
      return Optional.of(classic(CONTEXT_1M));
    }
    if (version < 300) {
      if ("pro".equals(family)) {
        return Optional.of(budget(128, 32_768, false));
      }
      return Optional.of(lite ? budget(512, 24_576, true) : budget(1, 24_576, true));
    }
    // Gemini 3: Pro thinks at least "low"; 3.0 Pro knows only low and high.
    Set<String> levels = !"pro".equals(family) ? ALL_LEVELS
        : version < 301 ? Set.of("low", "high") : Set.of("low", "medium", "high");
    return Optional.of(new Spec(THINKING, CONTEXT_1M, 65_536, ThinkingMode.LEVEL, 0, 0, false, levels));
  }

  /** Whether the model takes images inside a {@code functionResponse} (multimodal function responses, Gemini 3 on). */
  static boolean multimodalFunctionResponses(String modelName) {
    Matcher m = VERSIONED.matcher(canonical(modelName));
    return m.find() && Integer.parseInt(m.group(1)) >= 3;
  }

  /** The name without a {@code models/} prefix, lower case. */
  static String canonical(String modelName) {
    String name = modelName.trim().toLowerCase(Locale.ROOT);
    return name.startsWith("models/") ? name.substring("models/".length()) : name;
  }

  private static Spec classic(int context) {
    return new Spec(CLASSIC, context, 8192, ThinkingMode.NONE, 0, 0, false, Set.of());
  }

  private static Spec budget(int min, int max, boolean canDisable) {
    return new Spec(THINKING, CONTEXT_1M, 65_536, ThinkingMode.BUDGET, min, max, canDisable, Set.of());
  }
}
