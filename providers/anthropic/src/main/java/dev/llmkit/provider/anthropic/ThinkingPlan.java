package dev.llmkit.provider.anthropic;

import dev.llmkit.api.ReasoningEffort;
import org.jspecify.annotations.Nullable;

/**
 * How a request thinks and how many tokens it may write: the {@code thinking} mode, the budget or
 * effort it carries, and the {@code max_tokens} to send. The API wants {@code 1024 <= budget_tokens <
 * max_tokens}, so a budget that does not fit raises {@code max_tokens} (thinking on top of the answer
 * room asked for) within the model's output limit.
 *
 * @param mode NONE, BUDGET or ADAPTIVE
 * @param budgetTokens the {@code budget_tokens} for BUDGET, else 0
 * @param effort the {@code output_config.effort} for ADAPTIVE, else null
 * @param maxTokens the {@code max_tokens} to send
 */
record ThinkingPlan(ClaudeModels.ThinkingMode mode, int budgetTokens, @Nullable String effort, int maxTokens) {

  static final int MIN_BUDGET = 1024;

  boolean enabled() {
    return mode != ClaudeModels.ThinkingMode.NONE;
  }

  /**
   * Plans thinking for one request.
   *
   * @param effort the requested effort, null or NONE for no thinking
   * @param mode how the model takes thinking (NONE when it cannot think)
   * @param maxTokens the {@code max_tokens} asked for (or the model's default)
   * @param modelLimit the model's output limit, null when unknown
   * @param version the Claude version as {@code major * 100 + minor} (for effort names)
   */
  static ThinkingPlan plan(
      @Nullable ReasoningEffort effort, ClaudeModels.ThinkingMode mode, int maxTokens, @Nullable Integer modelLimit,
      int version) {
    if (effort == null || effort == ReasoningEffort.NONE || mode == ClaudeModels.ThinkingMode.NONE) {
      return none(maxTokens);
    }
    if (mode == ClaudeModels.ThinkingMode.ADAPTIVE) {
      return new ThinkingPlan(mode, 0, adaptiveEffort(effort, version), maxTokens);
    }
    int budget = budgetFor(effort);
    int max = maxTokens;
    if (budget >= max) {
      long wanted = (long) budget + max;
      long cap = modelLimit != null ? modelLimit : Integer.MAX_VALUE;
      max = (int) Math.min(wanted, cap);
      if (budget >= max) {
        budget = Math.max(MIN_BUDGET, max / 2);
      }
      if (budget >= max) {
        // The model's output limit leaves no room for the API's minimum budget: answer without thinking.
        return none(maxTokens);
      }
    }
    return new ThinkingPlan(mode, budget, null, max);
  }

  private static ThinkingPlan none(int maxTokens) {
    return new ThinkingPlan(ClaudeModels.ThinkingMode.NONE, 0, null, maxTokens);
  }

  /** The {@code budget_tokens} for an effort. */
  static int budgetFor(ReasoningEffort effort) {
    switch (effort) {
      case MINIMAL:
      case LOW:
        return MIN_BUDGET;
      case MEDIUM:
        return 4096;
      case HIGH:
        return 16_384;
      default:
        return 32_000;
    }
  }

  private static String adaptiveEffort(ReasoningEffort effort, int version) {
    switch (effort) {
      case MINIMAL:
      case LOW:
        return "low";
      case MEDIUM:
        return "medium";
      case HIGH:
        return "high";
      case XHIGH:
        // "xhigh" arrived with Claude 4.7; the 4.6 models know low, medium, high and max only.
        return version >= 407 ? "xhigh" : "high";
      default:
        return "max";
    }
  }
}
