package dev.llmkit.api;

/** A tool call could not be parsed or did not match the tool's schema. */
public final class FunctionCallValidationException extends LlmException {
  private static final long serialVersionUID = 1L;

  FunctionCallValidationException(Builder builder) {
    super(builder);
  }
}
