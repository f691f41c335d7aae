package dev.llmkit.spi.support;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import org.jspecify.annotations.Nullable;

/**
 * How much of a response llmkit holds in memory, so that a misbehaving server or proxy (a 400 MB
 * page, an endless SSE line) ends the call with a typed error instead of an {@link OutOfMemoryError}:
 *
 * <ul>
 *   <li>a non-streaming response body: {@value #DEFAULT_MAX_RESPONSE_BYTES} bytes (32 MiB), or the system
 *       property {@value #MAX_RESPONSE_BYTES_PROPERTY};
 *   <li>one line or one event of an SSE or NDJSON stream: {@value #DEFAULT_MAX_LINE_BYTES} bytes (8 MiB),
 *       or the system property {@value #MAX_LINE_BYTES_PROPERTY};
 *   <li>the part of an error body (non-2xx) that is kept for its message: {@value #MAX_ERROR_BODY_BYTES}
 *       bytes; the rest is not read.
 * </ul>
 *
 * Exceeding a limit fails the call with {@link ErrorKind#MALFORMED_RESPONSE} (not retryable: the same
 * request would get the same answer) and closes the connection. The properties are read when an
 * exchange starts, in bytes; a value that is not a positive integer is ignored.
 */
public final class ReadLimits {
  /** The system property that overrides {@link #DEFAULT_MAX_RESPONSE_BYTES}. */
  public static final String MAX_RESPONSE_BYTES_PROPERTY = "llmkit.http.maxResponseBytes";
  /** The system property that overrides {@link #DEFAULT_MAX_LINE_BYTES}. */
  public static final String MAX_LINE_BYTES_PROPERTY = "llmkit.http.maxLineBytes";
  /** 32 MiB: far above any completion (a 128k-token answer is about 1 MiB of JSON). */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 32 << 20;
  /** 8 MiB: one SSE event or NDJSON line (a chunk carries a few tokens, or one image). */
  public static final int DEFAULT_MAX_LINE_BYTES = 8 << 20;
  /** 1 MiB of an error body is kept for its message. */
  public static final int MAX_ERROR_BODY_BYTES = 1 << 20;

  /** How a limit error names a sender it does not know; the stream publisher puts the provider there. */
  static final String UNNAMED = "the server";

  private ReadLimits() {}

  /** The largest non-streaming body read, in bytes. */
  public static int maxResponseBytes() {
    return read(MAX_RESPONSE_BYTES_PROPERTY, DEFAULT_MAX_RESPONSE_BYTES);
  }

  /** The largest stream line or event, in bytes. */
  public static int maxLineBytes() {
    return read(MAX_LINE_BYTES_PROPERTY, DEFAULT_MAX_LINE_BYTES);
  }

  /** The error for a body larger than {@code limit} bytes; {@code provider} may be unknown here. */
  public static LlmException bodyTooLarge(@Nullable String provider, long limit) {
    return LlmException.builder(ErrorKind.MALFORMED_RESPONSE,
            (provider == null ? UNNAMED : provider) + " sent a response body larger than " + describe(limit)
                + " (the limit of " + MAX_RESPONSE_BYTES_PROPERTY + "); the connection was closed")
        .provider(provider).retryable(false).build();
  }

  /** The error for a stream line or event larger than {@code limit} bytes. */
  public static LlmException lineTooLong(@Nullable String provider, long limit) {
    return LlmException.builder(ErrorKind.MALFORMED_RESPONSE,
            (provider == null ? UNNAMED : provider) + " sent a stream line or event larger than " + describe(limit)
                + " (the limit of " + MAX_LINE_BYTES_PROPERTY + "); the connection was closed")
        .provider(provider).midStream(true).retryable(false).build();
  }

  private static String describe(long bytes) {
    return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
  }

  private static int read(String property, int fallback) {
    String value = System.getProperty(property);
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.trim());
      return n > 0 ? n : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
