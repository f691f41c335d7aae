package dev.llmkit.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.support.HttpErrors;
import dev.llmkit.spi.support.Redactor;
import dev.llmkit.spi.support.ResponseHeaders;
import dev.llmkit.spi.support.RetryAfter;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Classifies Anthropic errors: a non-2xx body {@code {"type":"error","error":{"type","message"},
 * "request_id"}} or an in-band {@code event: error} inside a 200 stream. The structured
 * {@code error.type} decides first, the message text refines (context window, credit balance), the
 * HTTP status is the fallback for bodies that are not Anthropic's (a proxy's HTML page, say). Each
 * error carries {@code error.type} as provider type (and, as before, as provider code), the redacted
 * {@code error.message}, the request id of the headers or the body, and the rate-limit headers.
 */
final class AnthropicErrors {
  private static final String PROVIDER = AnthropicProviderFactory.ID;
  private static final List<String> RATE_LIMIT_FAMILIES = List.of("requests", "tokens", "input-tokens", "output-tokens");

  private final ObjectMapper mapper;
  private final Clock clock;
  private final Redactor redactor;

  AnthropicErrors(ObjectMapper mapper, Clock clock, Redactor redactor) {
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
    JsonNode root = readTree(body);
    JsonNode error = root != null && root.path("error").isObject() ? root.get("error") : null;
    String type = error == null ? null : text(error, "type");
    String detail = error == null ? null : text(error, "message");
    ErrorKind kind = classify(type, detail, error, status);
    String message = type != null
        ? "anthropic returned HTTP " + status + " (" + type + "): " + (detail != null ? detail : "no message")
        : "anthropic returned HTTP " + status + ": " + describeBody(body);
    LlmException.Builder b = described(
        HttpErrors.fromResponse(PROVIDER, kind, status, headers, redactor.scrub(message), clock), type, detail, model);
    if (RetryAfter.parse(headers, clock).isEmpty()) {
      rateLimitReset(headers).ifPresent(b::retryAfter);
    }
    if (root != null && ResponseHeaders.requestId(headers) == null) {
      b.requestId(text(root, "request_id")); // a proxy may drop the header; the body has the same id
    }
    return b.build();
  }

  /** The error for an {@code event: error} that arrived inside a 200 stream. */
  LlmException fromStreamEvent(JsonNode event, String model) {
    JsonNode error = event.path("error");
    String type = text(error, "type");
    String detail = text(error, "message");
    ErrorKind kind = classify(type, detail, error, null);
    String message = "anthropic stream failed with " + (type != null ? type : "an error")
        + ": " + (detail != null ? detail : "no message");
    return described(LlmException.builder(kind, redactor.scrub(message)).provider(PROVIDER), type, detail, model)
        .midStream(true)
        .requestId(text(event, "request_id"))
        .build();
  }

  private LlmException.Builder described(
      LlmException.Builder b, @Nullable String type, @Nullable String detail, String model) {
    return b.model(model)
        .providerCode(type)
        .providerType(type)
        .providerMessage(detail == null ? null : redactor.scrub(detail));
  }

  static ErrorKind classify(@Nullable String type, @Nullable String message, @Nullable JsonNode error, @Nullable Integer status) {
    String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (type != null) {
      switch (type) {
        case "invalid_request_error":
          if (lower.contains("prompt is too long") || HttpErrors.looksLikeContextWindow(message)
              || lower.contains("context limit")) {
            return ErrorKind.CONTEXT_WINDOW_EXCEEDED;
          }
          // Anthropic reports an empty prepaid balance as a 400 invalid_request_error.
          return lower.contains("credit balance") ? ErrorKind.QUOTA_EXHAUSTED : ErrorKind.INVALID_REQUEST;
        case "authentication_error":
          return ErrorKind.AUTHENTICATION;
        case "permission_error":
          return ErrorKind.PERMISSION_DENIED;
        case "not_found_error":
          return ErrorKind.NOT_FOUND;
        case "request_too_large":
          return ErrorKind.REQUEST_TOO_LARGE;
        case "rate_limit_error":
          return spendLimit(error, lower) ? ErrorKind.QUOTA_EXHAUSTED : ErrorKind.RATE_LIMITED;
        case "billing_error":
          return ErrorKind.QUOTA_EXHAUSTED;
        case "api_error":
          return ErrorKind.SERVER_ERROR;
        case "timeout_error":
          return ErrorKind.TIMEOUT;
        case "overloaded_error":
          return ErrorKind.OVERLOADED;
        default:
          break;
      }
    }
    if (status != null) {
      return HttpErrors.kindForStatus(status);
    }
    return ErrorKind.UNKNOWN;
  }

  /** A 429 that is a spend limit, not a rate: waiting does not help. */
  private static boolean spendLimit(@Nullable JsonNode error, String lowerMessage) {
    String code = error == null ? null : text(error.path("details"), "error_code");
    return "enforced_spend_limit_reached".equals(code) || lowerMessage.contains("spend limit");
  }

  /**
   * With no {@code retry-after}, the wait until the {@code -reset} time of each exhausted limit family
   * ({@code -remaining: 0}); the longest of them, as every exhausted limit must have reset.
   */
  Optional<Duration> rateLimitReset(HttpHeaders headers) {
    Duration longest = null;
    for (String family : RATE_LIMIT_FAMILIES) {
      String prefix = "anthropic-ratelimit-" + family;
      boolean exhausted = headers.firstValue(prefix + "-remaining").map(v -> v.trim().equals("0")).orElse(false);
      if (!exhausted) {
        continue;
      }
      Optional<Duration> wait = headers.firstValue(prefix + "-reset").flatMap(v -> RetryAfter.untilTimestamp(v, clock));
      if (wait.isPresent() && (longest == null || wait.get().compareTo(longest) > 0)) {
        longest = wait.get();
      }
    }
    return Optional.ofNullable(longest);
  }

  private @Nullable JsonNode readTree(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      JsonNode root = mapper.readTree(body);
      return root != null && root.isObject() ? root : null;
    } catch (IOException notJson) {
      return null; // an HTML or plain-text body from a proxy
    }
  }

  private static String describeBody(byte[] body) {
    String snippet = HttpErrors.snippet(body);
    return snippet.isEmpty() ? "empty body" : snippet;
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
