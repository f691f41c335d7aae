package dev.llmkit.provider.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.llmkit.provider.anthropic.WireMetadataTest.ANTHROPIC_LIMITS;
import static dev.llmkit.provider.anthropic.WireMetadataTest.REQUEST_ID;
import static dev.llmkit.provider.anthropic.WireMetadataTest.eventStream;
import static dev.llmkit.provider.anthropic.WireMetadataTest.hi;
import static dev.llmkit.provider.anthropic.WireMetadataTest.withAnthropicHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.Usage;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fields an error carries besides its kind: what Anthropic said, and what the exchange said. */
class ErrorFieldsTest {
  @RegisterExtension
  static final StubServer server = new StubServer();

  static final String RATE_LIMITED = "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
      + "\"message\":\"This request would exceed the rate limit for your organization of 50 requests per minute.\"},"
      + "\"request_id\":\"" + REQUEST_ID + "\"}";

  static ResponseDefinitionBuilder rateLimited() {
    return withAnthropicHeaders(aResponse().withStatus(429).withHeader("content-type", "application/json")
        .withHeader("retry-after", "12").withBody(RATE_LIMITED));
  }

  static LlmException onComplete() {
    return catchThrowableOfType(LlmException.class, () -> Fixtures.provider(server.baseUrl()).complete(hi()));
  }

  static LlmException onCompleteAsync() {
    CompletionException wrapped = catchThrowableOfType(CompletionException.class,
        () -> Fixtures.provider(server.baseUrl()).completeAsync(hi()).join());
    return (LlmException) wrapped.getCause();
  }

  static LlmException onStream() {
    EventCollector c = EventCollector.drain(Fixtures.provider(server.baseUrl()).stream(hi()));
    assertThat(c.completed()).isFalse();
    return (LlmException) c.error();
  }

  /** The failure of a call made as {@code how} says: {@code complete}, {@code completeAsync} or {@code stream}. */
  static LlmException failure(String how) {
    switch (how) {
      case "complete":
        return onComplete();
      case "completeAsync":
        return onCompleteAsync();
      default:
        return onStream();
    }
  }

  static void assertRateLimitFields(LlmException e) {
    assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(e.providerMessage())
        .contains("This request would exceed the rate limit for your organization of 50 requests per minute.");
    assertThat(e.providerType()).contains("rate_limit_error");
    assertThat(e.providerCode()).contains("rate_limit_error");
    assertThat(e.requestId()).contains(REQUEST_ID);
    assertThat(e.rateLimits()).isEqualTo(ANTHROPIC_LIMITS);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(12));
    assertThat(e.httpStatus()).hasValue(429);
    assertThat(e.midStream()).isFalse();
    assertThat(e.partialResponse()).isEmpty();
  }

  @Nested
  class ErrorStatus {
    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"complete", "completeAsync", "stream"})
    void a429CarriesMessageTypeCodeRequestIdAndRateLimits(String how) {
      server.answer(StubServer.MESSAGES, rateLimited());

      assertRateLimitFields(failure(how));
    }

    @Test
    void theBodysRequestIdStandsInForAHeaderAProxyDropped() {
      server.answerError(529, "application/json", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
          + "\"message\":\"Overloaded\"},\"request_id\":\"req_011CBodyOnly\"}");

      LlmException e = onComplete();

      assertThat(e.requestId()).contains("req_011CBodyOnly");
      assertThat(e.providerType()).contains("overloaded_error");
      assertThat(e.providerMessage()).contains("Overloaded");
      assertThat(e.rateLimits().isEmpty()).isTrue();
    }

    @Test
    void aProxysHtmlPageIsNotTheProvidersMessage() {
      server.answerError(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");

      LlmException e = onComplete();

      assertThat(e.providerMessage()).isEmpty();
      assertThat(e.providerType()).isEmpty();
      assertThat(e.getMessage()).contains("502 Bad Gateway");
    }
  }

  @Nested
  class MidStream {
    static final String PARTIAL_TOOL_CALL_THEN_OVERLOADED = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_01Partial","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":40,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Checking."}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: content_block_start
        data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01B","name":"lookup","input":{}}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"sku\\": \\"B-"}}

        event: ping
        data: {"type": "ping"}

        event: error
        data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CStreamErr"}

        """;

    @Test
    void anErrorEventCarriesStatus200ThePartialTextToolCallAndUsage() {
      server.answer(StubServer.MESSAGES, withAnthropicHeaders(eventStream(PARTIAL_TOOL_CALL_THEN_OVERLOADED)));

      LlmException e = onStream();

      assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED);
      assertThat(e.httpStatus()).hasValue(200);
      assertThat(e.midStream()).isTrue();
      assertThat(e.providerType()).contains("overloaded_error");
      assertThat(e.providerCode()).contains("overloaded_error");
      assertThat(e.providerMessage()).contains("Overloaded");
      assertThat(e.requestId()).as("the event's own id").contains("req_011CStreamErr");
      assertThat(e.rateLimits()).as("from the 200's headers").isEqualTo(ANTHROPIC_LIMITS);
      assertThat(e.rawFinishReason()).isEmpty();
      ChatResponse partial = e.partialResponse().orElseThrow();
      assertThat(partial.id()).isEqualTo("msg_01Partial");
      assertThat(partial.provider()).isEqualTo("anthropic");
      assertThat(partial.model()).isEqualTo("claude-sonnet-4-5-20250929");
      assertThat(partial.text()).isEqualTo("Checking.");
      assertThat(partial.toolCalls()).containsExactly(new ToolCall("toolu_01B", "lookup", "{\"sku\": \"B-"));
      assertThat(partial.usage()).isEqualTo(new Usage(40L, 1L, 0L, 0L, null));
      assertThat(partial.finishReason()).isEqualTo(FinishReason.ERROR);
      assertThat(partial.metadata().requestId()).isEqualTo(REQUEST_ID);
    }

    @Test
    void anErrorAfterTheStopReasonCarriesIt() {
      String sse = Fixtures.read("stream-text.sse").replace("event: message_stop\ndata: {\"type\":\"message_stop\"}\n",
          "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}\n");
      server.answer(StubServer.MESSAGES, withAnthropicHeaders(eventStream(sse)));

      LlmException e = onStream();

      assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
      assertThat(e.rawFinishReason()).contains("max_tokens");
      assertThat(e.requestId()).as("no id in the event: the header's").contains(REQUEST_ID);
      ChatResponse partial = e.partialResponse().orElseThrow();
      assertThat(partial.text()).isEqualTo("Héllo wörld 🌍");
      assertThat(partial.rawFinishReason()).isEqualTo("max_tokens");
      assertThat(partial.usage().outputTokens()).isEqualTo(5L);
    }

    @Test
    void aTruncatedStreamCarriesStatus200AndThePartialText() {
      server.answerStream(Fixtures.read("stream-truncated.sse"));

      LlmException e = onStream();

      assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(e.httpStatus()).hasValue(200);
      assertThat(e.midStream()).isTrue();
      assertThat(e.partialResponse()).map(ChatResponse::text).contains("This answer was cut");
    }
  }

  @Nested
  class Secrets {
    @Test
    void aKeyEchoedInTheProvidersMessageIsRedactedEverywhere() {
      server.answerError(401, "application/json", "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
          + "\"message\":\"invalid x-api-key: " + TestContext.KEY + "\"},\"request_id\":\"req_011CAuth\"}");

      LlmException e = onComplete();

      assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
      assertThat(e.providerMessage()).hasValueSatisfying(m -> assertThat(m)
          .startsWith("invalid x-api-key").doesNotContain(TestContext.KEY).doesNotContain("never-logged"));
      assertThat(e.getMessage()).doesNotContain(TestContext.KEY).doesNotContain("never-logged");
      assertThat(e.toString()).doesNotContain(TestContext.KEY);
    }

    @Test
    void aKeyEchoedInAStreamErrorIsRedacted() {
      server.answerStream(Fixtures.read("stream-truncated.sse") + "\nevent: error\ndata: {\"type\":\"error\",\"error\":"
          + "{\"type\":\"api_error\",\"message\":\"gateway saw x-api-key " + TestContext.KEY + "\"}}\n\n");

      LlmException e = onStream();

      assertThat(e.providerMessage()).hasValueSatisfying(m -> assertThat(m)
          .contains("gateway saw").doesNotContain(TestContext.KEY).doesNotContain("never-logged"));
      assertThat(e.getMessage()).doesNotContain(TestContext.KEY);
    }
  }
}
