package dev.llmkit.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.llmkit.provider.openai.Fixtures.HI;
import static dev.llmkit.provider.openai.Fixtures.provider;
import static dev.llmkit.provider.openai.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.llmkit.api.AuthenticationException;
import dev.llmkit.api.ContentPolicyException;
import dev.llmkit.api.ContextWindowExceededException;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.RateLimitException;
import dev.llmkit.spi.ProviderFactory;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorMappingTest {
  @RegisterExtension
  static final StubServer server = new StubServer();

  static LlmException failure(ResponseDefinitionBuilder response) {
    return failure(new OpenAiProviderFactory(), "gpt-4o", response);
  }

  static LlmException failure(ProviderFactory factory, String model, ResponseDefinitionBuilder response) {
    server.answer(response);
    return catchThrowableOfType(LlmException.class,
        () -> provider(factory, server).complete(request(factory, model, HI)));
  }

  static ResponseDefinitionBuilder openAiError(int status, String message, String type, String code) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withHeader("x-request-id", "req_123")
        .withBody("{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,"
            + "\"code\":" + (code == null ? "null" : "\"" + code + "\"") + "}}");
  }

  @ParameterizedTest(name = "HTTP {0} -> {1}, retryable {2}")
  @CsvSource({
      "400, INVALID_REQUEST, false",
      "401, AUTHENTICATION, false",
      "402, QUOTA_EXHAUSTED, false",
      "403, PERMISSION_DENIED, false",
      "404, NOT_FOUND, false",
      "408, TIMEOUT, true",
      "409, CONFLICT, true",
      "413, REQUEST_TOO_LARGE, false",
      "422, INVALID_REQUEST, false",
      "429, RATE_LIMITED, true",
      "500, SERVER_ERROR, true",
      "502, SERVER_ERROR, true",
      "503, OVERLOADED, true"})
  void everyStatusMapsToItsKind(int status, ErrorKind kind, boolean retryable) {
    LlmException e = failure(openAiError(status, "went wrong", "some_error", "some_code"));

    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.retryable()).isEqualTo(retryable);
    assertThat(e.httpStatus()).hasValue(status);
    assertThat(e.provider()).contains("openai");
    assertThat(e.model()).contains("gpt-4o");
    assertThat(e.providerCode()).contains("some_code");
    assertThat(e.requestId()).contains("req_123");
    assertThat(e.midStream()).isFalse();
    assertThat(e.getMessage()).contains("HTTP " + status).contains("went wrong");
  }

  @Nested
  class Signatures {
    @Test
    void contextLengthExceededCodeIsAContextWindowError() {
      LlmException e = failure(openAiError(400,
          "This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens.",
          "invalid_request_error", "context_length_exceeded"));

      assertThat(e).isInstanceOf(ContextWindowExceededException.class);
      assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
      assertThat(e.providerCode()).contains("context_length_exceeded");
    }

    @Test
    void theContextWindowMessageAloneIsEnoughForVllmsFlatBody() {
      LlmException e = failure(new VllmProviderFactory(), "Qwen/Qwen3-8B", aResponse().withStatus(400).withBody("""
          {"object":"error","message":"This model's maximum context length is 32768 tokens. However, you requested 40000 tokens.",
           "type":"BadRequestError","param":null,"code":400}
          """));

      assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
      assertThat(e.providerCode()).contains("BadRequestError");
      assertThat(e.provider()).contains("vllm");
    }

    @Test
    void insufficientQuotaOn429IsQuotaExhaustedAndNotRetryable() {
      LlmException e = failure(openAiError(429,
          "You exceeded your current quota, please check your plan and billing details.",
          "insufficient_quota", "insufficient_quota"));

      assertThat(e).isInstanceOf(RateLimitException.class);
      assertThat(e.kind()).isEqualTo(ErrorKind.QUOTA_EXHAUSTED);
      assertThat(e.retryable()).isFalse();
    }

    @Test
    void azureContentFilterOnThePromptIsAContentPolicyError() {
      LlmException e = failure(openAiError(400,
          "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
          "invalid_request_error", "content_filter"));

      assertThat(e).isInstanceOf(ContentPolicyException.class);
      assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_POLICY);
    }

    @Test
    void mistralFlatErrorsAreRead() {
      LlmException e = failure(new MistralProviderFactory(), "mistral-large-latest", aResponse().withStatus(422).withBody("""
          {"object":"error","message":"Extra inputs are not permitted","type":"invalid_request_error","param":null,"code":null}
          """));

      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(e.getMessage()).contains("Extra inputs are not permitted");
      assertThat(e.providerCode()).contains("invalid_request_error");
    }

    @Test
    void openRouterNumericCodesAreRead() {
      LlmException e = failure(new OpenRouterProviderFactory(), "openai/gpt-4o", aResponse().withStatus(402).withBody("""
          {"error":{"code":402,"message":"Insufficient credits. Add more using https://openrouter.ai/credits"}}
          """));

      assertThat(e.kind()).isEqualTo(ErrorKind.QUOTA_EXHAUSTED);
      assertThat(e.providerCode()).contains("402");
      assertThat(e.getMessage()).contains("Insufficient credits");
    }

    @Test
    void anHtmlPageFromAProxyBecomesASnippet() {
      LlmException e = failure(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
          .withBody("<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"));

      assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
      assertThat(e.getMessage()).contains("502 Bad Gateway");
      assertThat(e.providerCode()).isEmpty();
    }

    @Test
    void anEmptyBodyIsSaidToBeEmpty() {
      LlmException e = failure(aResponse().withStatus(500));

      assertThat(e.getMessage()).contains("(empty body)");
    }
  }

  @Nested
  class RetryAfterHints {
    @Test
    void retryAfterMillisecondsWinOverSeconds() {
      LlmException e = failure(openAiError(429, "Rate limit", "requests", "rate_limit_exceeded")
          .withHeader("retry-after-ms", "1500").withHeader("retry-after", "9"));

      assertThat(e.retryAfter()).contains(Duration.ofMillis(1500));
    }

    @Test
    void retryAfterSecondsAreRead() {
      LlmException e = failure(openAiError(429, "Rate limit", "requests", "rate_limit_exceeded")
          .withHeader("retry-after", "20"));

      assertThat(e).isInstanceOf(RateLimitException.class);
      assertThat(e.retryAfter()).contains(Duration.ofSeconds(20));
    }

    @Test
    void withoutRetryAfterTheResetHeaderOfTheExhaustedLimitIsUsed() {
      LlmException e = failure(openAiError(429, "Rate limit reached for tokens", "tokens", "rate_limit_exceeded")
          .withHeader("x-ratelimit-remaining-requests", "99").withHeader("x-ratelimit-reset-requests", "120ms")
          .withHeader("x-ratelimit-remaining-tokens", "0").withHeader("x-ratelimit-reset-tokens", "6m0s"));

      assertThat(e.retryAfter()).contains(Duration.ofMinutes(6));
    }

    @Test
    void groqsTryAgainInMessageIsTheLastResort() {
      LlmException e = failure(new GroqProviderFactory(), "llama-3.3-70b-versatile", openAiError(429,
          "Rate limit reached for model llama-3.3-70b-versatile on tokens per minute (TPM). Please try again in 5.289s.",
          "tokens", "rate_limit_exceeded"));

      assertThat(e.retryAfter()).contains(Duration.ofMillis(5289));
    }

    @Test
    void xShouldRetryOverridesTheDefault() {
      LlmException e = failure(openAiError(500, "boom", "server_error", null).withHeader("x-should-retry", "false"));

      assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
      assertThat(e.retryable()).isFalse();
    }
  }

  @Nested
  class Secrets {
    @Test
    void aKeyEchoedByTheServerNeverReachesTheException() {
      LlmException e = failure(openAiError(401,
          "Incorrect API key provided: " + Fixtures.KEY + ". You can find your API key at https://platform.openai.com/account/api-keys.",
          "invalid_request_error", "invalid_api_key"));

      assertThat(e).isInstanceOf(AuthenticationException.class);
      assertThat(e.getMessage()).doesNotContain(Fixtures.KEY).doesNotContain("SECRET").contains("api-keys");
      assertThat(e.toString()).doesNotContain(Fixtures.KEY);
    }

    @Test
    void aMaskedKeyEchoIsRemovedToo() {
      LlmException e = failure(openAiError(401,
          "Incorrect API key provided: sk-proj-********************************************Wx9Q.",
          "invalid_request_error", "invalid_api_key"));

      assertThat(e.getMessage()).doesNotContain("Wx9Q");
    }
  }
}
