package dev.llmkit.provider.gemini;

import dev.llmkit.api.ReasoningEffort;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code generationConfig.thinkingConfig} of one request: a {@code thinkingBudget} (Gemini 2.5) or a
 * {@code thinkingLevel} (Gemini 3), and {@code includeThoughts}, which is on whenever the model is asked
 * to think so that its thought summaries come back as reasoning. {@link ReasoningEffort#NONE} switches
 * thinking off where the model allows it and otherwise asks for the least it takes, without thoughts.
 *
 * @param budget the {@code thinkingBudget}, or null
 * @param level the {@code thinkingLevel} in lower case, or null
 * @param includeThoughts the {@code includeThoughts} flag
 */
record ThinkingPlan(@Nullable Integer budget, @Nullable String level, boolean includeThoughts) {
  /** From least to most thinking, as Gemini 3 names its levels. */
  private static final List<String> LEVELS = List.of("minimal", "low", "medium", "high");

  /** The plan for {@code effort} on a model of {@code spec}, or null to send no {@code thinkingConfig}. */
  static @Nullable ThinkingPlan plan(@Nullable ReasoningEffort effort, GeminiModels.Spec spec) {
    if (effort == null || spec.thinking() == GeminiModels.ThinkingMode.NONE) {
      return null;
    }
    boolean off = effort == ReasoningEffort.NONE;
    if (spec.thinking() == GeminiModels.ThinkingMode.LEVEL) {
      return new ThinkingPlan(null, nearestLevel(off ? "minimal" : levelFor(effort), spec), !off);
    }
    if (off) {
      if (spec.canDisable()) {
        return new ThinkingPlan(0, null, false);
      }
      // A model that always thinks gets its smallest budget; with no known range, its own default.
      return spec.minBudget() > 0 ? new ThinkingPlan(spec.minBudget(), null, false) : null;
    }
    int budget = Math.min(Math.max(budgetFor(effort, spec.maxBudget()), spec.minBudget()), spec.maxBudget());
    return new ThinkingPlan(budget, null, true);
  }

  /** The {@code thinkingBudget} for an effort, before the model's range is applied. */
  static int budgetFor(ReasoningEffort effort, int maxBudget) {
    switch (effort) {
      case MINIMAL:
        return 512;
      case LOW:
        return 1024;
      case MEDIUM:
        return 8192;
      case HIGH:
        return 16_384;
      case XHIGH:
        return 24_576;
      default:
        return maxBudget;
    }
  }

  private static String levelFor(ReasoningEffort effort) {
    switch (effort) {
      case MINIMAL:
        return "minimal";
      case LOW:
        return "low";
      case MEDIUM:
        return "medium";
      default:
        return "high"; // HIGH, XHIGH and MAX: Gemini 3 has nothing above high
    }
  }

  /** {@code wanted} if the model takes it, else the next level up (every Gemini 3 model takes "high"). */
  private static String nearestLevel(String wanted, GeminiModels.Spec spec) {
    for (String level : LEVELS.subList(LEVELS.indexOf(wanted), LEVELS.size())) {
      if (spec.levels().contains(level)) {
        return level;
      }
    }
    return wanted;
  }
}
