package dev.llmkit.api;

/** A configured spending budget would be exceeded by this call. */
public final class BudgetExceededException extends LlmException {
  private static final long serialVersionUID = 1L;

  BudgetExceededException(Builder builder) {
    super(builder);
  }
}
