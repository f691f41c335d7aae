package dev.llmkit.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.llmkit.provider.openai.Fixtures.HI;
import static dev.llmkit.provider.openai.Fixtures.KEY;
import static dev.llmkit.provider.openai.Fixtures.collect;
import static dev.llmkit.provider.openai.Fixtures.providerAtNow;
import static dev.llmkit.provider.openai.Fixtures.request;
import static dev.llmkit.provider.openai.Fixtures.sse;
import static dev.llmkit.provider.openai.WireMetadataTest.OPENAI;
import static dev.llmkit.provider.openai.WireMetadataTest.OPENAI_LIMITS;
import static dev.llmkit.provider.openai.WireMetadataTest.OPENROUTER;
import static dev.llmkit.provider.openai.WireMetadataTest.eventStream;
import static dev.llmkit.provider.openai.WireMetadataTest.withOpenAiHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.Usage;
import dev.llmkit.spi.ProviderFactory;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fields an error carries besides its kind: what the provider said, and what the exchange said. */
class ErrorFieldsTest {
  @RegisterExtension
  static final StubServer server = new StubServer();

  static final String RATE_LIMITED = """
      {"error":{"message":"Rate limit reached for gpt-4o in organization org-abc on requests per min (RPM): Limit 10000, Used 10000, Requested 1.",
        "type":"requests","param":null,"code":"rate_limit_exceeded"}}
      """;

  static ResponseDefinitionBuilder rateLimited() {
    return withOpenAiHeaders(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
        .withHeader("retry-after", "1").withBody(RATE_LIMITED));
  }

  static LlmException onComplete(ProviderFactory factory, String model) {
    return catchThrowableOfType(LlmException.class, () -> providerAtNow(factory, server).complete(request(factory, model, HI)));
  }

  static LlmException onCompleteAsync(ProviderFactory factory, String model) {
    CompletionException wrapped = catchThrowableOfType(CompletionException.class,
        () -> providerAtNow(factory, server).completeAsync(request(factory, model, HI)).join());
    return (LlmException) wrapped.getCause();
  }

  static LlmException onStream(ProviderFactory factory, String model) {
    Fixtures.Collected c = collect(providerAtNow(factory, server).stream(request(factory, model, HI)));
    assertThat(c.completed()).isFalse();
    return (LlmException) c.error();
  }

  /** The failure of a call made as {@code how} says: {@code complete}, {@code completeAsync} or {@code stream}. */
  static LlmException failure(String how, ProviderFactory factory, String model) {
    switch (how) {
      case "complete":
        return onComplete(factory, model);
      case "completeAsync":
        return onCompleteAsync(factory, model);
      default:
        return onStream(factory, model);
    }
  }

  static void assertRateLimitFields(LlmException e) {
    assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(e.providerMessage()).hasValueSatisfying(m -> assertThat(m)
        .startsWith("Rate limit reached for gpt-4o").doesNotContain("openai returned"));
    assertThat(e.providerType()).contains("requests");
    assertThat(e.providerCode()).contains("rate_limit_exceeded");
    assertThat(e.requestId()).contains("req_8f3e2c1d9b7a4e6f");
    assertThat(e.rateLimits()).isEqualTo(OPENAI_LIMITS);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
    assertThat(e.httpStatus()).hasValue(429);
    assertThat(e.midStream()).isFalse();
    assertThat(e.partialResponse()).isEmpty();
  }

  @Nested
  class ErrorStatus {
    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"complete", "completeAsync", "stream"})
    void a429CarriesMessageTypeCodeRequestIdAndRateLimits(String how) {
      server.answer(rateLimited());

      assertRateLimitFields(failure(how, OPENAI, "gpt-4o"));
    }

    @Test
    void aContextWindowErrorNamesItsType() {
      server.answer(aResponse().withStatus(400).withHeader("x-request-id", "req_ctx").withBody("""
          {"error":{"message":"This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens. Please reduce the length of the messages.",
            "type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}
          """));

      LlmException e = onComplete(OPENAI, "gpt-4o");

      assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
      assertThat(e.providerType()).contains("invalid_request_error");
      assertThat(e.providerCode()).contains("context_length_exceeded");
      assertThat(e.providerMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("This model's maximum context"));
      assertThat(e.requestId()).contains("req_ctx");
    }

    @Test
    void openRoutersNumericCodeHasNoType() {
      server.answer(aResponse().withStatus(402).withBody("""
          {"error":{"code":402,"message":"Insufficient credits. Add more using https://openrouter.ai/credits"}}
          """));

      LlmException e = onComplete(OPENROUTER, "openai/gpt-4o");

      assertThat(e.providerMessage()).contains("Insufficient credits. Add more using https://openrouter.ai/credits");
      assertThat(e.providerType()).isEmpty();
      assertThat(e.providerCode()).contains("402");
      assertThat(e.rateLimits().isEmpty()).isTrue();
    }

    @Test
    void aProxysHtmlPageIsNotTheProvidersMessage() {
      server.answer(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
          .withBody("<html><body><h1>502 Bad Gateway</h1></body></html>"));

      LlmException e = onComplete(OPENAI, "gpt-4o");

      assertThat(e.providerMessage()).isEmpty();
      assertThat(e.providerType()).isEmpty();
      assertThat(e.getMessage()).contains("502 Bad Gateway");
    }

    @Test
    void anErrorBodyWithStatus200CarriesTheStatusAndTheHeaders() {
      server.answer(withOpenAiHeaders(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
          .withBody("{\"error\":{\"code\":503,\"message\":\"No instances available\"}}")));

      LlmException e = onComplete(OPENROUTER, "openai/gpt-4o");

      assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED);
      assertThat(e.httpStatus()).hasValue(200);
      assertThat(e.midStream()).isFalse();
      assertThat(e.providerMessage()).contains("No instances available");
      assertThat(e.requestId()).contains("req_8f3e2c1d9b7a4e6f");
      assertThat(e.rateLimits()).isEqualTo(OPENAI_LIMITS);
    }
  }

  @Nested
  class MidStream {
    static final String HEAD = "{\"id\":\"gen-1\",\"provider\":\"OpenAI\",\"model\":\"openai/gpt-4o\",\"object\":\"chat.completion.chunk\",";

    @Test
    void openRoutersErrorChunkCarriesStatus200ThePartialResponseAndFinishReason() {
      server.answer(withOpenAiHeaders(eventStream(sse(
          HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Checking \"},\"finish_reason\":null}]}",
          HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\","
              + "\"function\":{\"name\":\"lookup\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}",
          HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"sk\"}}]},"
              + "\"finish_reason\":null}]}",
          HEAD + "\"error\":{\"code\":\"server_error\",\"message\":\"Provider disconnected unexpectedly\"},"
              + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"error\"}],"
              + "\"usage\":{\"prompt_tokens\":90,\"completion_tokens\":12,\"total_tokens\":102}}"))));

      LlmException e = onStream(OPENROUTER, "openai/gpt-4o");

      assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
      assertThat(e.httpStatus()).hasValue(200);
      assertThat(e.midStream()).isTrue();
      assertThat(e.rawFinishReason()).contains("error");
      assertThat(e.providerMessage()).contains("Provider disconnected unexpectedly");
      assertThat(e.providerCode()).contains("server_error");
      assertThat(e.requestId()).as("from the 200's headers").contains("req_8f3e2c1d9b7a4e6f");
      assertThat(e.rateLimits()).isEqualTo(OPENAI_LIMITS);
      ChatResponse partial = e.partialResponse().orElseThrow();
      assertThat(partial.text()).isEqualTo("Checking ");
      assertThat(partial.toolCalls()).containsExactly(new ToolCall("call_a", "lookup", "{\"sk"));
      assertThat(partial.usage()).isEqualTo(new Usage(90L, 12L, null, null, null));
      assertThat(partial.finishReason()).isEqualTo(FinishReason.ERROR);
      assertThat(partial.rawFinishReason()).isEqualTo("error");
      assertThat(partial.id()).isEqualTo("gen-1");
      assertThat(partial.provider()).isEqualTo("openrouter");
    }

    @Test
    void openAisErrorChunkWithoutFinishReasonHasNone() {
      server.answer(eventStream(sse(
          StreamingTest.textChunk("Hello"),
          "{\"error\":{\"message\":\"The server had an error while processing your request. Sorry about that!\","
              + "\"type\":\"server_error\",\"param\":null,\"code\":null}}")));

      LlmException e = onStream(OPENAI, "gpt-4o");

      assertThat(e.httpStatus()).hasValue(200);
      assertThat(e.providerType()).contains("server_error");
      assertThat(e.providerMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("The server had an error"));
      assertThat(e.rawFinishReason()).isEmpty();
      assertThat(e.partialResponse()).map(ChatResponse::text).contains("Hello");
    }

    @Test
    void aTruncatedStreamKeepsTheFinishReasonAndUsageThatArrived() {
      server.answer(eventStream(sse(StreamingTest.textChunk("Hello"), StreamingTest.STOP, StreamingTest.USAGE)));

      LlmException e = onStream(OPENAI, "gpt-4o");

      assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(e.httpStatus()).hasValue(200);
      assertThat(e.midStream()).isTrue();
      assertThat(e.rawFinishReason()).contains("stop");
      ChatResponse partial = e.partialResponse().orElseThrow();
      assertThat(partial.text()).isEqualTo("Hello");
      assertThat(partial.usage()).isEqualTo(new Usage(90L, 18L, 0L, null, 0L));
    }
  }

  @Nested
  class Secrets {
    @Test
    void aKeyEchoedInTheProvidersMessageIsRedactedEverywhere() {
      server.answer(aResponse().withStatus(401).withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + KEY
          + ". You can find your API key at https://platform.openai.com/account/api-keys.\","
          + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}"));

      LlmException e = onComplete(OPENAI, "gpt-4o");

      assertThat(e.providerMessage()).hasValueSatisfying(m -> assertThat(m)
          .doesNotContain(KEY).doesNotContain("SECRET").contains("https://platform.openai.com/account/api-keys"));
      assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain("SECRET");
    }

    @Test
    void aKeyEchoedInAStreamErrorIsRedacted() {
      server.answer(eventStream(sse(StreamingTest.textChunk("a"),
          "{\"error\":{\"message\":\"upstream rejected Authorization: Bearer " + KEY + "\",\"type\":\"server_error\"}}")));

      LlmException e = onStream(OPENAI, "gpt-4o");

      assertThat(e.providerMessage()).hasValueSatisfying(m -> assertThat(m).doesNotContain(KEY).doesNotContain("SECRET")
          .contains("upstream rejected"));
      assertThat(e.getMessage()).doesNotContain(KEY);
    }
  }
}
