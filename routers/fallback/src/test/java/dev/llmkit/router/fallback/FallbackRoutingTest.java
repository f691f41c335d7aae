package dev.llmkit.router.fallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.RouteDecision;
import dev.llmkit.api.RoutingConfig;
import dev.llmkit.core.PluginRegistry;
import dev.llmkit.core.routing.LlmRouting;
import dev.llmkit.core.routing.RoutingLlm;
import dev.llmkit.testkit.routing.ScriptedProviderFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FallbackRoutingTest {
  private static final ChatRequest HELLO = ChatRequest.of(Message.user("hello"));
  /** About 20,000 tokens: more than contract/small's 8,192-token window. */
  private static final ChatRequest LONG = ChatRequest.of(Message.user("word ".repeat(20_000)));

  private final ScriptedProviderFactory models = new ScriptedProviderFactory();

  private RoutingLlm llm(Map<String, String> settings, String... candidates) {
    RoutingConfig.Builder config = RoutingConfig.builder("fallback").settings(settings);
    for (int i = 0; i < candidates.length; i += 2) {
      config.candidate(candidates[i], LlmConfig.builder().model(candidates[i + 1]).numRetries(0).build());
    }
    return LlmRouting.builder()
        .config(config.build())
        .registry(PluginRegistry.of(List.of(models), List.of(new FallbackRouterFactory())))
        .candidates((name, b) -> b.env(Map.of()))
        .build();
  }

  private static RouteDecision decision(ChatResponse response) {
    return response.metadata().attributes().get(RouteDecision.KEY).orElseThrow();
  }

  @Test
  void the_router_is_found_by_its_id_on_the_class_path() {
    try (RoutingLlm llm = LlmRouting.builder()
        .config(RoutingConfig.builder("fallback").candidate("primary", LlmConfig.builder().model("contract/large").numRetries(0).build()).build())
        .candidates((name, b) -> b.provider(models).env(Map.of()))
        .build()) {
      assertThat(llm.routerId()).isEqualTo("fallback");
      assertThat(llm.router()).isInstanceOf(FallbackRouter.class);
    }
  }

  @Test
  void a_529_on_the_primary_falls_back_to_the_secondary() {
    models.failWith("large", ErrorKind.OVERLOADED);
    try (RoutingLlm llm = llm(Map.of(), "primary", "contract/large", "secondary", "contract/medium")) {
      ChatResponse response = llm.complete(HELLO);

      assertThat(response.text()).isEqualTo("medium");
      assertThat(decision(response).tried()).containsExactly("primary", "secondary");
      assertThat(models.order()).containsExactly("large", "medium");
    }
  }

  @Test
  void a_failed_primary_cools_down_and_the_next_call_starts_with_the_secondary() {
    models.failWith("large", ErrorKind.OVERLOADED);
    try (RoutingLlm llm = llm(Map.of(), "primary", "contract/large", "secondary", "contract/medium")) {
      llm.complete(HELLO);
      ChatResponse second = llm.complete(HELLO);

      assertThat(decision(second).tried()).containsExactly("secondary");
      assertThat(decision(second).reason()).isEqualTo("cooldown");
      assertThat(models.calls("large")).isEqualTo(1);
    }
  }

  @Test
  void a_prompt_too_long_for_the_first_model_goes_to_the_larger_one_before_sending() {
    try (RoutingLlm llm = llm(Map.of(), "small", "contract/small", "medium", "contract/medium", "large", "contract/large")) {
      ChatResponse response = llm.complete(LONG);

      assertThat(decision(response).candidate()).isEqualTo("medium");
      assertThat(decision(response).reason()).isEqualTo("context-window");
      assertThat(models.calls("small")).isZero();
    }
  }

  @Test
  void a_context_window_error_follows_the_context_window_chain() {
    models.failWith("small", ErrorKind.CONTEXT_WINDOW_EXCEEDED);
    try (RoutingLlm llm = llm(Map.of("context_window_fallbacks", "large"),
        "small", "contract/small", "medium", "contract/medium", "large", "contract/large")) {
      ChatResponse response = llm.complete(HELLO);

      assertThat(decision(response).tried()).containsExactly("small", "large");
      assertThat(models.calls("medium")).isZero();
    }
  }

  @Test
  void a_content_policy_refusal_follows_its_own_chain_and_ends_without_one() {
    models.failWith("large", ErrorKind.CONTENT_POLICY);
    try (RoutingLlm llm = llm(Map.of("content_policy_fallbacks", "tertiary"),
        "primary", "contract/large", "secondary", "contract/small", "tertiary", "contract/medium")) {
      assertThat(decision(llm.complete(HELLO)).tried()).containsExactly("primary", "tertiary");
    }
    try (RoutingLlm llm = llm(Map.of(), "primary", "contract/large", "secondary", "contract/small")) {
      assertThatThrownBy(() -> llm.complete(HELLO))
          .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_POLICY));
    }
  }

  @Test
  void no_model_is_tried_twice_even_when_every_one_fails() {
    models.failWith("small", ErrorKind.CONTEXT_WINDOW_EXCEEDED).failWith("medium", ErrorKind.OVERLOADED)
        .failWith("large", ErrorKind.OVERLOADED);
    try (RoutingLlm llm = llm(Map.of("context_window_fallbacks", "large,medium"),
        "small", "contract/small", "medium", "contract/medium", "large", "contract/large")) {
      assertThatThrownBy(() -> llm.complete(HELLO)).isInstanceOf(LlmException.class);
      assertThat(models.order()).containsExactly("small", "large", "medium");
    }
  }

  @Test
  void fallback_on_limits_the_error_kinds_that_move_on() {
    models.failWith("large", ErrorKind.RATE_LIMITED);
    try (RoutingLlm llm = llm(Map.of("fallback_on", "overloaded"), "primary", "contract/large", "secondary", "contract/medium")) {
      assertThatThrownBy(() -> llm.complete(HELLO))
          .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED));
      assertThat(models.calls("medium")).isZero();
    }
  }

  @Test
  void streams_fall_back_before_the_first_event() {
    models.failWith("large", ErrorKind.OVERLOADED);
    try (RoutingLlm llm = llm(Map.of(), "primary", "contract/large", "secondary", "contract/medium")) {
      ChatResponse response = llm.stream(HELLO).collect();
      assertThat(response.text()).isEqualTo("medium");
      assertThat(decision(response).tried()).containsExactly("primary", "secondary");
    }
  }

  @Test
  void a_bad_error_kind_is_a_configuration_error() {
    assertThatThrownBy(() -> llm(Map.of("fallback_on", "sometimes"), "primary", "contract/large"))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
        .hasMessageContaining("sometimes");
  }
}
