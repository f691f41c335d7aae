package dev.llmkit.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.ReasoningEffort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ThinkingPlanTest {
  private static final ModelFeatures REASONING = ModelFeatures.of(ModelFeature.NATIVE_TOOL_CALLING,
      ModelFeature.REASONING_EFFORT, ModelFeature.STOP_WORDS, ModelFeature.VISION);

  private static ThinkingPlan plan(String model, ReasoningEffort effort) {
    return ThinkingPlan.plan(effort, GeminiModels.lookup(model, REASONING));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "gemini-2.5-flash,      MINIMAL, 512",
      "gemini-2.5-flash,      MEDIUM,  8192",
      "gemini-2.5-flash,      HIGH,    16384",
      "gemini-2.5-flash,      MAX,     24576",
      "gemini-2.5-pro,        XHIGH,   24576",
      "gemini-2.5-pro,        MAX,     32768",
      "gemini-2.5-flash-lite, LOW,     1024",
  })
  void budgetsStayWithinTheModelsRange(String model, ReasoningEffort effort, int budget) {
    assertThat(plan(model, effort)).isEqualTo(new ThinkingPlan(budget, null, true));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "gemini-3-flash-preview, LOW,     low",
      "gemini-3-flash-preview, XHIGH,   high",
      "gemini-3-pro-preview,   MINIMAL, low",
      "gemini-3-pro-preview,   LOW,     low",
      "gemini-3.1-pro-preview, MINIMAL, low",
  })
  void levelsFallToTheNearestTheModelTakes(String model, ReasoningEffort effort, String level) {
    assertThat(plan(model, effort)).isEqualTo(new ThinkingPlan(null, level, true));
  }

  @Test
  void noneSwitchesThinkingOffOrToItsLeastWithoutThoughts() {
    assertThat(plan("gemini-2.5-flash-lite", ReasoningEffort.NONE)).isEqualTo(new ThinkingPlan(0, null, false));
    assertThat(plan("gemini-2.5-pro", ReasoningEffort.NONE)).isEqualTo(new ThinkingPlan(128, null, false));
    assertThat(plan("gemini-3-flash-preview", ReasoningEffort.NONE)).isEqualTo(new ThinkingPlan(null, "minimal", false));
  }

  @Test
  void anAliasThinksByBudgetButIsNotSwitchedOffBlindly() {
    assertThat(plan("gemini-flash-latest", ReasoningEffort.HIGH)).isEqualTo(new ThinkingPlan(16_384, null, true));
    assertThat(plan("gemini-flash-latest", ReasoningEffort.NONE)).isNull();
  }

  @ParameterizedTest
  @EnumSource(ReasoningEffort.class)
  void aModelWithoutThinkingOrNoEffortGetsNoConfig(ReasoningEffort effort) {
    assertThat(plan("gemini-2.0-flash", effort)).isNull();
    assertThat(ThinkingPlan.plan(null, GeminiModels.lookup("gemini-2.5-pro", REASONING))).isNull();
  }
}
