package dev.llmkit.router.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.Message;
import dev.llmkit.api.RouteDecision;
import dev.llmkit.api.RoutingConfig;
import dev.llmkit.core.routing.LlmRouting;
import dev.llmkit.core.routing.RoutingLlm;
import dev.llmkit.testkit.mock.MockLlmServer;
import dev.llmkit.testkit.mock.MockReply;
import dev.llmkit.testkit.mock.WireDialects;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fallback router with real providers against the testkit's loopback mock server. */
class FallbackOverTheWireTest {
  private final MockLlmServer anthropic = MockLlmServer.start(WireDialects.anthropic());
  private final MockLlmServer openai = MockLlmServer.start(WireDialects.openAi());

  @AfterEach
  void stop() {
    anthropic.close();
    openai.close();
  }

  private RoutingLlm llm() {
    return LlmRouting.builder()
        .config(RoutingConfig.builder("fallback")
            .candidate("primary", LlmConfig.builder().model("anthropic/claude-sonnet-4-5")
                .baseUrl(anthropic.baseUrl(WireDialects.anthropic())).apiKey("test").numRetries(0).build())
            .candidate("secondary", LlmConfig.builder().model("openai/gpt-4o")
                .baseUrl(openai.baseUrl(WireDialects.openAi())).apiKey("test").numRetries(0).build())
            .build())
        .candidates((name, b) -> b.env(Map.of()))
        .build();
  }

  @Test
  void a_529_on_the_primary_falls_back_to_the_secondary() {
    anthropic.reply(MockReply.overloaded());
    openai.reply(MockReply.text("from the secondary"));
    try (RoutingLlm llm = llm()) {
      ChatResponse response = llm.complete(ChatRequest.of(Message.user("hello")));

      assertThat(response.text()).isEqualTo("from the secondary");
      assertThat(response.metadata().attributes().get(RouteDecision.KEY).orElseThrow().tried())
          .containsExactly("primary", "secondary");
      assertThat(anthropic.requests()).hasSize(1);
      assertThat(openai.requests()).hasSize(1);
    }
  }

  @Test
  void a_529_before_the_first_event_of_a_stream_falls_back_too() {
    anthropic.reply(MockReply.overloaded());
    openai.reply(MockReply.text("streamed by the secondary"));
    try (RoutingLlm llm = llm()) {
      ChatResponse response = llm.stream(ChatRequest.of(Message.user("hello"))).collect();

      assertThat(response.text()).isEqualTo("streamed by the secondary");
      assertThat(response.metadata().attributes().get(RouteDecision.KEY).orElseThrow().candidate()).isEqualTo("secondary");
    }
  }
}
