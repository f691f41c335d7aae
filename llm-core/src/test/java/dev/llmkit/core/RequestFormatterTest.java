package dev.llmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.ReasoningEffort;
import dev.llmkit.core.internal.RequestFormatter;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RequestFormatterTest {
  private static final ModelInfo CAPABLE = model(ModelFeatures.of(ModelFeature.NATIVE_TOOL_CALLING,
      ModelFeature.REASONING_EFFORT, ModelFeature.PROMPT_CACHE, ModelFeature.STOP_WORDS, ModelFeature.VISION));
  private static final ModelInfo PLAIN = model(ModelFeatures.of(ModelFeature.NATIVE_TOOL_CALLING, ModelFeature.VISION));

  private static ModelInfo model(ModelFeatures features) {
    return new ModelInfo("p", "m", features, null, null);
  }

  private static ChatRequest asking(ReasoningEffort effort, String... stop) {
    return ChatRequest.builder().user("hi").reasoningEffort(effort).stop(List.of(stop)).build();
  }

  private static RequestFormatter formatter(LlmConfig.Builder config) {
    return new RequestFormatter(config.model("p/m").build());
  }

  @Nested
  class DroppingParams {
    @Test
    void by_default_a_reasoning_effort_and_stop_words_the_model_does_not_take_are_dropped() {
      ChatRequest sent = formatter(LlmConfig.builder()).format(asking(ReasoningEffort.HIGH, "END"), PLAIN);

      assertThat(sent.reasoningEffort()).isNull();
      assertThat(sent.stop()).isEmpty();
    }

    @Test
    void a_model_that_takes_them_gets_them_whatever_dropParams_says() {
      ChatRequest sent = formatter(LlmConfig.builder().dropParams(false)).format(asking(ReasoningEffort.HIGH, "END"),
          CAPABLE);

      assertThat(sent.reasoningEffort()).isEqualTo(ReasoningEffort.HIGH);
      assertThat(sent.stop()).containsExactly("END");
    }
  }

  @Nested
  class RefusingToDrop {
    private final RequestFormatter strict = formatter(LlmConfig.builder().dropParams(false));

    @Test
    void a_reasoning_effort_in_the_request_fails_naming_the_field_the_model_and_the_fix() {
      assertThatThrownBy(() -> strict.format(asking(ReasoningEffort.HIGH), PLAIN))
          .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems()).containsExactly(
              "reasoningEffort is set, but model 'p/m' has no reasoning-effort control;"
                  + " remove it or set LlmConfig.dropParams(true)"));
    }

    @Test
    void a_reasoning_effort_from_the_config_fails_naming_the_config_field() {
      RequestFormatter f = formatter(LlmConfig.builder().dropParams(false).reasoningEffort(ReasoningEffort.LOW));

      assertThatThrownBy(() -> f.format(ChatRequest.builder().user("hi").build(), PLAIN))
          .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems()).containsExactly(
              "LlmConfig.reasoningEffort is set, but model 'p/m' has no reasoning-effort control;"
                  + " remove it or set LlmConfig.dropParams(true)"));
    }

    @Test
    void stop_words_fail_naming_the_field_the_model_and_the_fix() {
      assertThatThrownBy(() -> strict.format(asking(null, "END"), PLAIN))
          .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems()).containsExactly(
              "stop is set, but model 'p/m' takes no stop words; remove it or set LlmConfig.dropParams(true)"));
    }

    @Test
    void both_are_reported_at_once() {
      assertThatThrownBy(() -> strict.format(asking(ReasoningEffort.HIGH, "END"), PLAIN))
          .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems()).hasSize(2));
    }

    @Test
    void stop_words_the_config_disabled_are_dropped_as_asked() {
      // ModelResolver turns disableStopWord into a model without stop words.
      RequestFormatter f = formatter(LlmConfig.builder().dropParams(false).disableStopWord(true));

      assertThat(f.format(asking(null, "END"), PLAIN).stop()).isEmpty();
    }

    @Test
    void a_request_that_asks_for_neither_passes() {
      assertThat(strict.format(ChatRequest.builder().user("hi").build(), PLAIN).reasoningEffort()).isNull();
    }
  }
}
