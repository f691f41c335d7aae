package dev.llmkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelFeaturesTest {

  @Test
  void ofHoldsExactlyTheNamedFeatures() {
    ModelFeatures f = ModelFeatures.of(ModelFeature.NATIVE_TOOL_CALLING, ModelFeature.VISION);

    assertThat(f.asSet()).containsExactlyInAnyOrder(ModelFeature.NATIVE_TOOL_CALLING, ModelFeature.VISION);
    assertThat(f.nativeToolCalling()).isTrue();
    assertThat(f.vision()).isTrue();
    assertThat(f.reasoningEffort()).isFalse();
    assertThat(f.promptCache()).isFalse();
    assertThat(f.stopWords()).isFalse();
    assertThat(f.structuredOutput()).isFalse();
  }

  @Test
  void eachAccessorReadsItsOwnFeature() {
    assertThat(ModelFeatures.of(ModelFeature.REASONING_EFFORT).reasoningEffort()).isTrue();
    assertThat(ModelFeatures.of(ModelFeature.PROMPT_CACHE).promptCache()).isTrue();
    assertThat(ModelFeatures.of(ModelFeature.STOP_WORDS).stopWords()).isTrue();
    assertThat(ModelFeatures.of(ModelFeature.STRUCTURED_OUTPUT).structuredOutput()).isTrue();
    assertThat(ModelFeatures.of(ModelFeature.STRUCTURED_OUTPUT).asSet()).containsExactly(ModelFeature.STRUCTURED_OUTPUT);
  }

  @Test
  void withAndWithoutLeaveTheOriginalUnchanged() {
    ModelFeatures basic = ModelFeatures.BASIC;

    ModelFeatures more = basic.with(ModelFeature.VISION);
    ModelFeatures less = more.without(ModelFeature.STOP_WORDS);

    assertThat(basic.asSet()).containsExactly(ModelFeature.STOP_WORDS);
    assertThat(more.asSet()).containsExactlyInAnyOrder(ModelFeature.STOP_WORDS, ModelFeature.VISION);
    assertThat(less.asSet()).containsExactly(ModelFeature.VISION);
    assertThat(more.set(ModelFeature.VISION, false)).isEqualTo(basic);
  }

  @Test
  void equalSetsAreEqualHoweverBuilt() {
    ModelFeatures a = ModelFeatures.of(List.of(ModelFeature.VISION, ModelFeature.STOP_WORDS));
    ModelFeatures b = ModelFeatures.none().with(ModelFeature.STOP_WORDS).with(ModelFeature.VISION);

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(ModelFeatures.BASIC);
    assertThat(ModelFeatures.of(EnumSet.allOf(ModelFeature.class)).asSet()).hasSize(ModelFeature.values().length);
    assertThat(a.toString()).contains("STOP_WORDS", "VISION");
  }

  @Test
  void theSetCannotBeChanged() {
    assertThatThrownBy(() -> ModelFeatures.BASIC.asSet().add(ModelFeature.VISION))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aNullFeatureIsRefused() {
    assertThatThrownBy(() -> ModelFeatures.of((ModelFeature) null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ModelFeatures.BASIC.has(null)).isInstanceOf(NullPointerException.class);
  }
}
