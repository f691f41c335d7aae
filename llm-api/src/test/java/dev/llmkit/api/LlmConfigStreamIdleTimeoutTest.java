package dev.llmkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LlmConfigStreamIdleTimeoutTest {

  @Test
  void a_negative_idle_timeout_is_refused_naming_the_field() {
    assertThatThrownBy(() -> LlmConfig.builder().model("openai/gpt-4o").streamIdleTimeout(Duration.ofSeconds(-1)).build())
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems())
            .anySatisfy(p -> assertThat(p).startsWith("streamIdleTimeout must be positive")));
  }

  @Test
  void zero_means_none_and_the_default_is_two_minutes() {
    assertThat(LlmConfig.builder().model("m").streamIdleTimeout(Duration.ZERO).build().streamIdleTimeout()).isNull();
    assertThat(LlmConfig.of("m").streamIdleTimeout()).isEqualTo(Duration.ofMinutes(2));
  }
}
