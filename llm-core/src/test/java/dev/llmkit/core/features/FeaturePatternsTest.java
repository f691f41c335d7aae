package dev.llmkit.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** llmkit's additions to the OpenHands lists, and how pattern answers combine. */
class FeaturePatternsTest {
  private static final FeaturePatterns PATTERNS = FeaturePatterns.bundled();

  @ParameterizedTest
  @ValueSource(strings = {
      "anthropic.claude-3-5-sonnet-20241022-v2:0",
      "bedrock/us.anthropic.claude-3-7-sonnet-20250219-v1:0",
      "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
      "claude-sonnet-4@20250514",
      "vertex_ai/claude-opus-4-1@20250805",
      "claude-3-5-sonnet-v2@20241022",
  })
  void bedrockAndVertexClaudeIdsCallToolsAndCache(String model) {
    assertThat(PATTERNS.answer(ModelFeature.NATIVE_TOOL_CALLING, model)).contains(true);
    assertThat(PATTERNS.answer(ModelFeature.PROMPT_CACHE, model)).contains(true);
    assertThat(PATTERNS.answer(ModelFeature.VISION, model)).contains(true);
  }

  @Test
  void openHandsMissesTheCloudSpellingsThatLlmkitRecognises() {
    // The baseline's exact 'claude-3-haiku-20240307' matches once Bedrock's and Vertex's spellings are normalised.
    FeaturePatterns baseline = FeaturePatterns.openHandsBaseline();
    assertThat(baseline.answer(ModelFeature.PROMPT_CACHE, "anthropic.claude-3-haiku-20240307-v1:0")).contains(true);
    assertThat(baseline.answer(ModelFeature.PROMPT_CACHE, "claude-3-haiku@20240307")).contains(true);
  }

  @ParameterizedTest
  @ValueSource(strings = {"claude-haiku-4-5-20251001", "gpt-4.1-mini", "kimi-k2-thinking"})
  void additionsCoverFamiliesTheBaselineLeavesOut(String model) {
    assertThat(FeaturePatterns.openHandsBaseline().answer(ModelFeature.NATIVE_TOOL_CALLING, model)).isEmpty();
    assertThat(PATTERNS.answer(ModelFeature.NATIVE_TOOL_CALLING, model)).contains(true);
  }

  @ParameterizedTest
  @ValueSource(strings = {"llava:13b", "qwen2.5-vl-7b-instruct", "meta-llama/llama-4-scout", "llama-3.2-11b-vision",
      "pixtral-12b", "gpt-4o-mini", "gemini-2.0-flash"})
  void visionByName(String model) {
    assertThat(PATTERNS.answer(ModelFeature.VISION, model)).contains(true);
  }

  @Test
  void aNameNoPatternKnowsHasNoAnswer() {
    for (ModelFeature f : ModelFeature.values()) {
      assertThat(PATTERNS.answer(f, "vllm/my-finetune-7b")).as(f.name()).isEqualTo(Optional.empty());
    }
  }

  @Test
  void aProviderQualifiedPatternMatchesTheFullName() {
    assertThat(PATTERNS.answer(ModelFeature.NATIVE_TOOL_CALLING, "groq/llama-3.3-70b-versatile")).contains(true);
    assertThat(PATTERNS.answer(ModelFeature.NATIVE_TOOL_CALLING, "together/llama-3.3-70b-versatile")).isEmpty();
  }

  @Test
  void featuresSetsWhatThePatternsSayOverTheDefaults() {
    ModelFeatures defaults = ModelFeatures.of(ModelFeature.STOP_WORDS, ModelFeature.VISION);

    assertThat(PATTERNS.features("o1-mini", defaults)).isEqualTo(ModelFeatures.of(ModelFeature.VISION));
    assertThat(PATTERNS.features("unknown-model", defaults)).isEqualTo(defaults);
  }

  @Test
  void globsTakeStarAndQuestionMarkAndNothingElse() {
    assertThat(FeaturePatterns.matches("o3", List.of("o?"))).isTrue();
    assertThat(FeaturePatterns.matches("o3-mini", List.of("o?"))).isFalse();
    assertThat(FeaturePatterns.matches("gpt-4o", List.of("gpt.4o"))).isFalse();
    assertThat(FeaturePatterns.matches("GPT-4O-MINI", List.of("gpt-4o*"))).isTrue();
  }
}
