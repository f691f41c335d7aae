package dev.llmkit.router.multimodal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.RouteDecision;
import dev.llmkit.api.RoutingConfig;
import dev.llmkit.api.UserMessage;
import dev.llmkit.core.PluginRegistry;
import dev.llmkit.core.routing.LlmRouting;
import dev.llmkit.core.routing.RoutingLlm;
import dev.llmkit.testkit.routing.ScriptedProviderFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultimodalRoutingTest {
  private static final ChatRequest HELLO = ChatRequest.of(Message.user("hello"));
  private static final ChatRequest IMAGE = ChatRequest.of(new UserMessage(List.of(
      new ContentPart.Text("what is in the picture?"), ContentPart.Image.ofUrl("https://example.com/cat.png"))));
  /** About 20,000 tokens: more than the secondary's (contract/small) 8,192. */
  private static final ChatRequest LONG = ChatRequest.of(Message.user("word ".repeat(20_000)));

  private final ScriptedProviderFactory models = new ScriptedProviderFactory();

  private RoutingLlm llm(Map<String, String> settings) {
    return LlmRouting.builder()
        .config(RoutingConfig.builder("multimodal")
            .candidate("primary", LlmConfig.builder().model("contract/large").numRetries(0).build())
            .candidate("secondary", LlmConfig.builder().model("contract/small").numRetries(0).build())
            .settings(settings)
            .build())
        .registry(PluginRegistry.of(List.of(models), List.of(new MultimodalRouterFactory())))
        .candidates((name, b) -> b.env(Map.of()))
        .build();
  }

  private static RouteDecision decision(ChatResponse response) {
    return response.metadata().attributes().get(RouteDecision.KEY).orElseThrow();
  }

  @Test
  void text_goes_to_the_secondary() {
    try (RoutingLlm llm = llm(Map.of())) {
      ChatResponse r = llm.complete(HELLO);
      assertThat(r.text()).isEqualTo("small");
      assertThat(decision(r).reason()).isEqualTo("default");
    }
  }

  @Test
  void images_route_to_the_primary() {
    try (RoutingLlm llm = llm(Map.of())) {
      ChatResponse r = llm.forConversation("c-1").complete(IMAGE);
      assertThat(r.text()).isEqualTo("large");
      assertThat(decision(r).reason()).isEqualTo("image");
      // an image alone does not make the conversation sticky
      assertThat(llm.forConversation("c-1").complete(HELLO).text()).isEqualTo("small");
    }
  }

  @Test
  void a_long_prompt_routes_to_the_primary_and_the_conversation_sticks() {
    try (RoutingLlm llm = llm(Map.of())) {
      RoutingLlm conversation = llm.forConversation("c-42");
      ChatResponse first = conversation.complete(LONG);
      assertThat(first.text()).isEqualTo("large");
      assertThat(decision(first).reason()).isEqualTo("context-window");

      ChatResponse next = conversation.complete(HELLO);
      assertThat(next.text()).isEqualTo("large");
      assertThat(decision(next).reason()).isEqualTo("sticky");

      assertThat(llm.forConversation("other").complete(HELLO).text()).isEqualTo("small");
      assertThat(llm.complete(HELLO).text()).isEqualTo("small");
    }
  }

  @Test
  void a_context_window_error_from_the_secondary_goes_to_the_primary() {
    models.failWith("small", ErrorKind.CONTEXT_WINDOW_EXCEEDED);
    try (RoutingLlm llm = llm(Map.of())) {
      assertThat(decision(llm.complete(HELLO)).tried()).containsExactly("secondary", "primary");
    }
  }

  @Test
  void a_missing_secondary_is_a_configuration_error() {
    assertThatThrownBy(() -> LlmRouting.builder()
        .config(RoutingConfig.builder("multimodal").candidate("primary", LlmConfig.builder().model("contract/large").numRetries(0).build()).build())
        .registry(PluginRegistry.of(List.of(models), List.of(new MultimodalRouterFactory())))
        .candidates((name, b) -> b.env(Map.of()))
        .build())
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
        .hasMessageContaining("secondary");
  }

  @Test
  void primary_and_secondary_can_be_named() {
    try (RoutingLlm llm = llm(Map.of("primary", "secondary", "secondary", "primary"))) {
      assertThat(llm.complete(HELLO).text()).isEqualTo("large");
    }
  }

  @Test
  void sticky_conversations_are_bounded() {
    try (RoutingLlm llm = llm(Map.of("max_conversations", "1"))) {
      llm.forConversation("a").complete(LONG);
      llm.forConversation("b").complete(LONG);
      assertThat(llm.forConversation("a").complete(HELLO).text()).isEqualTo("small");
      assertThat(llm.forConversation("b").complete(HELLO).text()).isEqualTo("large");
    }
  }
}
