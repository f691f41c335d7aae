package dev.llmkit.spi.support;

import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ResponseMetadata;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.ClosedChannelException;
import java.time.Clock;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Maps HTTP failures to {@link LlmException}s the same way for every provider. Providers refine the
 * kind from their structured error codes first; the status table here is the fallback.
 */
public final class HttpErrors {
  private static final int SNIPPET = 500;

  private HttpErrors() {}

  /** The default kind for an HTTP status (the SDKs' table: 408, 409, 429 and 5xx are retryable). */
  public static ErrorKind kindForStatus(int status) {
    return switch (status) {
      case 400, 422 -> ErrorKind.INVALID_REQUEST;
      case 401 -> ErrorKind.AUTHENTICATION;
      case 402 -> ErrorKind.QUOTA_EXHAUSTED;
      case 403 -> ErrorKind.PERMISSION_DENIED;
      case 404 -> ErrorKind.NOT_FOUND;
      case 408, 504 -> ErrorKind.TIMEOUT;
      case 409 -> ErrorKind.CONFLICT;
      case 413 -> ErrorKind.REQUEST_TOO_LARGE;
      case 429 -> ErrorKind.RATE_LIMITED;
      case 503, 529 -> ErrorKind.OVERLOADED;
      default -> status >= 500 ? ErrorKind.SERVER_ERROR : ErrorKind.INVALID_REQUEST;
    };
  }

  /**
   * A builder pre-filled from an error response: kind from the status, the status, the server's
   * retry hint, its {@code x-should-retry} override, its request id and its rate-limit figures (see
   * {@link ResponseHeaders}). Callers refine and build.
   */
  public static LlmException.Builder fromResponse(
      String provider, ErrorKind kind, int status, HttpHeaders headers, String message, Clock clock) {
    LlmException.Builder b = LlmException.builder(kind, message)
        .provider(provider)
        .httpStatus(status)
        .retryAfter(RetryAfter.parse(headers, clock).orElse(null))
        .requestId(ResponseHeaders.requestId(headers))
        .rateLimits(ResponseHeaders.rateLimits(headers, clock));
    headers.firstValue("x-should-retry").ifPresent(v -> b.retryable(Boolean.parseBoolean(v.trim())));
    return b;
  }

  /** An error for a failed exchange (no response): timeout, refused or reset connection. */
  public static LlmException fromIoFailure(String provider, Throwable failure, boolean midStream) {
    Throwable t = unwrapCompletion(failure);
    if (t instanceof LlmException e) {
      return e;
    }
    if (t instanceof HttpConnectTimeoutException) {
      return LlmException.builder(ErrorKind.CONNECTION, "timed out connecting to " + provider + ": " + t.getMessage())
          .provider(provider).cause(t).midStream(midStream).build();
    }
    if (t instanceof HttpTimeoutException) {
      return LlmException.builder(ErrorKind.TIMEOUT, provider + " did not answer in time: " + t.getMessage())
          .provider(provider).cause(t).midStream(midStream).build();
    }
    if (t instanceof ConnectException) {
      return LlmException.builder(ErrorKind.CONNECTION,
              "cannot connect to " + provider + " (" + describe(t) + "); check the base URL and the network")
          .provider(provider).cause(t).midStream(midStream).build();
    }
    if (t instanceof IOException || t instanceof ClosedChannelException) {
      // Includes "header parser received no bytes": a pooled connection closed by the server; safe to retry.
      return LlmException.builder(ErrorKind.CONNECTION, "connection to " + provider + " failed: " + describe(t))
          .provider(provider).cause(t).midStream(midStream).build();
    }
    return LlmException.builder(ErrorKind.UNKNOWN, "call to " + provider + " failed: " + describe(t))
        .provider(provider).cause(t).midStream(midStream).build();
  }

  /**
   * {@code error} as a failure in the middle of a stream whose {@code status} (2xx) had arrived:
   * {@link LlmException#midStream()}, the status, and {@code partial} (what was decoded before it) as
   * {@link LlmException#partialResponse()}. Where the error does not say them itself, the request id,
   * rate limits and raw finish reason come from {@code partial}, which holds what the headers and the
   * stream said. Fields the error already has are kept; it keeps its stack trace, which points at the
   * decoder that raised it.
   */
  public static LlmException midStream(LlmException error, int status, @Nullable ChatResponse partial) {
    LlmException.Builder b = error.toBuilder().midStream(true);
    if (error.httpStatus().isEmpty()) {
      b.httpStatus(status);
    }
    if (partial != null) {
      ResponseMetadata wire = partial.metadata();
      b.partialResponse(error.partialResponse().orElse(partial))
          .requestId(error.requestId().orElse(wire.requestId()))
          .rawFinishReason(error.rawFinishReason().orElse(partial.rawFinishReason()))
          .rateLimits(error.rateLimits().isEmpty() ? wire.rateLimits() : error.rateLimits());
    }
    LlmException copy = b.build();
    copy.setStackTrace(error.getStackTrace());
    return copy;
  }

  /**
   * The start of a non-JSON body (an HTML page from a proxy, say), for an error message, with
   * key-shaped text removed ({@link Redactor#patternsOnly()}). Use {@link Redactor#snippet(byte[])} of
   * the provider's redactor to remove the configured key too.
   */
  public static String snippet(byte[] body) {
    String s = new String(body, 0, Math.min(body.length, SNIPPET * 4), StandardCharsets.UTF_8).strip();
    return Redactor.patternsOnly().scrub(s.length() > SNIPPET ? s.substring(0, SNIPPET) + "…" : s);
  }

  /** The start of a text (a stream chunk that could not be read, say), as {@link #snippet(byte[])}. */
  public static String snippet(String text) {
    String s = text.length() > SNIPPET * 4 ? text.substring(0, SNIPPET * 4) : text;
    s = s.strip();
    return Redactor.patternsOnly().scrub(s.length() > SNIPPET ? s.substring(0, SNIPPET) + "…" : s);
  }

  /** True for the statuses of a redirect that names a {@code Location}. */
  public static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /**
   * The error for a redirect, which llmkit never follows: a request carries the API key in its headers,
   * and following a redirect would send it wherever the server points. Names the status and the origin
   * (scheme, host and port) of the {@code Location}, never its path or query, which may carry tokens;
   * says whether it is the origin the request went to. Kind {@link ErrorKind#CONFIGURATION} (the base
   * URL should name the final address), not retryable.
   */
  public static LlmException redirect(String provider, int status, HttpHeaders headers, URI requestUri) {
    String location = Headers.first(headers, "location");
    String target;
    String advice;
    URI resolved = null;
    try {
      resolved = location == null ? null : requestUri.resolve(location.strip());
    } catch (IllegalArgumentException e) {
      resolved = null;
    }
    String origin = resolved == null ? null : origin(resolved);
    if (origin == null) {
      target = location == null ? " without a Location" : " to a location that is not a valid URL";
      advice = "check the base URL";
    } else if (origin.equals(origin(requestUri))) {
      target = " to another path on the same origin (" + origin + ")";
      advice = "set the base URL to the address the server redirects to";
    } else {
      target = " to another origin, " + origin;
      advice = "if you trust " + origin + ", set the base URL to it";
    }
    return LlmException.builder(ErrorKind.CONFIGURATION, provider + " answered HTTP " + status + " redirecting" + target
            + "; llmkit does not follow redirects, so that the API key is never sent to another server: " + advice)
        .provider(provider).httpStatus(status).retryable(false).build();
  }

  private static @Nullable String origin(URI uri) {
    if (uri.getScheme() == null || uri.getHost() == null) {
      return null;
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort = port < 0 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
  }

  /**
   * The error for a 2xx answer with an empty (or blank) body where a JSON answer was due, the same for
   * a non-streaming call and a stream: {@link ErrorKind#MALFORMED_RESPONSE}, retryable (an empty reply
   * is a server or proxy hiccup; the engine retries it).
   */
  public static LlmException emptyResponse(String provider, @Nullable String model, int status) {
    return LlmException.builder(ErrorKind.MALFORMED_RESPONSE,
            provider + " answered HTTP " + status + " with an empty body")
        .provider(provider).model(model).httpStatus(status).retryable(true).build();
  }

  /** True when {@code body} is empty or holds only whitespace. */
  public static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  /** True when a message reads like a context-window overflow in any provider's wording. */
  public static boolean looksLikeContextWindow(@Nullable String message) {
    if (message == null) {
      return false;
    }
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("maximum context length")
        || m.contains("context_length_exceeded")
        || m.contains("prompt is too long")
        || m.contains("context length")
        || m.contains("context window")
        || m.contains("context limit") // Anthropic: "input length and `max_tokens` exceed context limit"
        || (m.contains("input token count") && m.contains("exceeds the maximum"));
  }

  private static Throwable unwrapCompletion(Throwable t) {
    Throwable cur = t;
    while ((cur instanceof java.util.concurrent.CompletionException
            || cur instanceof java.util.concurrent.ExecutionException)
        && cur.getCause() != null) {
      cur = cur.getCause();
    }
    return cur;
  }

  private static String describe(Throwable t) {
    String msg = t.getMessage();
    return msg == null || msg.isBlank() ? t.getClass().getSimpleName() : msg;
  }
}
