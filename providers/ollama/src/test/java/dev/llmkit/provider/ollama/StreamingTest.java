package dev.llmkit.provider.ollama;

import static dev.llmkit.provider.ollama.Fixtures.answer;
import static dev.llmkit.provider.ollama.Fixtures.json;
import static dev.llmkit.provider.ollama.Fixtures.ndjson;
import static dev.llmkit.provider.ollama.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.llmkit.api.ChatEvent;
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
  static final WireMockExtension server = Fixtures.server();

  static final String TWO_LINES_THEN_ERROR = """
      {"model":"qwen3:8b","created_at":"2026-01-05T10:00:00.1Z","message":{"role":"assistant","content":"","thinking":"Short question."},"done":false}
      {"model":"qwen3:8b","created_at":"2026-01-05T10:00:00.2Z","message":{"role":"assistant","content":"The answer is"},"done":false}
      {"model":"qwen3:8b","created_at":"2026-01-05T10:00:00.3Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"index":0,"name":"lookup","arguments":{"sku":"B-2"}}}]},"done":false}
      {"error":"an error was encountered while running the model: unexpected EOF"}
      """;

  static Fixtures.Collected stream(ResponseDefinitionBuilder response) {
    answer(server, response);
    return Fixtures.collect(Fixtures.provider(server.baseUrl()).stream(request("qwen3:8b", Fixtures.HI)));
  }

  /** Feeds {@code body} to a decoder {@code step} bytes at a time, as reads split anywhere would. */
  static List<ChatEvent> decode(String body, int step) {
    OllamaErrors errors = new OllamaErrors(Fixtures.MAPPER, Clock.systemUTC(), new Redactor(null), "http://localhost:11434");
    OllamaStreamDecoder decoder = new OllamaStreamDecoder(Fixtures.MAPPER, errors, "llama3.2:3b", Clock.systemUTC());
    List<ChatEvent> events = new ArrayList<>();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i += step) {
      decoder.feed(ByteBuffer.wrap(bytes, i, Math.min(step, bytes.length - i)), events::add);
    }
    decoder.finish(events::add);
    return events;
  }

  @Nested
  class AWholeStream {
    @Test
    void thinkingTextAndWholeToolCallsArriveInOrderAndUsageComesWithTheDoneLine() {
      // 25 network writes over 200 ms: lines are split across reads at arbitrary bytes.
      Fixtures.Collected c = stream(ndjson(Fixtures.read("stream-thinking-tools.ndjson")).withChunkedDribbleDelay(25, 200));

      assertThat(c.error()).isNull();
      assertThat(c.events()).containsExactly(
          new ChatEvent.ReasoningDelta("User wants ", null, 0),
          new ChatEvent.ReasoningDelta("weather in Paris.", null, 0),
          new ChatEvent.TextDelta("Checking ", 1),
          new ChatEvent.TextDelta("Paris… ☀️", 1),
          new ChatEvent.ToolCallDelta(0, "call_k2v9", "get_weather", "{\"city\":\"Paris\"}", 2),
          new ChatEvent.ToolCallDelta(1, "call_0", "get_time", "{\"zone\":\"Europe/Paris\"}", 3),
          new ChatEvent.UsageUpdate(new Usage(180L, 24L, null, null, null)),
          c.completed());
      ChatResponse response = c.completed().response();
      assertThat(response.provider()).isEqualTo("ollama");
      assertThat(response.model()).isEqualTo("qwen3:8b");
      assertThat(response.text()).isEqualTo("Checking Paris… ☀️");
      assertThat(response.message().reasoning()).containsExactly(Reasoning.of("User wants weather in Paris."));
      assertThat(response.toolCalls()).containsExactly(
          new ToolCall("call_k2v9", "get_weather", "{\"city\":\"Paris\"}"),
          new ToolCall("call_0", "get_time", "{\"zone\":\"Europe/Paris\"}"));
      assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
      assertThat(response.rawFinishReason()).isEqualTo("stop");
      assertThat(response.usage()).isEqualTo(new Usage(180L, 24L, null, null, null));
    }

    @Test
    void aStreamedAnswerEqualsTheSameAnswerUnstreamed() {
      String unstreamed = """
          {"model":"llama3.2:3b","message":{"role":"assistant","content":"Héllo wörld 🌍"},"done":true,
           "done_reason":"length","prompt_eval_count":12,"eval_count":3}
          """;
      answer(server, json(200, unstreamed));
      var whole = Fixtures.provider(server.baseUrl()).respond(request(Fixtures.HI)).toChatResponse("ollama");

      ChatResponse streamed = stream(ndjson(Fixtures.read("stream-text.ndjson"))).completed().response();

      assertThat(streamed).isEqualTo(whole);
    }

    @Test
    void theResponseHeadersBecomeTheMetadata() {
      ChatResponse response = stream(ndjson(Fixtures.read("stream-text.ndjson")).withHeader("x-request-id", "req-s1"))
          .completed().response();
      assertThat(response.metadata().requestId()).isEqualTo("req-s1");
    }
  }

  @Nested
  class Decoder {
    @Test
    void multiByteCharactersSplitAcrossReadsStayWhole() {
      List<ChatEvent> events = decode(Fixtures.read("stream-text.ndjson"), 1);

      ChatResponse response = ((ChatEvent.Completed) events.get(events.size() - 1)).response();
      assertThat(response.text()).isEqualTo("Héllo wörld 🌍");
      assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
      assertThat(response.usage()).isEqualTo(new Usage(12L, 3L, null, null, null));
    }

    @Test
    void crlfBlankLinesAndAFinalLineWithoutNewlineAreRead() {
      String body = Fixtures.read("stream-text.ndjson").replace("\n", "\r\n\r\n").stripTrailing();
      List<ChatEvent> events = decode(body, 7);
      assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(ChatEvent.Completed.class,
          done -> assertThat(done.response().text()).isEqualTo("Héllo wörld 🌍"));
    }

    @Test
    void theDoneLineMayCarryTheLastTextAndAToolCall() {
      // Ollama's built-in parsers (qwen3, gpt-oss, ...) flush what they held back when the runner says done,
      // so the last text and a tool call can arrive on the done line itself.
      String body = """
          {"model":"qwen3:8b","created_at":"2026-01-05T10:00:00.1Z","message":{"role":"assistant","content":"Let me check"},"done":false}
          {"model":"qwen3:8b","created_at":"2026-01-05T10:00:00.2Z","message":{"role":"assistant","content":".","tool_calls":[{"id":"call_9f2kq1zd","function":{"index":0,"name":"get_weather","arguments":{"city":"Oslo"}}}]},"done":true,"done_reason":"stop","total_duration":733000000,"load_duration":18000000,"prompt_eval_count":51,"prompt_eval_duration":41000000,"eval_count":19,"eval_duration":250000000}
          """;

      List<ChatEvent> events = decode(body, 13);

      assertThat(events).containsSubsequence(
          new ChatEvent.TextDelta("Let me check", 0),
          new ChatEvent.TextDelta(".", 0),
          new ChatEvent.ToolCallDelta(0, "call_9f2kq1zd", "get_weather", "{\"city\":\"Oslo\"}", 1),
          new ChatEvent.UsageUpdate(new Usage(51L, 19L, null, null, null)));
      ChatResponse response = ((ChatEvent.Completed) events.get(events.size() - 1)).response();
      assertThat(response.text()).isEqualTo("Let me check.");
      assertThat(response.toolCalls()).containsExactly(new ToolCall("call_9f2kq1zd", "get_weather", "{\"city\":\"Oslo\"}"));
      assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    }

    @Test
    void nothingAfterTheDoneLineCounts() {
      List<ChatEvent> events = decode(Fixtures.read("stream-text.ndjson") + "{\"message\":{\"content\":\"late\"}}\n", 64);
      assertThat(events).filteredOn(ChatEvent.TextDelta.class::isInstance).hasSize(3);
      assertThat(events.get(events.size() - 1)).isInstanceOf(ChatEvent.Completed.class);
    }

    @Test
    void aLineThatIsNotJsonIsAMalformedResponse() {
      assertThatThrownBy(() -> decode("{\"message\":{\"content\":\"Hi\"},\"done\":false}\nnot json\n", 16))
          .isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
            assertThat(e.midStream()).isTrue();
            assertThat(e.getMessage()).contains("not json");
          });
    }
  }

  @Nested
  class Failures {
    @Test
    void anErrorLineFailsTheStreamMidStreamWithStatus200AndThePartialAnswer() {
      Fixtures.Collected c = stream(ndjson(TWO_LINES_THEN_ERROR).withHeader("x-request-id", "req-e1"));

      assertThat(c.ofType(ChatEvent.TextDelta.class)).containsExactly(new ChatEvent.TextDelta("The answer is", 1));
      assertThat(c.ofType(ChatEvent.Completed.class)).isEmpty();
      assertThat(c.error()).isInstanceOfSatisfying(LlmException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
        assertThat(e.retryable()).isTrue();
        assertThat(e.midStream()).isTrue();
        assertThat(e.httpStatus()).hasValue(200);
        assertThat(e.provider()).contains("ollama");
        assertThat(e.model()).contains("qwen3:8b");
        assertThat(e.providerMessage()).contains("an error was encountered while running the model: unexpected EOF");
        assertThat(e.getMessage()).contains("unexpected EOF");
        assertThat(e.requestId()).contains("req-e1");
        ChatResponse partial = e.partialResponse().orElseThrow();
        assertThat(partial.text()).isEqualTo("The answer is");
        assertThat(partial.message().reasoning()).containsExactly(Reasoning.of("Short question."));
        assertThat(partial.toolCalls()).containsExactly(new ToolCall("call_0", "lookup", "{\"sku\":\"B-2\"}"));
        assertThat(partial.finishReason()).isEqualTo(FinishReason.ERROR);
      });
    }

    @Test
    void aContextLengthErrorLineIsAContextWindowError() {
      Fixtures.Collected c = stream(ndjson("{\"error\":\"the input length exceeds the context length\"}\n"));
      assertThat(c.error()).isInstanceOfSatisfying(LlmException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
        assertThat(e.midStream()).isTrue();
      });
    }

    @Test
    void aBodyEndingWithoutTheDoneLineIsATruncatedStreamNotASuccess() {
      String cut = Fixtures.read("stream-text.ndjson").lines().limit(2).reduce("", (a, b) -> a + b + "\n");

      Fixtures.Collected c = stream(ndjson(cut));

      assertThat(c.ofType(ChatEvent.Completed.class)).isEmpty();
      assertThat(c.error()).isInstanceOfSatisfying(LlmException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(e.midStream()).isTrue();
        assertThat(e.httpStatus()).hasValue(200);
        assertThat(e.getMessage()).contains("truncated");
        assertThat(e.partialResponse()).map(ChatResponse::text).contains("Héllo wörld ");
      });
    }

    @Test
    void anErrorStatusIsReadAsAnErrorBodyNotAsLines() {
      Fixtures.Collected c = stream(json(404, "{\"error\":\"model \\\"qwen3:8b\\\" not found, try pulling it first\"}"));
      assertThat(c.events()).isEmpty();
      assertThat(c.error()).isInstanceOfSatisfying(LlmException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(e.midStream()).isFalse();
        assertThat(e.getMessage()).contains("ollama pull qwen3:8b");
      });
    }
  }
}
