package dev.llmkit.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.llmkit.api.AuthenticationException;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ContextWindowExceededException;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.LlmTimeoutException;
import dev.llmkit.api.RateLimitException;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorMappingTest {
  @RegisterExtension
  static final StubServer server = new StubServer();

  private static String errorBody(String type, String message) {
    return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"},"
        + "\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}";
  }

  private static LlmException failure() {
    return catchThrowableOfType(LlmException.class, () -> Fixtures.provider(server.baseUrl())
        .complete(Fixtures.request("claude-sonnet-4-5", ChatRequest.builder().user("Hi").build())));
  }

  @Nested
  class ByErrorType {
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "400, invalid_request_error, INVALID_REQUEST,   false",
        "401, authentication_error,  AUTHENTICATION,    false",
        "402, billing_error,         QUOTA_EXHAUSTED,   false",
        "403, permission_error,      PERMISSION_DENIED, false",
        "404, not_found_error,       NOT_FOUND,         false",
        "413, request_too_large,     REQUEST_TOO_LARGE, false",
        "429, rate_limit_error,      RATE_LIMITED,      true",
        "500, api_error,             SERVER_ERROR,      true",
        "504, timeout_error,         TIMEOUT,           true",
        "529, overloaded_error,      OVERLOADED,        true",
    })
    void classifiesEachTypeWithStatusCodeAndRequestId(int status, String type, ErrorKind kind, boolean retryable) {
      server.answerError(status, "application/json", errorBody(type, "something about " + type));
      LlmException e = failure();
      assertThat(e.kind()).isEqualTo(kind);
      assertThat(e.retryable()).isEqualTo(retryable);
      assertThat(e.httpStatus()).hasValue(status);
      assertThat(e.providerCode()).contains(type);
      assertThat(e.provider()).contains("anthropic");
      assertThat(e.model()).contains("claude-sonnet-4-5");
      assertThat(e.requestId()).contains("req_011CSHoEeqs5C35K2UUqR7Fy");
      assertThat(e.midStream()).isFalse();
      assertThat(e.getMessage()).contains(String.valueOf(status)).contains(type).contains("something about " + type)
          .doesNotContain(TestContext.KEY);
    }

    @Test
    void picksTheSubclassesCallersCatch() {
      server.answerError(401, "application/json", errorBody("authentication_error", "invalid x-api-key"));
      assertThat(failure()).isInstanceOf(AuthenticationException.class);
      server.reset();
      server.answerError(504, "application/json", errorBody("timeout_error", "Request timed out"));
      assertThat(failure()).isInstanceOf(LlmTimeoutException.class);
    }

    @Test
    void readsAPromptThatIsTooLongAsContextWindowExceeded() {
      server.answerError(400, "application/json",
          errorBody("invalid_request_error", "prompt is too long: 208131 tokens > 200000 maximum"));
      LlmException e = failure();
      assertThat(e).isInstanceOf(ContextWindowExceededException.class);
      assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
      assertThat(e.providerCode()).contains("invalid_request_error");
    }

    @Test
    void readsAnEmptyCreditBalanceAsQuotaExhausted() {
      server.answerError(400, "application/json", errorBody("invalid_request_error",
          "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade."));
      assertThat(failure().kind()).isEqualTo(ErrorKind.QUOTA_EXHAUSTED);
    }

    @Test
    void readsASpendLimitAsQuotaExhaustedNotARate() {
      server.answerError(429, "application/json", "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
          + "\"message\":\"You have reached your specified workspace API usage limits.\","
          + "\"details\":{\"error_code\":\"enforced_spend_limit_reached\"}}}");
      LlmException e = failure();
      assertThat(e.kind()).isEqualTo(ErrorKind.QUOTA_EXHAUSTED);
      assertThat(e.retryable()).isFalse();
    }

    @Test
    void fallsBackToTheStatusForABodyThatIsNotJson() {
      server.answerError(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");
      LlmException e = failure();
      assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
      assertThat(e.httpStatus()).hasValue(502);
      assertThat(e.providerCode()).isEmpty();
      assertThat(e.getMessage()).contains("502").contains("Bad Gateway");
    }

    @Test
    void handlesAnEmptyBody() {
      server.answerError(529, "application/json", "");
      LlmException e = failure();
      assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED);
      assertThat(e.getMessage()).contains("529").contains("empty body");
    }

    @Test
    void honoursXShouldRetry() {
      server.answerError(500, "application/json", errorBody("api_error", "Internal server error"), "x-should-retry", "false");
      assertThat(failure().retryable()).isFalse();
    }
  }

  @Nested
  class RetryHints {
    @Test
    void readsRetryAfterSeconds() {
      server.answerError(429, "application/json", errorBody("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"),
          "retry-after", "17",
          "anthropic-ratelimit-requests-remaining", "0",
          "anthropic-ratelimit-requests-reset", "2026-03-01T12:00:45Z");
      LlmException e = failure();
      assertThat(e).isInstanceOf(RateLimitException.class);
      assertThat(e.retryAfter()).contains(Duration.ofSeconds(17));
    }

    @Test
    void computesTheWaitFromTheResetOfTheExhaustedFamilyWhenRetryAfterIsMissing() {
      server.answerError(429, "application/json", errorBody("rate_limit_error", "rate limited"),
          "anthropic-ratelimit-requests-limit", "50",
          "anthropic-ratelimit-requests-remaining", "12",
          "anthropic-ratelimit-requests-reset", "2026-03-01T12:00:05Z",
          "anthropic-ratelimit-input-tokens-limit", "30000",
          "anthropic-ratelimit-input-tokens-remaining", "0",
          "anthropic-ratelimit-input-tokens-reset", "2026-03-01T12:00:42Z",
          "anthropic-ratelimit-output-tokens-remaining", "7000",
          "anthropic-ratelimit-output-tokens-reset", "2026-03-01T12:00:59Z");
      assertThat(failure().retryAfter()).contains(Duration.ofSeconds(42));
    }

    @Test
    void hasNoHintWhenNoFamilyIsExhausted() {
      server.answerError(429, "application/json", errorBody("rate_limit_error", "rate limited"),
          "anthropic-ratelimit-tokens-remaining", "10",
          "anthropic-ratelimit-tokens-reset", "2026-03-01T12:00:42Z");
      assertThat(failure().retryAfter()).isEmpty();
    }

    @Test
    void anOverloadedAnswerIsRetryableWithItsRetryAfter() {
      server.answerError(529, "application/json", errorBody("overloaded_error", "Overloaded"), "retry-after", "3");
      LlmException e = failure();
      assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED);
      assertThat(e.retryable()).isTrue();
      assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
    }
  }
}
