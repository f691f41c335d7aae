package dev.llmkit.testkit;

import static dev.llmkit.testkit.ProviderContractTest.API_KEY;
import static dev.llmkit.testkit.ProviderContractTest.hi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.llmkit.api.AuthenticationException;
import dev.llmkit.api.ContextWindowExceededException;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.RateLimitException;
import dev.llmkit.testkit.mock.MockError;
import dev.llmkit.testkit.mock.MockReply;
import dev.llmkit.testkit.mock.WireFeature;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Error mapping: each HTTP error the wire sends becomes the typed exception with everything it said. */
interface ErrorsContract extends ContractPart {
  @Test
  default void status401IsAnAuthenticationErrorThatKeepsTheKeySecret() {
    MockError wrongKey = MockError.of(ErrorKind.AUTHENTICATION);
    server().reply(MockReply.error(wrongKey));

    AuthenticationException error = catchThrowableOfType(AuthenticationException.class, () -> complete(hi()));

    assertThat(error).as("a wrong key must be an AuthenticationException").isNotNull();
    assertThat(error.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
    // 401 in most formats; Gemini answers a wrong key with 400 API_KEY_INVALID.
    assertThat(error.httpStatus()).hasValue(dialect().error(wrongKey, "req_contract").status());
    assertThat(error.retryable()).isFalse();
    assertThat(error.provider()).contains(providerId());
    if (wireHas(WireFeature.ERROR_CODE)) {
      assertThat(error.providerCode()).isPresent();
    }
    assertThat(error.getMessage()).isNotBlank().doesNotContain(API_KEY);
    assertThat(error.toString()).doesNotContain(API_KEY);
  }

  @Test
  default void status429WithRetryAfterIsARateLimitWithTheWait() {
    server().reply(MockReply.rateLimited(Duration.ofSeconds(7)));

    RateLimitException error = catchThrowableOfType(RateLimitException.class, () -> complete(hi()));

    assertThat(error).as("a 429 must be a RateLimitException").isNotNull();
    assertThat(error.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    if (wireHas(WireFeature.RETRY_AFTER)) {
      assertThat(error.retryAfter()).contains(Duration.ofSeconds(7));
    }
    assertThat(error.retryable()).isTrue();
    if (wireHas(WireFeature.REQUEST_ID)) {
      assertThat(error.requestId()).isPresent();
    }
  }

  @Test
  default void status500IsARetryableServerError() {
    server().reply(MockReply.serverError());

    LlmException error = catchThrowableOfType(LlmException.class, () -> complete(hi()));

    assertThat(error).isNotNull();
    assertThat(error.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
    assertThat(error.httpStatus()).hasValue(500);
    assertThat(error.retryable()).isTrue();
  }

  @Test
  default void status529IsARetryableOverload() {
    server().reply(MockReply.error(529, "overloaded_error", "Overloaded"));

    LlmException error = catchThrowableOfType(LlmException.class, () -> complete(hi()));

    assertThat(error).isNotNull();
    assertThat(error.kind()).isEqualTo(ErrorKind.OVERLOADED);
    assertThat(error.httpStatus()).hasValue(529);
    assertThat(error.retryable()).isTrue();
  }

  @Test
  default void aFullContextWindowIsAContextWindowExceededException() {
    server().reply(MockReply.contextWindowExceeded());

    ContextWindowExceededException error =
        catchThrowableOfType(ContextWindowExceededException.class, () -> complete(hi()));

    assertThat(error).as("the provider's context-window error must be recognised").isNotNull();
    assertThat(error.kind()).isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
    assertThat(error.httpStatus()).hasValue(400);
    assertThat(error.retryable()).isFalse();
  }

  @Test
  default void aTruncatedJsonBodyFailsInsteadOfLookingLikeASuccess() {
    server().reply(MockReply.text("half of this body is missing").truncated());

    assertThatThrownBy(() -> complete(hi())).isInstanceOf(LlmException.class);
  }
}
