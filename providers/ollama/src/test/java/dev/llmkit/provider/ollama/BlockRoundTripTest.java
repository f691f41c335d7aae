package dev.llmkit.provider.ollama;

import static dev.llmkit.provider.ollama.Fixtures.answer;
import static dev.llmkit.provider.ollama.Fixtures.json;
import static dev.llmkit.provider.ollama.Fixtures.request;
import static dev.llmkit.provider.ollama.Fixtures.sentBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.llmkit.api.AssistantBlock;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.Message;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.ToolCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ollama's {@code thinking}, {@code content} and {@code tool_calls} become blocks in that order and go
 * back on the same fields; blocks Ollama has no field for stay out.
 */
class BlockRoundTripTest {
  @RegisterExtension
  static final WireMockExtension server = Fixtures.server();

  static final String TOOL_TURN = """
      {"model":"qwen3:8b","created_at":"2026-01-05T10:00:00Z","message":{"role":"assistant","content":"Checking.",
       "thinking":"Need the stock.","tool_calls":[{"function":{"index":0,"name":"lookup","arguments":{"sku":"A-17"}}}]},
       "done":true,"done_reason":"stop"}""";

  static final String OK = """
      {"model":"qwen3:8b","created_at":"2026-01-05T10:00:01Z","message":{"role":"assistant","content":"ok"},
       "done":true,"done_reason":"stop"}""";

  @Test
  void aThinkingTurnWithACallGoesBackOnItsFields() {
    answer(server, json(200, TOOL_TURN));
    AssistantMessage turn = Fixtures.provider(server.baseUrl()).complete(request(Fixtures.HI)).message();

    assertThat(turn.blocks()).hasSize(3);
    assertThat(turn.blocks().get(0)).isEqualTo(Reasoning.of("Need the stock."));
    assertThat(turn.blocks().get(1)).isEqualTo(AssistantBlock.text("Checking."));
    assertThat(turn.blocks().get(2)).isInstanceOfSatisfying(ToolCall.class, c -> {
      assertThat(c.name()).isEqualTo("lookup");
      assertThat(json(c.arguments())).isEqualTo(json("{\"sku\":\"A-17\"}"));
    });

    server.resetAll();
    answer(server, json(200, OK));
    ToolCall call = turn.toolCalls().get(0);
    AssistantMessage withForeignBlock = AssistantMessage.ofBlocks(turn.blocks().get(0),
        new AssistantBlock.Opaque("anthropic", "server_tool_use", "{}"), turn.blocks().get(1), call);
    Fixtures.provider(server.baseUrl()).complete(request(ChatRequest.builder().user("Hi")
        .message(withForeignBlock).message(Message.toolResult(call, "12")).build()));

    JsonNode sent = sentBody(server).path("messages").get(1);
    assertThat(sent).isEqualTo(json("{\"role\":\"assistant\",\"content\":\"Checking.\",\"thinking\":\"Need the stock.\","
        + "\"tool_calls\":[{\"id\":\"" + call.id() + "\",\"function\":{\"index\":0,\"name\":\"lookup\","
        + "\"arguments\":{\"sku\":\"A-17\"}}}]}"));
  }
}
