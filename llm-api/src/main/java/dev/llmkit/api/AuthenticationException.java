package dev.llmkit.api;

/** The key is missing, invalid or lacks permission for this model. */
public final class AuthenticationException extends LlmException {
  private static final long serialVersionUID = 1L;

  AuthenticationException(Builder builder) {
    super(builder);
  }
}
