package dev.llmkit.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.api.AssistantBlock;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.Message;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolMessage;
import dev.llmkit.spi.support.ResponseAssembler;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An assistant turn goes back exactly as it came: Anthropic checks thinking signatures and rejects a turn
 * whose blocks were reordered or whose redacted thinking was removed, and a {@code pause_turn}
 * continuation sends the paused turn back as it was. Each test reads a response, replays its message in
 * the next request and compares the sent assistant content with the received content, JSON-equal.
 */
class BlockRoundTripTest {
  @RegisterExtension
  static final StubServer server = new StubServer();

  /** Interleaved thinking: thinking, call, thinking (then a redacted block), call, text. */
  static final String INTERLEAVED_CONTENT = """
      [
        {"type": "thinking", "thinking": "Paris first.", "signature": "sig-one=="},
        {"type": "tool_use", "id": "toolu_01Paris", "name": "get_weather", "input": {"location": "Paris"}},
        {"type": "thinking", "thinking": "Now Tokyo.", "signature": "sig-two=="},
        {"type": "redacted_thinking", "data": "EmwKAhgBEgyRedacted=="},
        {"type": "tool_use", "id": "toolu_02Tokyo", "name": "get_weather", "input": {"location": "Tokyo"}},
        {"type": "text", "text": "Checking both."}
      ]""";

  /** A paused server-tool turn: text, the search, its result, and a block type newer than this plugin. */
  static final String PAUSED_CONTENT = """
      [
        {"type": "text", "text": "Let me search."},
        {"type": "server_tool_use", "id": "srvtoolu_01A", "name": "web_search", "input": {"query": "weather Paris"}},
        {"type": "web_search_tool_result", "tool_use_id": "srvtoolu_01A", "content": [
          {"type": "web_search_result", "url": "https://example.com/paris", "title": "Paris weather",
           "encrypted_content": "EqgfCioIARgBIiQ3YTAw", "page_age": null}]},
        {"type": "future_block", "text": "never shown as text", "payload": {"n": 1}}
      ]""";

  static String message(String content, String stopReason) {
    return "{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
        + "\"content\":" + content + ",\"stop_reason\":\"" + stopReason + "\",\"stop_sequence\":null,"
        + "\"usage\":{\"input_tokens\":10,\"output_tokens\":20}}";
  }

  private static ChatResponse complete(ChatRequest chat) {
    return Fixtures.provider(server.baseUrl()).complete(Fixtures.request("claude-sonnet-4-5", chat));
  }

  /** Sends {@code messages} and returns the content of the assistant message at {@code index} as sent. */
  private static JsonNode sentContent(List<Message> messages, int index) {
    server.reset();
    server.answerJson(message("[{\"type\":\"text\",\"text\":\"ok\"}]", "end_turn"));
    complete(ChatRequest.builder().messages(messages).build());
    JsonNode sent = server.sentBody().path("messages").get(index);
    assertThat(sent.path("role").asText()).isEqualTo("assistant");
    return sent.path("content");
  }

  @Nested
  class InterleavedThinking {
    @Test
    void readsTheBlocksInTheirOrder() {
      server.answerJson(message(INTERLEAVED_CONTENT, "tool_use"));
      AssistantMessage m = complete(ChatRequest.builder().user("Weather?").build()).message();

      assertThat(m.blocks()).containsExactly(
          new Reasoning("Paris first.", "sig-one==", null),
          new ToolCall("toolu_01Paris", "get_weather", "{\"location\":\"Paris\"}"),
          new Reasoning("Now Tokyo.", "sig-two==", null),
          Reasoning.redacted("EmwKAhgBEgyRedacted=="),
          new ToolCall("toolu_02Tokyo", "get_weather", "{\"location\":\"Tokyo\"}"),
          AssistantBlock.text("Checking both."));
      assertThat(m.text()).isEqualTo("Checking both.");
      assertThat(m.reasoningText()).isEqualTo("Paris first.Now Tokyo.");
    }

    @Test
    void sendsTheTurnBackExactlyAsReceived() {
      server.answerJson(message(INTERLEAVED_CONTENT, "tool_use"));
      AssistantMessage m = complete(ChatRequest.builder().user("Weather?").build()).message();

      JsonNode sent = sentContent(List.of(Message.user("Weather?"), m,
          new ToolMessage("toolu_01Paris", "get_weather", "18C", false),
          new ToolMessage("toolu_02Tokyo", "get_weather", "25C", false)), 1);

      assertThat(sent).isEqualTo(Fixtures.json(INTERLEAVED_CONTENT));
    }

    @Test
    void dropsOnlyWhatTheApiWouldRejectAndKeepsTheRestInOrder() {
      AssistantMessage mixed = AssistantMessage.ofBlocks(
          Reasoning.of("unsigned, from another provider"),
          new ToolCall("toolu_1", "f", "{}"),
          new AssistantBlock.Opaque("gemini", "executableCode", "{}"),
          new Reasoning("signed", "sig==", null),
          AssistantBlock.text(""),
          AssistantBlock.text("answer"));

      JsonNode sent = sentContent(List.of(Message.user("Hi"), mixed, Message.user("And?")), 1);

      assertThat(sent).isEqualTo(Fixtures.json("""
          [{"type": "tool_use", "id": "toolu_1", "name": "f", "input": {}},
           {"type": "thinking", "thinking": "signed", "signature": "sig=="},
           {"type": "text", "text": "answer"}]"""));
    }
  }

  @Nested
  class ServerToolsAcrossPauseTurn {
    @Test
    void keepsServerToolBlocksAndUnknownTypesOpaqueWithoutLeakingTheirText() {
      server.answerJson(message(PAUSED_CONTENT, "pause_turn"));
      ChatResponse paused = complete(ChatRequest.builder().user("Weather in Paris?").build());

      assertThat(paused.message().blocks()).hasSize(4);
      assertThat(paused.message().opaqueBlocks()).extracting(AssistantBlock.Opaque::type)
          .containsExactly("server_tool_use", "web_search_tool_result", "future_block");
      assertThat(paused.message().opaqueBlocks()).allMatch(o -> o.provider().equals("anthropic"));
      assertThat(paused.text()).isEqualTo("Let me search.");
      assertThat(paused.toolCalls()).isEmpty();
      assertThat(paused.rawFinishReason()).isEqualTo("pause_turn");
    }

    @Test
    void theContinuationSendsThePausedTurnBackAsItWas() {
      server.answerJson(message(PAUSED_CONTENT, "pause_turn"));
      ChatResponse paused = complete(ChatRequest.builder().user("Weather in Paris?").build());

      JsonNode sent = sentContent(List.of(Message.user("Weather in Paris?"), paused.message()), 1);

      assertThat(sent).isEqualTo(Fixtures.json(PAUSED_CONTENT));
    }
  }

  @Nested
  class Citations {
    static final String CITED = """
        [{"type": "text", "text": "Paris is sunny", "citations": [{"type": "web_search_result_location",
          "url": "https://example.com/paris", "title": "Paris weather", "encrypted_index": "Eo8BCioIAhgBIiQ",
          "cited_text": "Sunny all day"}]},
         {"type": "text", "text": " today."}]""";

    @Test
    void aTextBlocksCitationsGoBackOnIt() {
      server.answerJson(message(CITED, "end_turn"));
      AssistantMessage m = complete(ChatRequest.builder().user("Weather?").build()).message();

      assertThat(m.text()).isEqualTo("Paris is sunny today.");
      assertThat(m.blocks().get(0)).isInstanceOfSatisfying(AssistantBlock.Text.class,
          t -> assertThat(t.providerMetadata()).containsKey(AnthropicProviderFactory.CITATIONS));
      assertThat(sentContent(List.of(Message.user("Weather?"), m, Message.user("Thanks")), 1))
          .isEqualTo(Fixtures.json(CITED));
    }

    @Test
    void streamedCitationsLandOnTheirTextBlock() {
      server.answerStream("""
          event: message_start
          data: {"type":"message_start","message":{"id":"msg_c","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"usage":{"input_tokens":10,"output_tokens":1}}}

          event: content_block_start
          data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":"","citations":[]}}

          event: content_block_delta
          data: {"type":"content_block_delta","index":0,"delta":{"type":"citations_delta","citation":{"type":"web_search_result_location","url":"https://example.com/paris","title":"Paris weather","encrypted_index":"Eo8BCioIAhgBIiQ","cited_text":"Sunny all day"}}}

          event: content_block_delta
          data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Paris is sunny"}}

          event: content_block_stop
          data: {"type":"content_block_stop","index":0}

          event: content_block_start
          data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}

          event: content_block_delta
          data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":" today."}}

          event: content_block_stop
          data: {"type":"content_block_stop","index":1}

          event: message_delta
          data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":9}}

          event: message_stop
          data: {"type":"message_stop"}

          """);
      EventCollector c = EventCollector.drain(Fixtures.provider(server.baseUrl())
          .stream(Fixtures.request("claude-sonnet-4-5", ChatRequest.builder().user("Weather?").build())));

      assertThat(sentContent(List.of(Message.user("Weather?"), c.last().response().message(), Message.user("Thanks")), 1))
          .isEqualTo(Fixtures.json(CITED));
    }
  }

  @Nested
  class Streaming {
    static final String STREAM = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_s","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"usage":{"input_tokens":10,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Search first."}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"sig-s=="}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: content_block_start
        data: {"type":"content_block_start","index":1,"content_block":{"type":"server_tool_use","id":"srvtoolu_01A","name":"web_search","input":{}}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"query\\": \\"weather"}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":" Paris\\"}"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":1}

        event: content_block_start
        data: {"type":"content_block_start","index":2,"content_block":{"type":"web_search_tool_result","tool_use_id":"srvtoolu_01A","content":[{"type":"web_search_result","url":"https://example.com/paris","title":"Paris weather","encrypted_content":"EqgfCioIARgBIiQ3YTAw","page_age":null}]}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":2}

        event: content_block_start
        data: {"type":"content_block_start","index":3,"content_block":{"type":"text","text":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":3,"delta":{"type":"text_delta","text":"Sunny."}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":3}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":30}}

        event: message_stop
        data: {"type":"message_stop"}

        """;

    @Test
    void eventsCarryTheBlockIndexAndBuildTheFinalBlocks() {
      server.answerStream(STREAM);
      EventCollector c = EventCollector.drain(Fixtures.provider(server.baseUrl())
          .stream(Fixtures.request("claude-sonnet-4-5", ChatRequest.builder().user("Weather in Paris?").build())));
      ChatResponse response = c.last().response();

      assertThat(c.ofType(ChatEvent.ReasoningDelta.class)).extracting(ChatEvent.ReasoningDelta::blockIndex)
          .containsOnly(0);
      assertThat(c.ofType(ChatEvent.BlockDelta.class)).extracting(ChatEvent.BlockDelta::blockIndex)
          .containsExactly(1, 2);
      assertThat(c.ofType(ChatEvent.TextDelta.class)).containsExactly(new ChatEvent.TextDelta("Sunny.", 3));

      ResponseAssembler rebuilt = new ResponseAssembler();
      c.events.forEach(rebuilt::accept);
      assertThat(rebuilt.build("anthropic", "claude-sonnet-4-5", FinishReason.STOP, "end_turn").message())
          .isEqualTo(response.message());

      assertThat(response.message().blocks()).hasSize(4);
      assertThat(response.message().opaqueBlocks().get(0).json())
          .satisfies(json -> assertThat(Fixtures.json(json)).isEqualTo(Fixtures.json(
              "{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_01A\",\"name\":\"web_search\","
                  + "\"input\":{\"query\":\"weather Paris\"}}")));
    }

    @Test
    void aStreamedTurnGoesBackAsTheSameBlocks() {
      server.answerStream(STREAM);
      EventCollector c = EventCollector.drain(Fixtures.provider(server.baseUrl())
          .stream(Fixtures.request("claude-sonnet-4-5", ChatRequest.builder().user("Weather in Paris?").build())));

      JsonNode sent = sentContent(List.of(Message.user("Weather in Paris?"), c.last().response().message(),
          Message.user("Thanks")), 1);

      assertThat(sent).isEqualTo(Fixtures.json("""
          [{"type": "thinking", "thinking": "Search first.", "signature": "sig-s=="},
           {"type": "server_tool_use", "id": "srvtoolu_01A", "name": "web_search", "input": {"query": "weather Paris"}},
           {"type": "web_search_tool_result", "tool_use_id": "srvtoolu_01A", "content": [
             {"type": "web_search_result", "url": "https://example.com/paris", "title": "Paris weather",
              "encrypted_content": "EqgfCioIARgBIiQ3YTAw", "page_age": null}]},
           {"type": "text", "text": "Sunny."}]"""));
    }
  }
}
