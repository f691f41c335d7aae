package dev.llmkit.core.store;

/** What a shared store does when its server cannot answer in time (down, unreachable, too slow). */
public enum FailPolicy {
  /**
   * Carry on with this process's in-memory store (a warning is logged now and then, and a fallback
   * is counted): limits then hold per process until the server is back.
   */
  FAIL_OPEN,
  /**
   * Refuse the operation with an {@link dev.llmkit.api.LlmException} of kind {@code CONNECTION}
   * ({@code AUTHENTICATION} when the server refuses the credentials).
   */
  FAIL_CLOSED
}
