package dev.llmkit.testkit.mock;

import dev.llmkit.api.ErrorKind;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP error a reply scripts, independent of the wire format: the condition (as the {@link ErrorKind}
 * a correct provider maps it to) and whatever the script fixes verbatim. Each {@link WireDialect}
 * renders it with its own status, body and headers; a field left {@code null} takes the dialect's
 * wording for the condition.
 *
 * <pre>{@code
 * mock.reply(MockReply.error(MockError.of(ErrorKind.PERMISSION_DENIED)));     // each format's own 403
 * ErrorReply wire = WireDialects.gemini().error(MockError.rateLimited(Duration.ofSeconds(7)), "req_1");
 * }</pre>
 *
 * @param kind the condition; {@link ErrorKind#UNKNOWN} for an error scripted by status and type only
 * @param status the HTTP status, or {@code null} for the dialect's status for {@code kind}
 * @param type the provider's error type or status string, or {@code null} for the dialect's
 * @param message the error message, or {@code null} for the dialect's
 * @param retryAfter how long the server asks the client to wait, or {@code null} for no hint
 */
public record MockError(
    ErrorKind kind,
    @Nullable Integer status,
    @Nullable String type,
    @Nullable String message,
    @Nullable Duration retryAfter) {

  public MockError {
    Objects.requireNonNull(kind, "kind");
    if (status != null && (status < 400 || status > 599)) {
      throw new IllegalArgumentException("an error status is 4xx or 5xx, got " + status);
    }
  }

  /** The condition in each dialect's own words. */
  public static MockError of(ErrorKind kind) {
    return new MockError(kind, null, null, null, null);
  }

  /** A rate limit that asks the client to wait. */
  public static MockError rateLimited(Duration retryAfter) {
    return new MockError(ErrorKind.RATE_LIMITED, null, null, null, Objects.requireNonNull(retryAfter, "retryAfter"));
  }

  /** An error given by status, type and message, the same in every format. */
  public static MockError custom(int status, String type, String message) {
    return new MockError(ErrorKind.UNKNOWN, status, Objects.requireNonNull(type, "type"),
        Objects.requireNonNull(message, "message"), null);
  }

  /** An in-band stream error of the given type; its HTTP twin takes the status its type suggests. */
  static MockError inBand(String type, String message) {
    ErrorKind kind = type.contains("overloaded") ? ErrorKind.OVERLOADED
        : type.contains("rate_limit") ? ErrorKind.RATE_LIMITED : ErrorKind.SERVER_ERROR;
    return new MockError(kind, null, type, message, null);
  }

  /** The scripted status, else the dialect's. */
  public int statusOr(int dialectStatus) {
    return status != null ? status : dialectStatus;
  }

  /**
   * The scripted status, else the status this kind usually has; for the conditions a dialect has no
   * wording of its own for.
   */
  public int usualStatus() {
    return statusOr(switch (kind) {
      case INVALID_REQUEST, CONTEXT_WINDOW_EXCEEDED, CONTENT_POLICY -> 400;
      case AUTHENTICATION -> 401;
      case QUOTA_EXHAUSTED -> 402;
      case PERMISSION_DENIED -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case REQUEST_TOO_LARGE -> 413;
      case RATE_LIMITED -> 429;
      case OVERLOADED -> 503;
      case TIMEOUT -> 504;
      default -> 500;
    });
  }

  /** The scripted type, else the dialect's. */
  public String typeOr(String dialectType) {
    return type != null ? type : dialectType;
  }

  /** The scripted message, else the dialect's. */
  public String messageOr(String dialectMessage) {
    return message != null ? message : dialectMessage;
  }

  /** {@code headers} plus {@code retry-after} in whole seconds when the error asks the client to wait. */
  public Map<String, String> withRetryAfter(Map<String, String> headers) {
    if (retryAfter == null) {
      return headers;
    }
    Map<String, String> out = new LinkedHashMap<>(headers);
    out.put("retry-after", Long.toString(retryAfterSeconds()));
    return out;
  }

  /** The wait in whole seconds, rounded up (as {@code retry-after} carries it); 0 without a hint. */
  public long retryAfterSeconds() {
    return retryAfter == null ? 0 : Math.max(0, (retryAfter.toMillis() + 999) / 1000);
  }
}
