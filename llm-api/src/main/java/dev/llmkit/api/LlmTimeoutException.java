package dev.llmkit.api;

/** The call did not finish within its deadline. */
public final class LlmTimeoutException extends LlmException {
  private static final long serialVersionUID = 1L;

  LlmTimeoutException(Builder builder) {
    super(builder);
  }
}
