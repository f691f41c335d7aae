package dev.llmkit.api;

/** The prompt does not fit the model's context window; shorten or condense it. */
public final class ContextWindowExceededException extends LlmException {
  private static final long serialVersionUID = 1L;

  ContextWindowExceededException(Builder builder) {
    super(builder);
  }
}
