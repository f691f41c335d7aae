package dev.llmkit.testkit;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import java.time.Duration;
import org.assertj.core.api.AbstractThrowableAssert;

/**
 * AssertJ assertions on an {@link LlmException}; start with {@link LlmAssertions#assertThat(LlmException)}.
 *
 * <pre>{@code
 * assertThat(error).hasKind(ErrorKind.AUTHENTICATION).hasHttpStatus(401).isNotRetryable();
 * }</pre>
 */
public final class LlmExceptionAssert extends AbstractThrowableAssert<LlmExceptionAssert, LlmException> {

  LlmExceptionAssert(LlmException actual) {
    super(actual, LlmExceptionAssert.class);
  }

  public LlmExceptionAssert hasKind(ErrorKind expected) {
    isNotNull();
    if (actual.kind() != expected) {
      failWithMessage("Expected error kind <%s> but was <%s> (%s)", expected, actual.kind(), actual.getMessage());
    }
    return this;
  }

  public LlmExceptionAssert hasHttpStatus(int expected) {
    isNotNull();
    if (actual.httpStatus().isEmpty() || actual.httpStatus().getAsInt() != expected) {
      failWithMessage("Expected HTTP status <%s> but was <%s>", expected, actual.httpStatus());
    }
    return this;
  }

  public LlmExceptionAssert isRetryable() {
    isNotNull();
    if (!actual.retryable()) {
      failWithMessage("Expected a retryable error but <%s> is not", actual);
    }
    return this;
  }

  public LlmExceptionAssert isNotRetryable() {
    isNotNull();
    if (actual.retryable()) {
      failWithMessage("Expected a non-retryable error but <%s> is retryable", actual);
    }
    return this;
  }

  public LlmExceptionAssert hasRetryAfter(Duration expected) {
    isNotNull();
    if (!actual.retryAfter().equals(java.util.Optional.of(expected))) {
      failWithMessage("Expected retry-after <%s> but was <%s>", expected, actual.retryAfter());
    }
    return this;
  }

  public LlmExceptionAssert hasProviderCode(String expected) {
    isNotNull();
    if (!actual.providerCode().equals(java.util.Optional.of(expected))) {
      failWithMessage("Expected provider code <%s> but was <%s>", expected, actual.providerCode());
    }
    return this;
  }

  /** The error arrived inside a stream that had already started. */
  public LlmExceptionAssert isMidStream() {
    isNotNull();
    if (!actual.midStream()) {
      failWithMessage("Expected a mid-stream error but <%s> is not", actual);
    }
    return this;
  }
}
