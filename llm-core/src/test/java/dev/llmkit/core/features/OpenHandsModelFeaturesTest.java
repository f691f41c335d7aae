package dev.llmkit.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cases of OpenHands' {@code tests/unit/llm/test_model_features.py}, run against the OpenHands
 * baseline lists as llmkit ships them: a name no pattern matches has no feature but stop words, as
 * OpenHands' {@code get_features} answers.
 */
class OpenHandsModelFeaturesTest {
  private static final FeaturePatterns BASELINE = FeaturePatterns.openHandsBaseline();

  private static ModelFeatures features(String model) {
    return BASELINE.features(model, ModelFeatures.of(ModelFeature.STOP_WORDS));
  }

  @ParameterizedTest
  @CsvSource({
      "gpt-4o,                     gpt-4o*,           true",
      "openai/gpt-4o,              gpt-4o*,           true",
      "litellm_proxy/gpt-4o-mini,  gpt-4o*,           true",
      "claude-3-7-sonnet-20250219, claude-3-7-sonnet*, true",
      "o1-2024-12-17,              o1*,               true",
      "grok-4-0709,                grok-4-0709,       true",
      "grok-4-0801,                grok-4-0709,       false",
  })
  void modelMatches(String name, String pattern, boolean expected) {
    assertThat(FeaturePatterns.matches(name, List.of(pattern))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
      "openai/gpt-4o,             openai/gpt-4o*,        true",
      "openrouter/gpt-4o,         openai/gpt-4o*,        false",
      "litellm_proxy/gpt-4o-mini, litellm_proxy/gpt-4o*, true",
      "gpt-4o,                    openai/gpt-4o*,        false",
      "unknown-model,             gpt-5*,                false",
  })
  void providerQualifiedPatternsMatchTheFullName(String name, String pattern, boolean expected) {
    assertThat(FeaturePatterns.matches(name, List.of(pattern))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}: tools={1} effort={2} cache={3} stop={4}")
  @CsvSource({
      "gpt-4o,                          true,  false, false, true",
      "gpt-5,                           true,  true,  false, true",
      "gpt-5-mini-2025-08-07,           true,  true,  false, true",
      "o3-mini,                         true,  true,  false, true",
      "o1-2024-12-17,                   true,  true,  false, false",
      "xai/grok-4-0709,                 false, false, false, false",
      "anthropic/claude-3-7-sonnet,     true,  false, true,  true",
      "litellm_proxy/claude-3.7-sonnet, true,  false, true,  true",
      "gemini-2.5-pro,                  true,  true,  false, true",
      "openai/gpt-4o,                   true,  false, false, true",
  })
  void getFeatures(String model, boolean tools, boolean effort, boolean cache, boolean stop) {
    ModelFeatures expected = ModelFeatures.none()
        .set(ModelFeature.NATIVE_TOOL_CALLING, tools)
        .set(ModelFeature.REASONING_EFFORT, effort)
        .set(ModelFeature.PROMPT_CACHE, cache)
        .set(ModelFeature.STOP_WORDS, stop);

    assertThat(features(model)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "claude-3-7-sonnet-20250219", "claude-3.7-sonnet", "claude-sonnet-3-7-latest", "claude-3-5-sonnet",
      "claude-3.5-haiku", "claude-3-5-haiku-20241022", "claude-sonnet-4-latest", "claude-opus-4-1-20250805",
      "gpt-4o", "gpt-4.1", "gpt-5", "gpt-5-mini-2025-08-07",
      "o1-2024-12-17", "o3-mini", "o4-mini",
      "gemini-2.5-pro", "gemini-3-pro-preview",
      "kimi-k2-0711-preview", "kimi-k2-instruct", "qwen3-coder", "qwen3-coder-480b-a35b-instruct",
  })
  void functionCallingModels(String model) {
    assertThat(features(model).nativeToolCalling()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "o1-2024-12-17", "o3-mini", "o4-mini", "gemini-2.5-flash", "gemini-2.5-pro", "gpt-5", "gpt-5-mini-2025-08-07",
      "deepseek/DeepSeek-R1-0528:671b-Q4_K_XL", "DeepSeek-R1-0528",
  })
  void reasoningEffortModels(String model) {
    assertThat(features(model).reasoningEffort()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "claude-3-7-sonnet-20250219", "claude-3.7-sonnet", "claude-sonnet-3-7-latest", "claude-3-5-sonnet",
      "claude-3-5-haiku-20241022", "claude-3-haiku-20240307", "claude-3-opus-20240229", "claude-sonnet-4-latest",
      "claude-3.5-haiku-20241022",
  })
  void promptCacheModels(String model) {
    assertThat(features(model).promptCache()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
      "o1, true", "o1-2024-12-17, true", "o3, true", "o3-2025-04-16, true", "o3-mini, true",
      "o3-mini-2025-01-31, true", "o4-mini, true", "o4-mini-2025-04-16, true", "gemini-2.5-flash, true",
      "gemini-2.5-pro, true", "gpt-5, true", "gpt-5-2025-08-07, true", "gpt-5-mini-2025-08-07, true",
      "claude-opus-4-1-20250805, false",
      "deepseek/DeepSeek-R1-0528:671b-Q4_K_XL, true", "DeepSeek-R1-0528, true",
      "o1-mini, false", "o1-preview, false", "gemini-1.0-pro, false",
  })
  void reasoningEffortParity(String model, boolean expected) {
    assertThat(features(model).reasoningEffort()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "o1-mini", "o1-2024-12-17", "xai/grok-4-0709", "grok-4-0709", "xai/grok-code-fast-1", "grok-code-fast-1",
      "deepseek/DeepSeek-R1-0528:671b-Q4_K_XL", "DeepSeek-R1-0528",
  })
  void modelsWithoutStopWords(String model) {
    assertThat(features(model).stopWords()).isFalse();
  }
}
