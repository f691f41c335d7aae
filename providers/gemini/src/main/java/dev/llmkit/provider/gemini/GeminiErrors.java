package dev.llmkit.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.support.HttpErrors;
import dev.llmkit.spi.support.Redactor;
import dev.llmkit.spi.support.RetryAfter;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Classifies Gemini errors, {@code {"error":{"code","message","status","details":[...]}}} (also inside
 * a one-element array, as some proxies send it), whether it came as a non-2xx body or in the middle of
 * a 200 stream. The {@code google.rpc} status decides, refined by the details and the message:
 * {@code ErrorInfo.reason} {@code API_KEY_INVALID} is an authentication failure behind a 400, "input
 * token count ... exceeds the maximum" a context-window overflow, and a {@code RESOURCE_EXHAUSTED}
 * whose only violated quota is per day, with no {@code RetryInfo}, is not worth retrying today. The HTTP
 * status is the fallback for bodies that are not Gemini's (a proxy's HTML page). Each error carries the
 * status as provider type, the {@code ErrorInfo.reason} as provider code, the redacted message, and the
 * wait of {@code RetryInfo.retryDelay} when no header gave one.
 */
final class GeminiErrors {
  private static final String PROVIDER = GeminiProviderFactory.ID;
  private static final String TYPE_PREFIX = "type.googleapis.com/google.rpc.";

  private final ObjectMapper mapper;
  private final Clock clock;
  private final Redactor redactor;

  GeminiErrors(ObjectMapper mapper, Clock clock, Redactor redactor) {
    this.mapper = mapper;
    this.clock = clock;
    this.redactor = redactor;
  }

  /** The redactor of this provider's key and headers. */
  Redactor redactor() {
    return redactor;
  }

  /** The error for a non-2xx response to a request for {@code model}. */
  LlmException fromResponse(int status, HttpHeaders headers, byte[] body, String model) {
    JsonNode error = errorObject(readTree(body));
    String type = error == null ? null : ChunkReader.text(error, "status");
    String detail = error == null ? null : ChunkReader.text(error, "message");
    String message = error != null
        ? "gemini returned HTTP " + status + (type == null ? "" : " (" + type + ")") + ": "
            + (detail != null ? detail : "no message")
        : "gemini returned HTTP " + status + ": " + describeBody(body);
    LlmException.Builder b = HttpErrors.fromResponse(
        PROVIDER, classify(type, detail, error, status), status, headers, redactor.scrub(message), clock);
    if (RetryAfter.parse(headers, clock).isEmpty()) {
      retryDelay(error).ifPresent(b::retryAfter); // Gemini sends its wait in the body, not in a header
    }
    return described(b, error, type, detail, model).build();
  }

  /** The error for a JSON error object that arrived inside a 200 stream ({@code midStream}). */
  LlmException fromStreamEvent(JsonNode event, String model) {
    JsonNode error = errorObject(event);
    String type = error == null ? null : ChunkReader.text(error, "status");
    String detail = error == null ? null : ChunkReader.text(error, "message");
    Integer code = error != null && error.path("code").isInt() ? error.get("code").asInt() : null;
    String message = "gemini stream failed with " + (type != null ? type : "an error")
        + ": " + (detail != null ? detail : "no message");
    LlmException.Builder b = LlmException.builder(classify(type, detail, error, code), redactor.scrub(message))
        .provider(PROVIDER).midStream(true).retryAfter(retryDelay(error).orElse(null));
    return described(b, error, type, detail, model).build();
  }

  /** True when {@code node} is (or wraps in an array) a Gemini error object. */
  static boolean isError(JsonNode node) {
    return errorObject(node) != null;
  }

  private LlmException.Builder described(
      LlmException.Builder b, @Nullable JsonNode error, @Nullable String type, @Nullable String detail, String model) {
    if (error != null && notRetryableQuota(type, error)) {
      b.retryable(false);
    }
    return b.model(model)
        .providerType(type)
        .providerCode(error == null ? null : errorInfoReason(error))
        .providerMessage(detail == null ? null : redactor.scrub(detail));
  }

  private static ErrorKind classify(@Nullable String type, @Nullable String message, @Nullable JsonNode error, @Nullable Integer status) {
    if ("API_KEY_INVALID".equals(error == null ? null : errorInfoReason(error))) {
      return ErrorKind.AUTHENTICATION;
    }
    if (type != null) {
      switch (type) {
        case "INVALID_ARGUMENT":
        case "OUT_OF_RANGE":
          return HttpErrors.looksLikeContextWindow(message) ? ErrorKind.CONTEXT_WINDOW_EXCEEDED : ErrorKind.INVALID_REQUEST;
        case "FAILED_PRECONDITION":
          return ErrorKind.INVALID_REQUEST; // billing not enabled, or a region the API does not serve
        case "UNAUTHENTICATED":
          return ErrorKind.AUTHENTICATION;
        case "PERMISSION_DENIED":
          return ErrorKind.PERMISSION_DENIED;
        case "NOT_FOUND":
          return ErrorKind.NOT_FOUND;
        case "RESOURCE_EXHAUSTED":
          return ErrorKind.RATE_LIMITED;
        case "ABORTED":
          return ErrorKind.CONFLICT;
        case "UNAVAILABLE":
          return ErrorKind.OVERLOADED;
        case "DEADLINE_EXCEEDED":
          return ErrorKind.TIMEOUT;
        case "INTERNAL":
        case "UNKNOWN":
          return ErrorKind.SERVER_ERROR;
        default:
          break;
      }
    }
    return status != null ? HttpErrors.kindForStatus(status) : ErrorKind.UNKNOWN;
  }

  /** A per-day quota with no retry hint: waiting minutes does not help, so the engine should not retry. */
  private static boolean notRetryableQuota(@Nullable String type, JsonNode error) {
    if (!"RESOURCE_EXHAUSTED".equals(type) || detail(error, "RetryInfo") != null) {
      return false;
    }
    JsonNode quota = detail(error, "QuotaFailure");
    if (quota == null || quota.path("violations").isEmpty()) {
      return false;
    }
    for (JsonNode violation : quota.path("violations")) {
      if (!violation.path("quotaId").asText("").contains("PerDay")) {
        return false;
      }
    }
    return true;
  }

  private static Optional<Duration> retryDelay(@Nullable JsonNode error) {
    JsonNode retry = error == null ? null : detail(error, "RetryInfo");
    String delay = retry == null ? null : ChunkReader.text(retry, "retryDelay");
    return delay == null ? Optional.empty() : RetryAfter.parseGoDuration(delay);
  }

  private static @Nullable String errorInfoReason(JsonNode error) {
    JsonNode info = detail(error, "ErrorInfo");
    return info == null ? null : ChunkReader.text(info, "reason");
  }

  private static @Nullable JsonNode detail(JsonNode error, String type) {
    for (JsonNode d : error.path("details")) {
      if ((TYPE_PREFIX + type).equals(d.path("@type").asText())) {
        return d;
      }
    }
    return null;
  }

  private static @Nullable JsonNode errorObject(@Nullable JsonNode root) {
    JsonNode node = root != null && root.isArray() && root.size() == 1 ? root.get(0) : root;
    return node != null && node.path("error").isObject() ? node.get("error") : null;
  }

  private @Nullable JsonNode readTree(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      return mapper.readTree(body);
    } catch (IOException notJson) {
      return null; // an HTML or plain-text body from a proxy
    }
  }

  private String describeBody(byte[] body) {
    String snippet = HttpErrors.snippet(body);
    return snippet.isEmpty() ? "empty body" : snippet;
  }
}
