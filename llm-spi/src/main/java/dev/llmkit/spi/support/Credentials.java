package dev.llmkit.spi.support;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Secret;
import org.jspecify.annotations.Nullable;

/**
 * Checks a credential where a provider is created, so that a key that cannot work fails at once, the
 * same way on every call shape, with an error that never prints it. A key read from a file or a
 * secret store often ends with a newline: it is trimmed. A key with a character an HTTP header cannot
 * carry (a control character, inner whitespace, anything outside printable ASCII) is a
 * {@link ErrorKind#CONFIGURATION} error naming where the key came from and the position of the first
 * bad character, never the key; without this check {@code java.net.http} would refuse it on every
 * call with an {@code IllegalArgumentException} that quotes the whole header value.
 */
public final class Credentials {
  private Credentials() {}

  /**
   * {@code key} trimmed, or {@code null} when {@code key} is {@code null}.
   *
   * @param provider the provider id, for the message
   * @param source where the key came from, for the message (e.g. {@code "LlmConfig.apiKey"}, or the
   *     environment variable's name)
   * @throws LlmException of kind {@link ErrorKind#CONFIGURATION} when the key is blank or holds a
   *     character that cannot be sent in a header
   */
  public static @Nullable Secret headerSafe(@Nullable Secret key, String provider, String source) {
    if (key == null) {
      return null;
    }
    String raw = key.reveal();
    String trimmed = raw.strip();
    if (trimmed.isEmpty()) {
      throw LlmException.builder(ErrorKind.CONFIGURATION, "the API key for " + provider + " (from " + source + ") is blank")
          .provider(provider).build();
    }
    int bad = firstIllegal(trimmed);
    if (bad >= 0) {
      throw LlmException.builder(ErrorKind.CONFIGURATION, "the API key for " + provider + " (from " + source
              + ") contains a character that cannot be sent in an HTTP header (" + describe(trimmed.charAt(bad))
              + " at position " + (bad + 1) + " of " + trimmed.length() + "); check how the key was stored or read")
          .provider(provider).build();
    }
    return trimmed.equals(raw) ? key : Secret.of(trimmed);
  }

  /** {@code headerSafe} of a value read from the environment ({@code null} or blank: none). */
  public static @Nullable Secret fromEnv(@Nullable String value, String provider, String variable) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return headerSafe(Secret.of(value), provider, "the environment variable " + variable);
  }

  /** The index of the first character that is not printable ASCII, or -1. */
  static int firstIllegal(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        return i;
      }
    }
    return -1;
  }

  private static String describe(char c) {
    if (c == '\n' || c == '\r') {
      return "a line break";
    }
    if (c == ' ' || c == '\t' || Character.isWhitespace(c)) {
      return "whitespace";
    }
    if (c < 0x20 || c == 0x7F) {
      return "a control character";
    }
    return "a non-ASCII character";
  }
}
