package dev.llmkit.spi.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.LlmTimeoutException;
import dev.llmkit.api.RateLimit;
import dev.llmkit.api.RateLimitException;
import dev.llmkit.api.RateLimits;
import dev.llmkit.api.ResponseMetadata;
import dev.llmkit.api.Usage;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpErrorsTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

  private static HttpHeaders headers(String... namesAndValues) {
    return TestHeaders.of(namesAndValues);
  }

  @Nested
  class StatusTable {

    @ParameterizedTest
    @CsvSource({
        "400,INVALID_REQUEST", "422,INVALID_REQUEST", "401,AUTHENTICATION", "402,QUOTA_EXHAUSTED",
        "403,PERMISSION_DENIED", "404,NOT_FOUND", "408,TIMEOUT", "409,CONFLICT", "413,REQUEST_TOO_LARGE",
        "429,RATE_LIMITED", "500,SERVER_ERROR", "502,SERVER_ERROR", "503,OVERLOADED", "504,TIMEOUT",
        "529,OVERLOADED", "599,SERVER_ERROR", "405,INVALID_REQUEST", "415,INVALID_REQUEST", "451,INVALID_REQUEST"})
    void mapsEachStatusToItsKind(int status, ErrorKind kind) {
      assertThat(HttpErrors.kindForStatus(status)).isEqualTo(kind);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 409, 429, 500, 502, 503, 504, 529})
    void theStatusesTheSdksRetryAreRetryableByDefault(int status) {
      assertThat(HttpErrors.kindForStatus(status).retryableByDefault()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 402, 403, 404, 413, 422})
    void clientErrorsAreNotRetryableByDefault(int status) {
      assertThat(HttpErrors.kindForStatus(status).retryableByDefault()).isFalse();
    }
  }

  @Nested
  class FromResponse {

    @Test
    void fillsProviderStatusMessageRetryHintAndRequestId() {
      LlmException e = HttpErrors.fromResponse("openai", ErrorKind.RATE_LIMITED, 429,
              headers("retry-after", "2", "x-request-id", "req_abc"), "Rate limit reached", CLOCK)
          .build();

      assertThat(e).isInstanceOf(RateLimitException.class);
      assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
      assertThat(e.provider()).contains("openai");
      assertThat(e.httpStatus()).hasValue(429);
      assertThat(e.getMessage()).isEqualTo("Rate limit reached");
      assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
      assertThat(e.requestId()).contains("req_abc");
      assertThat(e.retryable()).isTrue();
      assertThat(e.midStream()).isFalse();
    }

    @Test
    void usesTheClockForHttpDateHints() {
      LlmException e = HttpErrors.fromResponse("p", ErrorKind.OVERLOADED, 503,
          headers("retry-after", "Wed, 01 Jan 2025 00:00:09 GMT"), "m", CLOCK).build();

      assertThat(e.retryAfter()).contains(Duration.ofSeconds(9));
    }

    @Test
    void prefersRetryAfterMs() {
      LlmException e = HttpErrors.fromResponse("azure", ErrorKind.RATE_LIMITED, 429,
          headers("retry-after", "1", "retry-after-ms", "1234"), "m", CLOCK).build();

      assertThat(e.retryAfter()).contains(Duration.ofMillis(1234));
    }

    @Test
    void takesAnthropicsRequestIdWhenThereIsNoXRequestId() {
      LlmException e = HttpErrors.fromResponse("anthropic", ErrorKind.OVERLOADED, 529,
          headers("request-id", "req_011"), "Overloaded", CLOCK).build();

      assertThat(e.requestId()).contains("req_011");
    }

    @Test
    void prefersXRequestIdOverRequestId() {
      LlmException e = HttpErrors.fromResponse("p", ErrorKind.SERVER_ERROR, 500,
          headers("request-id", "second", "x-request-id", "first"), "m", CLOCK).build();

      assertThat(e.requestId()).contains("first");
    }

    @Test
    void xShouldRetryTrueMakesANonRetryableStatusRetryable() {
      LlmException e = HttpErrors.fromResponse("p", ErrorKind.INVALID_REQUEST, 400,
          headers("x-should-retry", "true"), "m", CLOCK).build();

      assertThat(e.retryable()).isTrue();
    }

    @Test
    void xShouldRetryFalseMakesARetryableStatusFinal() {
      LlmException e = HttpErrors.fromResponse("p", ErrorKind.OVERLOADED, 503,
          headers("X-Should-Retry", " FALSE "), "m", CLOCK).build();

      assertThat(e.retryable()).isFalse();
    }

    @Test
    void withoutHeadersTheKindDecidesAndNothingElseIsSet() {
      LlmException e = HttpErrors.fromResponse("p", ErrorKind.SERVER_ERROR, 500, headers(), "m", CLOCK).build();

      assertThat(e.retryable()).isTrue();
      assertThat(e.retryAfter()).isEmpty();
      assertThat(e.requestId()).isEmpty();
      assertThat(e.providerCode()).isEmpty();
    }

    @Test
    void theBuilderCanStillBeRefined() {
      LlmException e = HttpErrors.fromResponse("openai", ErrorKind.INVALID_REQUEST, 400, headers(), "too long", CLOCK)
          .providerCode("context_length_exceeded")
          .model("gpt-4o")
          .build();

      assertThat(e.providerCode()).contains("context_length_exceeded");
      assertThat(e.model()).contains("gpt-4o");
    }
  }

  @Nested
  class RateLimitFigures {

    @Test
    void anErrorCarriesTheRateLimitHeaders() {
      LlmException e = HttpErrors.fromResponse("openai", ErrorKind.RATE_LIMITED, 429, headers(
          "x-ratelimit-limit-requests", "500", "x-ratelimit-remaining-requests", "0",
          "x-ratelimit-reset-requests", "20ms"), "slow down", CLOCK).build();

      assertThat(e.rateLimits().requests()).isEqualTo(new RateLimit(500L, 0L, CLOCK.instant().plusMillis(20)));
    }

    @Test
    void noHeadersNoFigures() {
      assertThat(HttpErrors.fromResponse("p", ErrorKind.SERVER_ERROR, 500, headers(), "m", CLOCK).build().rateLimits())
          .isEqualTo(RateLimits.NONE);
    }
  }

  @Nested
  class MidStream {
    private final ChatResponse partial = new ChatResponse("id", "p", "m", AssistantMessage.of("so far"),
        FinishReason.ERROR, "length", Usage.of(5, 2), null, Duration.ZERO,
        ResponseMetadata.of("req_h", new RateLimits(new RateLimit(9L, 8L, null), RateLimit.UNKNOWN,
            RateLimit.UNKNOWN, RateLimit.UNKNOWN), null, null));

    @Test
    void fillsStatusPartialAndWhatTheStreamSaid() {
      LlmException in = LlmException.builder(ErrorKind.OVERLOADED, "overloaded").provider("p").build();

      LlmException e = HttpErrors.midStream(in, 200, partial);

      assertThat(e.midStream()).isTrue();
      assertThat(e.httpStatus()).hasValue(200);
      assertThat(e.partialResponse()).containsSame(partial);
      assertThat(e.rawFinishReason()).contains("length");
      assertThat(e.requestId()).contains("req_h");
      assertThat(e.rateLimits()).isEqualTo(partial.metadata().rateLimits());
      assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED);
      assertThat(e.getMessage()).isEqualTo("overloaded");
      assertThat(e.getStackTrace()).isEqualTo(in.getStackTrace());
    }

    @Test
    void keepsWhatTheErrorAlreadySays() {
      ChatResponse own = partial.withMessage(AssistantMessage.of("own"), FinishReason.ERROR);
      RateLimits ownLimits = new RateLimits(RateLimit.UNKNOWN, new RateLimit(1L, 0L, null), RateLimit.UNKNOWN,
          RateLimit.UNKNOWN);
      LlmException in = LlmException.builder(ErrorKind.RATE_LIMITED, "m").httpStatus(429).requestId("req_e")
          .rawFinishReason("error").partialResponse(own).rateLimits(ownLimits).build();

      LlmException e = HttpErrors.midStream(in, 200, partial);

      assertThat(e).isInstanceOf(RateLimitException.class);
      assertThat(e.httpStatus()).hasValue(429);
      assertThat(e.requestId()).contains("req_e");
      assertThat(e.rawFinishReason()).contains("error");
      assertThat(e.partialResponse()).containsSame(own);
      assertThat(e.rateLimits()).isEqualTo(ownLimits);
    }

    @Test
    void withoutAPartialResponseOnlyTheStatusAndFlagAreAdded() {
      LlmException e = HttpErrors.midStream(LlmException.builder(ErrorKind.CONNECTION, "reset").build(), 200, null);

      assertThat(e.midStream()).isTrue();
      assertThat(e.httpStatus()).hasValue(200);
      assertThat(e.partialResponse()).isEmpty();
      assertThat(e.requestId()).isEmpty();
    }
  }

  @Nested
  class FromIoFailure {

    @Test
    void aConnectTimeoutIsAConnectionError() {
      HttpConnectTimeoutException t = new HttpConnectTimeoutException("HTTP connect timed out");

      LlmException e = HttpErrors.fromIoFailure("openai", t, false);

      assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION);
      assertThat(e.getMessage()).startsWith("timed out connecting to openai");
      assertThat(e.getCause()).isSameAs(t);
      assertThat(e.retryable()).isTrue();
    }

    @Test
    void aResponseTimeoutIsATimeout() {
      HttpTimeoutException t = new HttpTimeoutException("request timed out");

      LlmException e = HttpErrors.fromIoFailure("openai", t, false);

      assertThat(e).isInstanceOf(LlmTimeoutException.class);
      assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
      assertThat(e.getMessage()).isEqualTo("openai did not answer in time: request timed out");
    }

    @Test
    void aRefusedConnectionSaysWhatToCheck() {
      LlmException e = HttpErrors.fromIoFailure("ollama", new ConnectException(), false);

      assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION);
      assertThat(e.getMessage())
          .isEqualTo("cannot connect to ollama (ConnectException); check the base URL and the network");
    }

    @Test
    void anyOtherIoFailureIsAConnectionError() {
      IOException t = new IOException("HTTP/1.1 header parser received no bytes");

      LlmException e = HttpErrors.fromIoFailure("p", t, false);

      assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION);
      assertThat(e.getMessage()).isEqualTo("connection to p failed: HTTP/1.1 header parser received no bytes");
      assertThat(HttpErrors.fromIoFailure("p", new EOFException(), true).getMessage())
          .isEqualTo("connection to p failed: EOFException");
      assertThat(HttpErrors.fromIoFailure("p", new ClosedChannelException(), true).kind())
          .isEqualTo(ErrorKind.CONNECTION);
    }

    @Test
    void unwrapsCompletionAndExecutionExceptions() {
      ConnectException root = new ConnectException("Connection refused");
      Throwable wrapped = new CompletionException(new ExecutionException(root));

      LlmException e = HttpErrors.fromIoFailure("p", wrapped, false);

      assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION);
      assertThat(e.getCause()).isSameAs(root);
      assertThat(e.getMessage()).contains("Connection refused");
    }

    @Test
    void passesAnLlmExceptionThroughUnchanged() {
      LlmException original = LlmException.builder(ErrorKind.CONTENT_POLICY, "no").build();

      assertThat(HttpErrors.fromIoFailure("p", new CompletionException(original), true)).isSameAs(original);
    }

    @Test
    void anythingElseIsUnknown() {
      IllegalStateException t = new IllegalStateException("weird");

      LlmException e = HttpErrors.fromIoFailure("p", t, false);

      assertThat(e.kind()).isEqualTo(ErrorKind.UNKNOWN);
      assertThat(e.getMessage()).isEqualTo("call to p failed: weird");
      assertThat(e.getCause()).isSameAs(t);
    }

    @Test
    void aCompletionExceptionWithoutCauseIsItselfTheFailure() {
      CompletionException t = new CompletionException("bare", null);

      assertThat(HttpErrors.fromIoFailure("p", t, false).getCause()).isSameAs(t);
    }

    @Test
    void carriesTheProviderAndTheMidStreamFlag() {
      for (Throwable t : List.of(new HttpConnectTimeoutException("x"), new HttpTimeoutException("x"),
          new ConnectException("x"), new IOException("x"), new RuntimeException("x"))) {
        assertThat(HttpErrors.fromIoFailure("gemini", t, true))
            .as(t.getClass().getSimpleName())
            .satisfies(e -> {
              assertThat(e.provider()).contains("gemini");
              assertThat(e.midStream()).isTrue();
            });
        assertThat(HttpErrors.fromIoFailure("gemini", t, false).midStream()).isFalse();
      }
    }
  }

  @Nested
  class Snippets {

    @Test
    void keepsAShortBodyTrimmed() {
      assertThat(HttpErrors.snippet("  <html>Bad Gateway</html>\n".getBytes(StandardCharsets.UTF_8)))
          .isEqualTo("<html>Bad Gateway</html>");
    }

    @Test
    void cutsALongBodyAtFiveHundredCharacters() {
      String s = HttpErrors.snippet("x".repeat(10_000).getBytes(StandardCharsets.UTF_8));

      assertThat(s).hasSize(501).endsWith("…").startsWith("xxxx");
    }

    @Test
    void anEmptyBodyIsAnEmptySnippet() {
      assertThat(HttpErrors.snippet(new byte[0])).isEmpty();
    }

    @Test
    void multiByteTextSurvives() {
      assertThat(HttpErrors.snippet("Überlastet — 过载".getBytes(StandardCharsets.UTF_8))).isEqualTo("Überlastet — 过载");
    }
  }

  @Nested
  class ContextWindow {

    @ParameterizedTest
    @ValueSource(strings = {
        // OpenAI, Azure, DeepSeek, vLLM
        "This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens. "
            + "Please reduce the length of the messages.",
        "context_length_exceeded",
        "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens",
        // OpenRouter
        "This endpoint's maximum context length is 128000 tokens. However, you requested about 140000 tokens",
        // Mistral
        "Prompt contains 40000 tokens and 0 draft tokens, too large for model with 32768 maximum context length",
        // Anthropic
        "prompt is too long: 208310 tokens > 200000 maximum",
        "input length and `max_tokens` exceed context limit: 197779 + 4096 > 200000, decrease input length or "
            + "`max_tokens` and try again",
        // Gemini
        "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).",
        // Ollama
        "the input length exceeds the context length",
        "the prompt is longer than the context length currently available to the model",
        // generic
        "Request exceeds the model's context window",
        "PROMPT IS TOO LONG"})
    void recognisesEveryProvidersWording(String message) {
      assertThat(HttpErrors.looksLikeContextWindow(message)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Rate limit reached for gpt-4o",
        "Incorrect API key provided",
        "max_tokens: 300000 > 64000, which is the maximum allowed number of output tokens for claude-sonnet-4-5",
        "The input token count is fine",
        "Overloaded",
        "You exceeded your current quota, please check your plan and billing details",
        ""})
    void ignoresOtherErrors(String message) {
      assertThat(HttpErrors.looksLikeContextWindow(message)).isFalse();
    }

    @Test
    void ignoresNull() {
      assertThat(HttpErrors.looksLikeContextWindow(null)).isFalse();
    }
  }
}
