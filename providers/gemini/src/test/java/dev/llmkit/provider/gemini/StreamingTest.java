package dev.llmkit.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.spi.support.Redactor;
import dev.llmkit.api.AssistantBlock;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.Usage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StreamingTest {
  @RegisterExtension
  static final GeminiStub gemini = new GeminiStub();

  static Drained stream(String sse) {
    gemini.answerStream(sse);
    return Drained.from(Fixtures.provider(gemini.baseUrl()).stream(Fixtures.hi()));
  }

  @Nested
  class AWholeStream {
    @Test
    void asksForServerSentEventsOfTheModelsStreamMethod() {
      stream(Fixtures.read("stream-text.sse"));

      var request = gemini.onlyRequest();
      assertThat(request.getUrl()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
      assertThat(request.getHeader("accept")).isEqualTo("text/event-stream");
      assertThat(request.getHeader("x-goog-api-key")).isEqualTo(Fixtures.KEY);
    }

    @Test
    void emitsTextChunksAndCompletesAtTheEndOfTheBody() {
      Drained d = stream(Fixtures.read("stream-text.sse"));

      assertThat(d.ofType(ChatEvent.TextDelta.class)).extracting(ChatEvent.TextDelta::text)
          .containsExactly("Héllo ", "wörld 🌍", ", how can I help?");
      ChatResponse response = d.response();
      assertThat(response.text()).isEqualTo("Héllo wörld 🌍, how can I help?");
      assertThat(response.id()).isEqualTo("sT4yaOWgF4-Q1PIPp-7nqQk");
      assertThat(response.model()).isEqualTo("gemini-2.0-flash");
      assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
      assertThat(d.ofType(ChatEvent.Completed.class)).hasSize(1);
    }

    @Test
    void keepsTheLastUsageNotTheSum() {
      Drained d = stream(Fixtures.read("stream-text.sse"));

      assertThat(d.ofType(ChatEvent.UsageUpdate.class)).extracting(ChatEvent.UsageUpdate::usage).containsExactly(
          new Usage(6L, null, null, null, null),
          new Usage(6L, null, null, null, null),
          new Usage(6L, 9L, null, null, null));
      assertThat(d.response().usage()).isEqualTo(new Usage(6L, 9L, null, null, null));
    }

    @Test
    void assemblesThoughtsTextAndStreamedFunctionCallsWithTheirSignature() {
      Drained d = stream(Fixtures.read("stream-thinking-tools.sse"));

      assertThat(d.ofType(ChatEvent.ReasoningDelta.class)).containsExactly(
          new ChatEvent.ReasoningDelta("**Two cities**\n\nI need the weather for both, ", null, 0),
          new ChatEvent.ReasoningDelta("so two lookups.", null, 0));
      assertThat(d.ofType(ChatEvent.TextDelta.class)).containsExactly(new ChatEvent.TextDelta("Checking both cities.", 1));
      assertThat(d.ofType(ChatEvent.ToolCallDelta.class)).containsExactly(
          new ChatEvent.ToolCallDelta(0, null, "get_weather", "{\"location\":\"Paris\"}", 2),
          new ChatEvent.ToolCallDelta(1, null, "get_weather", "{\"location\":\"Tokyo\"}", 3));
      ChatResponse response = d.response();
      assertThat(response.text()).isEqualTo("Checking both cities.");
      assertThat(response.message().reasoning())
          .containsExactly(Reasoning.of("**Two cities**\n\nI need the weather for both, so two lookups."));
      assertThat(response.toolCalls()).containsExactly(
          new ToolCall("call_0", "get_weather", "{\"location\":\"Paris\"}",
              Map.of(GeminiProviderFactory.THOUGHT_SIGNATURE, "CtwBAVSoXO5streamedSigParis==")),
          new ToolCall("call_1", "get_weather", "{\"location\":\"Tokyo\"}"));
      assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
      assertThat(response.usage()).isEqualTo(new Usage(58L, 104L, null, null, 73L));
    }

    @Test
    void aSignatureOnAnEmptyLastPartIsKept() {
      Drained d = stream("data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Paris.\"}]}}]}\r\n\r\n"
          + "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"\",\"thoughtSignature\":\"sig-end\"}]},"
          + "\"finishReason\":\"STOP\"}]}\r\n\r\n");

      assertThat(d.ofType(ChatEvent.ReasoningDelta.class)).isEmpty();
      assertThat(d.response().message().blocks()).containsExactly(
          new AssistantBlock.Text("Paris.", Map.of(GeminiProviderFactory.THOUGHT_SIGNATURE, "sig-end")));
      assertThat(d.response().text()).isEqualTo("Paris.");
    }
  }

  @Nested
  class Failures {
    @Test
    void aStreamThatEndsBeforeAFinishReasonIsATruncatedStreamWithThePartialText() {
      LlmException e = stream(Fixtures.read("stream-truncated.sse")).failure();

      assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(e.retryable()).isTrue();
      assertThat(e.midStream()).isTrue();
      assertThat(e.httpStatus()).hasValue(200);
      ChatResponse partial = e.partialResponse().orElseThrow();
      assertThat(partial.text()).isEqualTo("This answer was cut");
      assertThat(partial.finishReason()).isEqualTo(FinishReason.ERROR);
      assertThat(partial.usage().inputTokens()).isEqualTo(5L);
    }

    @Test
    void aBareJsonErrorMidStreamIsClassifiedAndKeepsThePartialOutput() {
      LlmException e = stream(Fixtures.read("stream-overloaded-bare.sse")).failure();

      assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED);
      assertThat(e.retryable()).isTrue();
      assertThat(e.midStream()).isTrue();
      assertThat(e.httpStatus()).hasValue(200);
      assertThat(e.providerType()).contains("UNAVAILABLE");
      assertThat(e.providerMessage()).contains("The model is overloaded. Please try again later.");
      assertThat(e.model()).contains("gemini-2.5-flash");
      ChatResponse partial = e.partialResponse().orElseThrow();
      assertThat(partial.text()).isEqualTo("Partial answer");
      assertThat(partial.usage()).isEqualTo(new Usage(12L, 2L, null, null, null));
    }

    @Test
    void anErrorFramedAsAnEventIsClassifiedToo() {
      LlmException e = stream(Fixtures.read("stream-truncated.sse")
          + "data: {\"error\":{\"code\":500,\"message\":\"An internal error has occurred.\",\"status\":\"INTERNAL\"}}\r\n\r\n")
          .failure();

      assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
      assertThat(e.midStream()).isTrue();
      assertThat(e.partialResponse()).map(ChatResponse::text).contains("This answer was cut");
    }

    @Test
    void aBlockedPromptInTheFirstChunkIsAContentPolicyError() {
      LlmException e = stream("data: {\"promptFeedback\":{\"blockReason\":\"SAFETY\"},"
          + "\"usageMetadata\":{\"promptTokenCount\":8,\"totalTokenCount\":8}}\r\n\r\n").failure();

      assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_POLICY);
      assertThat(e.providerCode()).contains("SAFETY");
      assertThat(e.partialResponse()).map(r -> r.usage().inputTokens()).contains(8L);
    }

    @Test
    void aStreamWithoutAnyCandidateIsARetryableServerError() {
      LlmException e = stream("data: {\"usageMetadata\":{\"promptTokenCount\":8,\"totalTokenCount\":8}}\r\n\r\n").failure();

      assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
      assertThat(e.retryable()).isTrue();
      assertThat(e.midStream()).isTrue();
    }

    @Test
    void aChunkThatIsNotJsonIsAMalformedResponse() {
      LlmException e = stream("data: {not json\r\n\r\n").failure();

      assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(e.midStream()).isTrue();
    }

    @Test
    void anErrorStatusIsReadAsAnErrorBodyNotAsEvents() {
      gemini.answerError(429, ErrorMappingTest.QUOTA_EXCEEDED);

      Drained d = Drained.from(Fixtures.provider(gemini.baseUrl()).stream(Fixtures.hi()));

      assertThat(d.events()).isEmpty();
      LlmException e = d.failure();
      assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
      assertThat(e.midStream()).isFalse();
      assertThat(e.httpStatus()).hasValue(429);
      assertThat(e.retryAfter()).hasValueSatisfying(wait -> assertThat(wait.getSeconds()).isEqualTo(37));
    }
  }

  @Nested
  class Decoder {
    private final ObjectMapper mapper = new ObjectMapper();

    private List<ChatEvent> decodeInPieces(String sse, int pieceSize) {
      GeminiStreamDecoder decoder = new GeminiStreamDecoder(mapper,
          new GeminiErrors(mapper, Clock.systemUTC(), new Redactor(null)), "gemini-2.5-flash", Clock.systemUTC());
      List<ChatEvent> out = new ArrayList<>();
      byte[] bytes = sse.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < bytes.length; i += pieceSize) {
        decoder.feed(ByteBuffer.wrap(bytes, i, Math.min(pieceSize, bytes.length - i)), out::add);
      }
      decoder.finish(out::add);
      return out;
    }

    private ChatResponse completed(List<ChatEvent> events) {
      return ((ChatEvent.Completed) events.get(events.size() - 1)).response();
    }

    @Test
    void givesTheSameResultWhateverTheNetworkSplits() {
      String sse = Fixtures.read("stream-thinking-tools.sse");
      ChatResponse whole = completed(decodeInPieces(sse, Integer.MAX_VALUE));
      for (int size : new int[] {1, 2, 3, 7, 64}) {
        assertThat(completed(decodeInPieces(sse, size))).isEqualTo(whole);
      }
    }

    @Test
    void splitsMultiByteCharactersAcrossReadsWithoutDamage() {
      assertThat(completed(decodeInPieces(Fixtures.read("stream-text.sse"), 1)).text())
          .isEqualTo("Héllo wörld 🌍, how can I help?");
    }

    @Test
    void readsLfFramingCommentsAndALastEventWithoutItsBlankLine() {
      String sse = ": keep-alive\n" + Fixtures.read("stream-text.sse").replace("\r\n", "\n").stripTrailing();
      assertThat(completed(decodeInPieces(sse, 5)).text()).isEqualTo("Héllo wörld 🌍, how can I help?");
    }

    @Test
    void readsABareErrorWrappedInAnArray() {
      String sse = "[{\n  \"error\": {\n    \"code\": 504,\n    \"message\": \"Deadline {exceeded}\",\n"
          + "    \"status\": \"DEADLINE_EXCEEDED\"\n  }\n}\n]\n";
      LlmException e = org.assertj.core.api.Assertions.catchThrowableOfType(LlmException.class,
          () -> decodeInPieces(sse, 4));

      assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
      assertThat(e.providerMessage()).contains("Deadline {exceeded}");
    }
  }
}
