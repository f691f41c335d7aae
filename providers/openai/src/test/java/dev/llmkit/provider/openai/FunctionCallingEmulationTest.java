package dev.llmkit.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolSpec;
import dev.llmkit.core.Llms;
import dev.llmkit.testkit.mock.MockLlmServer;
import dev.llmkit.testkit.mock.MockReply;
import dev.llmkit.testkit.mock.WireDialects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * End to end: function-calling emulation (llm-core) through this provider against the testkit's mock
 * server, for a model with native tool calling turned off. The server sees a plain chat request (tools
 * described in the system prompt, stop word {@code </function}) and answers with text; the caller gets a
 * tool call.
 */
class FunctionCallingEmulationTest {
  private static final ToolSpec WEATHER = ToolSpec.of("get_weather", "Current weather in a city.", Map.of(
      "type", "object", "properties", Map.of("city", Map.of("type", "string", "description", "The city.")),
      "required", List.of("city")));
  private static final String REPLY = "Let me check.\n<function=get_weather>\n<parameter=city>Paris</parameter>\n";
  private static final ToolCall CALL = new ToolCall("toolu_01", "get_weather", "{\"city\": \"Paris\"}");

  private final MockLlmServer server = MockLlmServer.start(WireDialects.openAi());
  private final Llm llm = Llms.builder()
      .config(LlmConfig.builder().model("openai/gpt-4o").baseUrl(server.baseUrl(WireDialects.openAi())).apiKey("test")
          .numRetries(0).nativeToolCalling(false).build())
      .env(Map.of())
      .build();
  private final ChatRequest request = ChatRequest.builder().system("You are terse.").user("Weather in Paris?").tool(WEATHER).build();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void complete_sends_a_plain_chat_and_returns_the_tool_call() {
    server.reply(MockReply.text(REPLY));

    ChatResponse response = llm.complete(request);

    assertThat(response.toolCalls()).containsExactly(CALL);
    assertThat(response.text()).isEqualTo("Let me check.");
    assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertEmulatedRequest(server.lastRequestBody());
  }

  @Test
  void stream_passes_the_text_and_emits_the_tool_call() {
    server.reply(MockReply.text(REPLY).inChunks(7));

    List<ChatEvent> events = new ArrayList<>();
    try (ChatStream stream = llm.stream(request)) {
      stream.forEach(events::add);
    }

    StringBuilder text = new StringBuilder();
    events.stream().filter(e -> e instanceof ChatEvent.TextDelta).forEach(e -> text.append(((ChatEvent.TextDelta) e).text()));
    assertThat(text.toString()).isEqualTo("Let me check.");
    assertThat(events).filteredOn(e -> e instanceof ChatEvent.ToolCallDelta)
        .containsExactly(new ChatEvent.ToolCallDelta(0, "toolu_01", "get_weather", "{\"city\": \"Paris\"}", 1));
    ChatResponse last = ((ChatEvent.Completed) events.get(events.size() - 1)).response();
    assertThat(last.toolCalls()).containsExactly(CALL);
    assertThat(last.text()).isEqualTo("Let me check.");
    assertThat(last.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(server.lastRequest().isStream()).isTrue();
    assertEmulatedRequest(server.lastRequestBody());
  }

  private static void assertEmulatedRequest(JsonNode body) {
    assertThat(body.has("tools")).as("tools field").isFalse();
    assertThat(body.has("tool_choice")).as("tool_choice field").isFalse();
    assertThat(body.path("stop").toString()).isEqualTo("[\"</function\"]");
    JsonNode system = body.path("messages").get(0);
    assertThat(system.path("role").asText()).isIn("system", "developer");
    assertThat(system.path("content").asText())
        .startsWith("You are terse.\nYou have access to the following functions:\n\n---- BEGIN FUNCTION #1: get_weather ----\n")
        .contains("  (1) city (string, required): The city.\n---- END FUNCTION #1 ----\n")
        .endsWith("</IMPORTANT>\n");
  }
}
