package dev.llmkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelInfoTest {

  @Test
  void theBuilderSetsEveryField() {
    ModelInfo m = ModelInfo.builder("openai", "gpt-4o")
        .features(ModelFeature.NATIVE_TOOL_CALLING, ModelFeature.VISION)
        .contextWindow(128_000)
        .maxOutputTokens(16_384)
        .build();

    assertThat(m).isEqualTo(new ModelInfo("openai", "gpt-4o",
        ModelFeatures.of(ModelFeature.NATIVE_TOOL_CALLING, ModelFeature.VISION), 128_000, 16_384));
    assertThat(m.qualifiedName()).isEqualTo("openai/gpt-4o");
  }

  @Test
  void aBuilderLeavesFeaturesEmptyAndLimitsUnknown() {
    ModelInfo m = ModelInfo.builder("vllm", "my-model").build();

    assertThat(m.features()).isEqualTo(ModelFeatures.none());
    assertThat(m.contextWindow()).isNull();
    assertThat(m.maxOutputTokens()).isNull();
  }

  @Test
  void toBuilderChangesOneFieldAndKeepsTheOthers() {
    ModelInfo m = new ModelInfo("anthropic", "claude-sonnet-4-5", ModelFeatures.TOOLS_AND_VISION, 200_000, 64_000);

    ModelInfo smaller = m.toBuilder().maxOutputTokens(8_192).build();

    assertThat(smaller).isEqualTo(new ModelInfo("anthropic", "claude-sonnet-4-5", ModelFeatures.TOOLS_AND_VISION, 200_000, 8_192));
  }

  @Test
  void providerNameAndFeaturesAreRequired() {
    assertThatThrownBy(() -> ModelInfo.builder(null, "m")).isInstanceOf(NullPointerException.class).hasMessage("provider");
    assertThatThrownBy(() -> ModelInfo.builder("p", "m").features((ModelFeatures) null))
        .isInstanceOf(NullPointerException.class).hasMessage("features");
  }
}
