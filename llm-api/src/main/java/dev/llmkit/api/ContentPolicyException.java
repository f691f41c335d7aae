package dev.llmkit.api;

/** The provider's safety system refused the prompt or the output. */
public final class ContentPolicyException extends LlmException {
  private static final long serialVersionUID = 1L;

  ContentPolicyException(Builder builder) {
    super(builder);
  }
}
