package dev.llmkit.api;

/**
 * What went wrong, normalized across providers. {@link #retryableByDefault()} is the engine's
 * default retry decision; a provider may override it per error (e.g. an {@code x-should-retry} header).
 */
public enum ErrorKind {
  /** The request or config is invalid (a field names what). */
  INVALID_REQUEST(false),
  /** llmkit is not set up for this call: unknown provider, missing key, bad base URL. */
  CONFIGURATION(false),
  AUTHENTICATION(false),
  PERMISSION_DENIED(false),
  NOT_FOUND(false),
  CONTEXT_WINDOW_EXCEEDED(false),
  REQUEST_TOO_LARGE(false),
  CONTENT_POLICY(false),
  RATE_LIMITED(true),
  /** Billing, credits or a spend limit: waiting does not help. */
  QUOTA_EXHAUSTED(false),
  TIMEOUT(true),
  OVERLOADED(true),
  SERVER_ERROR(true),
  /** The connection failed or was reset before a response arrived. */
  CONNECTION(true),
  /** A 409 or similar transient conflict. */
  CONFLICT(true),
  /** The provider answered with something that could not be read (bad JSON, truncated stream). */
  MALFORMED_RESPONSE(false),
  BUDGET_EXCEEDED(false),
  FUNCTION_CALL_VALIDATION(false),
  CANCELLED(false),
  UNKNOWN(false);

  private final boolean retryableByDefault;

  ErrorKind(boolean retryableByDefault) {
    this.retryableByDefault = retryableByDefault;
  }

  public boolean retryableByDefault() {
    return retryableByDefault;
  }
}
