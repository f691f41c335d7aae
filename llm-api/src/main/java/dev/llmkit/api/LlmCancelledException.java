package dev.llmkit.api;

/** The caller cancelled the call. */
public final class LlmCancelledException extends LlmException {
  private static final long serialVersionUID = 1L;

  LlmCancelledException(Builder builder) {
    super(builder);
  }
}
