package dev.llmkit.api.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.RoutingConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingConfigTest {

  @Test
  void candidates_keep_their_order_and_settings_are_copied() {
    RoutingConfig config = RoutingConfig.builder("fallback")
        .candidate("b", LlmConfig.of("openai/gpt-4o"))
        .candidate("a", LlmConfig.of("anthropic/claude-sonnet-4-5"))
        .setting("order", "a,b")
        .build();
    assertThat(config.candidateNames()).containsExactly("b", "a");
    assertThat(config.settings()).isEqualTo(Map.of("order", "a,b"));
  }

  @Test
  void a_config_needs_a_router_and_a_candidate_and_unique_names() {
    assertThatThrownBy(() -> RoutingConfig.builder(" ").candidate("a", LlmConfig.of("x/y")).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RoutingConfig.builder("fallback").build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RoutingConfig.builder("fallback").candidate("a", LlmConfig.of("x/y")).candidate("a", LlmConfig.of("x/z")))
        .hasMessageContaining("'a'");
  }
}
