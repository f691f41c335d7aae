package dev.llmkit.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.ReasoningEffort;
import dev.llmkit.provider.anthropic.ClaudeModels.ThinkingMode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThinkingPlanTest {

  @Nested
  class Budgets {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"MINIMAL, 1024", "LOW, 1024", "MEDIUM, 4096", "HIGH, 16384", "XHIGH, 32000", "MAX, 32000"})
    void mapEachEffortToABudget(ReasoningEffort effort, int budget) {
      ThinkingPlan plan = ThinkingPlan.plan(effort, ThinkingMode.BUDGET, 64_000, 64_000, 400);
      assertThat(plan.budgetTokens()).isEqualTo(budget);
      assertThat(plan.maxTokens()).isEqualTo(64_000);
    }

    @Test
    void stayBelowMaxTokensAndAtLeastTheMinimum() {
      ThinkingPlan plan = ThinkingPlan.plan(ReasoningEffort.HIGH, ThinkingMode.BUDGET, 2000, null, 400);
      assertThat(plan.budgetTokens()).isEqualTo(16_384);
      assertThat(plan.maxTokens()).isEqualTo(18_384);
    }

    @Test
    void giveUpThinkingWhenTheModelLimitLeavesNoRoom() {
      ThinkingPlan plan = ThinkingPlan.plan(ReasoningEffort.LOW, ThinkingMode.BUDGET, 1000, 1024, 400);
      assertThat(plan.enabled()).isFalse();
      assertThat(plan.maxTokens()).isEqualTo(1000);
    }

    @Test
    void areNotPlannedWithoutAnEffortOrForNone() {
      assertThat(ThinkingPlan.plan(null, ThinkingMode.BUDGET, 4096, null, 400).enabled()).isFalse();
      assertThat(ThinkingPlan.plan(ReasoningEffort.NONE, ThinkingMode.BUDGET, 4096, null, 400).enabled()).isFalse();
      assertThat(ThinkingPlan.plan(ReasoningEffort.HIGH, ThinkingMode.NONE, 4096, null, 305).enabled()).isFalse();
    }
  }

  @Nested
  class AdaptiveEfforts {
    @Test
    void nameXhighOnlyWhereTheModelKnowsIt() {
      assertThat(ThinkingPlan.plan(ReasoningEffort.XHIGH, ThinkingMode.ADAPTIVE, 8000, null, 406).effort()).isEqualTo("high");
      assertThat(ThinkingPlan.plan(ReasoningEffort.XHIGH, ThinkingMode.ADAPTIVE, 8000, null, 407).effort()).isEqualTo("xhigh");
      assertThat(ThinkingPlan.plan(ReasoningEffort.MAX, ThinkingMode.ADAPTIVE, 8000, null, 406).effort()).isEqualTo("max");
      assertThat(ThinkingPlan.plan(ReasoningEffort.MINIMAL, ThinkingMode.ADAPTIVE, 8000, null, 406).effort()).isEqualTo("low");
    }

    @Test
    void leaveMaxTokensAlone() {
      ThinkingPlan plan = ThinkingPlan.plan(ReasoningEffort.MEDIUM, ThinkingMode.ADAPTIVE, 500, 128_000, 406);
      assertThat(plan.maxTokens()).isEqualTo(500);
      assertThat(plan.budgetTokens()).isZero();
      assertThat(plan.effort()).isEqualTo("medium");
    }
  }
}
