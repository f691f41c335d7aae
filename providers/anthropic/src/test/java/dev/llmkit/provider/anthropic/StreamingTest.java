package dev.llmkit.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.Usage;
import dev.llmkit.spi.support.Redactor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StreamingTest {
  @RegisterExtension
  static final StubServer server = new StubServer();

  private static EventCollector stream(String model) {
    return EventCollector.drain(Fixtures.provider(server.baseUrl())
        .stream(Fixtures.request(model, ChatRequest.builder().user("Weather in Paris and Tokyo?").build())));
  }

  @Nested
  class AWholeStream {
    @Test
    void asksForAStream() {
      server.answerStream(Fixtures.read("stream-text.sse"));
      stream("claude-3-5-haiku-20241022");
      assertThat(server.sentBody().get("stream").asBoolean()).isTrue();
      assertThat(server.onlyRequest(StubServer.MESSAGES).getHeader("accept")).isEqualTo("text/event-stream");
    }

    @Test
    void assemblesThinkingRedactedThinkingTextAndTwoToolCalls() {
      server.answerStream(Fixtures.read("stream-thinking-tools.sse"));
      EventCollector c = stream("claude-sonnet-4-5");
      assertThat(c.error()).isNull();
      assertThat(c.completed()).isTrue();
      ChatResponse response = c.last().response();
      assertThat(response.id()).isEqualTo("msg_01StreamXyz");
      assertThat(response.model()).isEqualTo("claude-sonnet-4-5-20250929");
      assertThat(response.text()).isEqualTo("Checking both cities.");
      assertThat(response.message().reasoning()).containsExactly(
          new Reasoning("Two cities, so two lookups.", "EqQBCgIYAhIMsigStreamed==", null),
          Reasoning.redacted("EmwKAhgBEgyRedactedStream=="));
      assertThat(response.toolCalls()).containsExactly(
          new ToolCall("toolu_01Paris", "get_weather", "{\"location\": \"Paris\"}"),
          new ToolCall("toolu_02Tokyo", "get_weather", "{\"location\": \"Tokyo\"}"));
      assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
      assertThat(response.rawFinishReason()).isEqualTo("tool_use");
    }

    @Test
    void emitsDeltasInOrderWithBlockIndexesAndToolCallIndexesCountedFromZero() {
      server.answerStream(Fixtures.read("stream-thinking-tools.sse"));
      EventCollector c = stream("claude-sonnet-4-5");
      assertThat(c.ofType(ChatEvent.ReasoningDelta.class)).containsExactly(
          new ChatEvent.ReasoningDelta("Two cities, ", null, 0),
          new ChatEvent.ReasoningDelta("so two lookups.", null, 0),
          new ChatEvent.ReasoningDelta("", "EqQBCgIYAhIMsigStreamed==", 0));
      assertThat(c.ofType(ChatEvent.BlockDelta.class)).containsExactly(
          new ChatEvent.BlockDelta(Reasoning.redacted("EmwKAhgBEgyRedactedStream=="), 1));
      assertThat(c.ofType(ChatEvent.TextDelta.class)).containsExactly(
          new ChatEvent.TextDelta("Checking both ", 2), new ChatEvent.TextDelta("cities.", 2));
      assertThat(c.ofType(ChatEvent.ToolCallDelta.class)).containsExactly(
          new ChatEvent.ToolCallDelta(0, "toolu_01Paris", "get_weather", "", 3),
          new ChatEvent.ToolCallDelta(0, null, null, "{\"location\": \"Par", 3),
          new ChatEvent.ToolCallDelta(0, null, null, "is\"}", 3),
          new ChatEvent.ToolCallDelta(1, "toolu_02Tokyo", "get_weather", "", 4),
          new ChatEvent.ToolCallDelta(1, null, null, "{\"location\":", 4),
          new ChatEvent.ToolCallDelta(1, null, null, " \"Tokyo\"}", 4));
      assertThat(c.events.get(c.events.size() - 1)).isInstanceOf(ChatEvent.Completed.class);
      assertThat(c.ofType(ChatEvent.Completed.class)).hasSize(1);
    }

    @Test
    void replacesUsageWithTheCumulativeCountsOfMessageDelta() {
      server.answerStream(Fixtures.read("stream-thinking-tools.sse"));
      EventCollector c = stream("claude-sonnet-4-5");
      assertThat(c.ofType(ChatEvent.UsageUpdate.class)).extracting(ChatEvent.UsageUpdate::usage).containsExactly(
          new Usage(3025L, 1L, 3000L, 0L, null),
          new Usage(3025L, 89L, 3000L, 0L, null));
      assertThat(c.last().response().usage()).isEqualTo(new Usage(3025L, 89L, 3000L, 0L, null));
    }

    @Test
    void keepsMultiByteTextWhole() {
      server.answerStream(Fixtures.read("stream-text.sse"));
      EventCollector c = stream("claude-3-5-haiku-20241022");
      ChatResponse response = c.last().response();
      assertThat(response.text()).isEqualTo("Héllo wörld 🌍");
      assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
      assertThat(response.usage()).isEqualTo(new Usage(10L, 5L, 0L, 0L, null));
    }
  }

  @Nested
  class Failures {
    @Test
    void anErrorEventFailsTheStreamMidStreamAfterThePartialOutput() {
      server.answerStream(Fixtures.read("stream-overloaded.sse"));
      EventCollector c = stream("claude-sonnet-4-5");
      assertThat(c.ofType(ChatEvent.TextDelta.class)).extracting(ChatEvent.TextDelta::text).containsExactly("Partial answer");
      assertThat(c.ofType(ChatEvent.Completed.class)).isEmpty();
      assertThat(c.error()).isInstanceOfSatisfying(LlmException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED);
        assertThat(e.retryable()).isTrue();
        assertThat(e.midStream()).isTrue();
        assertThat(e.providerCode()).contains("overloaded_error");
        assertThat(e.requestId()).contains("req_011CStreamErr");
        assertThat(e.model()).contains("claude-sonnet-4-5");
        assertThat(e.getMessage()).contains("Overloaded");
      });
    }

    @Test
    void aStreamThatEndsBeforeMessageStopIsAnErrorNotASuccess() {
      server.answerStream(Fixtures.read("stream-truncated.sse"));
      EventCollector c = stream("claude-sonnet-4-5");
      assertThat(c.ofType(ChatEvent.TextDelta.class)).hasSize(1);
      assertThat(c.ofType(ChatEvent.Completed.class)).isEmpty();
      assertThat(c.error()).isInstanceOfSatisfying(LlmException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(e.midStream()).isTrue();
        assertThat(e.getMessage()).contains("message_stop");
      });
    }

    @Test
    void anEventThatIsNotJsonIsAMalformedResponse() {
      server.answerStream("event: message_start\ndata: {not json\n\n");
      EventCollector c = stream("claude-sonnet-4-5");
      assertThat(c.error()).isInstanceOfSatisfying(LlmException.class,
          e -> assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE));
    }

    @Test
    void anErrorStatusIsReadAsAnErrorBodyNotAsEvents() {
      server.answerError(529, "application/json",
          "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}", "retry-after", "2");
      EventCollector c = stream("claude-sonnet-4-5");
      assertThat(c.events).isEmpty();
      assertThat(c.error()).isInstanceOfSatisfying(LlmException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED);
        assertThat(e.httpStatus()).hasValue(529);
        assertThat(e.midStream()).isFalse();
        assertThat(e.retryAfter()).isPresent();
      });
    }
  }

  @Nested
  class Decoder {
    private final ObjectMapper mapper = new ObjectMapper();

    private List<ChatEvent> decodeInPieces(String sse, int pieceSize) {
      AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(
          mapper, new AnthropicErrors(mapper, Clock.systemUTC(), new Redactor(null)), "claude-sonnet-4-5", Clock.systemUTC());
      List<ChatEvent> out = new ArrayList<>();
      byte[] bytes = sse.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < bytes.length; i += pieceSize) {
        decoder.feed(ByteBuffer.wrap(bytes, i, Math.min(pieceSize, bytes.length - i)), out::add);
      }
      decoder.finish(out::add);
      return out;
    }

    @Test
    void givesTheSameResultWhateverTheNetworkSplits() {
      String sse = Fixtures.read("stream-thinking-tools.sse");
      ChatResponse whole = ((ChatEvent.Completed) last(decodeInPieces(sse, Integer.MAX_VALUE))).response();
      for (int size : new int[] {1, 2, 7, 64}) {
        assertThat(((ChatEvent.Completed) last(decodeInPieces(sse, size))).response()).isEqualTo(whole);
      }
    }

    @Test
    void readsCrlfFramedEventsAndIgnoresComments() {
      String sse = Fixtures.read("stream-text.sse").replace("\n", "\r\n").replace("event: content_block_stop",
          ": keep-alive\r\nevent: content_block_stop");
      ChatResponse response = ((ChatEvent.Completed) last(decodeInPieces(sse, 5))).response();
      assertThat(response.text()).isEqualTo("Héllo wörld 🌍");
    }

    @Test
    void takesACompleteToolInputFromTheStartEventWhenNoDeltasCome() {
      String sse = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"usage\":{}}}\n\n"
          + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
          + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"lookup\",\"input\":{\"sku\":\"A-17\"}}}\n\n"
          + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
          + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":"
          + "{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"now\",\"input\":{}}}\n\n"
          + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":"
          + "{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}\n\n"
          + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n"
          + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":9}}\n\n"
          + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
      ChatResponse response = ((ChatEvent.Completed) last(decodeInPieces(sse, 3))).response();
      assertThat(response.toolCalls()).containsExactly(
          new ToolCall("toolu_1", "lookup", "{\"sku\":\"A-17\"}"),
          new ToolCall("toolu_2", "now", "{}"));
    }

    @Test
    void ignoresBytesAfterMessageStop() {
      String sse = Fixtures.read("stream-text.sse") + "event: content_block_delta\ndata: {broken\n\n";
      List<ChatEvent> events = decodeInPieces(sse, 16);
      assertThat(last(events)).isInstanceOf(ChatEvent.Completed.class);
    }

    private ChatEvent last(List<ChatEvent> events) {
      return events.get(events.size() - 1);
    }
  }
}
