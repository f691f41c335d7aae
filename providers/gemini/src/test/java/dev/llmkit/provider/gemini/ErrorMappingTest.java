package dev.llmkit.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorMappingTest {
  @RegisterExtension
  static final GeminiStub gemini = new GeminiStub();

  static final String QUOTA_EXCEEDED = """
      {
        "error": {
          "code": 429,
          "message": "You exceeded your current quota, please check your plan and billing details.",
          "status": "RESOURCE_EXHAUSTED",
          "details": [
            {
              "@type": "type.googleapis.com/google.rpc.QuotaFailure",
              "violations": [
                {
                  "quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests",
                  "quotaId": "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
                  "quotaDimensions": {"location": "global", "model": "gemini-2.5-flash"},
                  "quotaValue": "10"
                }
              ]
            },
            {
              "@type": "type.googleapis.com/google.rpc.Help",
              "links": [{"description": "Learn more about Gemini API quotas", "url": "https://ai.google.dev/gemini-api/docs/rate-limits"}]
            },
            {
              "@type": "type.googleapis.com/google.rpc.RetryInfo",
              "retryDelay": "37s"
            }
          ]
        }
      }
      """;

  static String error(int code, String status, String message) {
    return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status + "\"}}";
  }

  static LlmException onRespond() {
    return catchThrowableOfType(LlmException.class, () -> Fixtures.provider(gemini.baseUrl()).respond(Fixtures.hi()));
  }

  /** The failure of a call made as {@code how} says: {@code respond}, {@code respondAsync} or {@code stream}. */
  static LlmException failure(String how) {
    switch (how) {
      case "respond":
        return onRespond();
      case "respondAsync":
        CompletionException wrapped = catchThrowableOfType(CompletionException.class,
            () -> Fixtures.provider(gemini.baseUrl()).respondAsync(Fixtures.hi()).join());
        return (LlmException) wrapped.getCause();
      default:
        return Drained.from(Fixtures.provider(gemini.baseUrl()).stream(Fixtures.hi())).failure();
    }
  }

  @Nested
  class ByStatus {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "400, INVALID_ARGUMENT,    Request contains an invalid argument.,                  INVALID_REQUEST,  false",
        "400, FAILED_PRECONDITION, User location is not supported for the API use.,       INVALID_REQUEST,  false",
        "401, UNAUTHENTICATED,     Request had invalid authentication credentials.,       AUTHENTICATION,   false",
        "403, PERMISSION_DENIED,   The caller does not have permission,                   PERMISSION_DENIED, false",
        "404, NOT_FOUND,           models/gemini-9-ultra is not found for API version v1beta., NOT_FOUND,  false",
        "429, RESOURCE_EXHAUSTED,  Resource has been exhausted (e.g. check quota).,       RATE_LIMITED,     true",
        "500, INTERNAL,            An internal error has occurred.,                       SERVER_ERROR,     true",
        "503, UNAVAILABLE,         The model is overloaded. Please try again later.,      OVERLOADED,       true",
        "504, DEADLINE_EXCEEDED,   Deadline expired before operation could complete.,     TIMEOUT,          true",
    })
    void classifiesTheRpcStatus(int code, String status, String message, ErrorKind kind, boolean retryable) {
      gemini.answerError(code, error(code, status, message));

      LlmException e = onRespond();

      assertThat(e.kind()).isEqualTo(kind);
      assertThat(e.retryable()).isEqualTo(retryable);
      assertThat(e.httpStatus()).hasValue(code);
      assertThat(e.providerType()).contains(status);
      assertThat(e.providerMessage()).contains(message);
      assertThat(e.provider()).contains("gemini");
      assertThat(e.model()).contains("gemini-2.5-flash");
      assertThat(e.getMessage()).contains(status).contains(message);
    }

    @Test
    void anInvalidKeyBehindA400IsAnAuthenticationErrorWithTheReasonAsCode() {
      gemini.answerError(400, """
          {"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.", "status": "INVALID_ARGUMENT",
            "details": [
              {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID",
               "domain": "googleapis.com", "metadata": {"service": "generativelanguage.googleapis.com"}},
              {"@type": "type.googleapis.com/google.rpc.LocalizedMessage", "locale": "en-US",
               "message": "API key not valid. Please pass a valid API key."}]}}
          """);

      LlmException e = onRespond();

      assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
      assertThat(e.providerCode()).contains("API_KEY_INVALID");
      assertThat(e.providerType()).contains("INVALID_ARGUMENT");
    }

    @Test
    void anInputThatIsTooLongIsAContextWindowError() {
      gemini.answerError(400, error(400, "INVALID_ARGUMENT",
          "The input token count (1200345) exceeds the maximum number of tokens allowed (1048576)."));

      LlmException e = onRespond();

      assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
      assertThat(e.retryable()).isFalse();
    }

    @Test
    void anErrorWrappedInAnArrayIsReadToo() {
      gemini.answerError(503, "[" + error(503, "UNAVAILABLE", "The model is overloaded.") + "]");

      LlmException e = onRespond();

      assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED);
      assertThat(e.providerType()).contains("UNAVAILABLE");
    }

    @Test
    void aProxysHtmlPageFallsBackOnTheHttpStatus() {
      gemini.answerError(502, "<html><body><h1>502 Bad Gateway</h1></body></html>");

      LlmException e = onRespond();

      assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
      assertThat(e.providerMessage()).isEmpty();
      assertThat(e.providerType()).isEmpty();
      assertThat(e.getMessage()).contains("502 Bad Gateway");
    }
  }

  @Nested
  class RetryHints {
    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"respond", "respondAsync", "stream"})
    void aQuotaErrorWaitsAsLongAsRetryInfoSays(String how) {
      gemini.answerError(429, QUOTA_EXCEEDED);

      LlmException e = failure(how);

      assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
      assertThat(e.retryable()).isTrue();
      assertThat(e.retryAfter()).contains(Duration.ofSeconds(37));
      assertThat(e.providerType()).contains("RESOURCE_EXHAUSTED");
      assertThat(e.providerMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("You exceeded your current quota"));
      assertThat(e.midStream()).isFalse();
    }

    @Test
    void aFractionalDelayIsKept() {
      gemini.answerError(429, QUOTA_EXCEEDED.replace("\"37s\"", "\"1.5s\""));

      assertThat(onRespond().retryAfter()).contains(Duration.ofMillis(1500));
    }

    @Test
    void aRetryAfterHeaderWinsOverTheBody() {
      gemini.answerError(429, QUOTA_EXCEEDED, "retry-after", "5");

      assertThat(onRespond().retryAfter()).contains(Duration.ofSeconds(5));
    }

    @Test
    void aPerDayQuotaWithoutRetryInfoIsNotRetryable() {
      gemini.answerError(429, QUOTA_EXCEEDED
          .replace("GenerateRequestsPerMinutePerProjectPerModel", "GenerateRequestsPerDayPerProjectPerModel")
          .replaceAll(",\\s*\\{\\s*\"@type\": \"type.googleapis.com/google.rpc.RetryInfo\",\\s*\"retryDelay\": \"37s\"\\s*}", ""));

      LlmException e = onRespond();

      assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
      assertThat(e.retryable()).isFalse();
      assertThat(e.retryAfter()).isEmpty();
    }

    @Test
    void aRequestIdHeaderIsKept() {
      gemini.answerError(500, error(500, "INTERNAL", "An internal error has occurred."), "x-request-id", "req-42");

      assertThat(onRespond().requestId()).contains("req-42");
    }
  }
}
