package dev.llmkit.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * How one setting's value is read from TOML and from an environment variable. A {@code null} result
 * means "not set" (an empty string, or 0 where OpenHands' template uses 0 for "the model's own"), so the
 * default or the base section's value stays. A value of the wrong form throws {@link BadValue}, whose
 * message is never shown: the reader words the error from {@link #expected()} and never quotes a
 * {@link #secret()} value.
 */
interface ValueType<T> {

  /** The expected form, for error messages: {@code "a whole number such as 5"}. */
  String expected();

  /** True when values must never be shown (keys, credentials, header values). */
  default boolean secret() {
    return false;
  }

  /** The value of a TOML node, or {@code null} for "not set". */
  @Nullable T fromToml(JsonNode node);

  /** The value of an environment variable's (non-blank) text, or {@code null} for "not set". */
  @Nullable T fromText(String text);

  /** A value of the wrong form; the reader turns it into a message naming the key and the expected form. */
  final class BadValue extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadValue() {
      super(null, null, false, false);
    }
  }
}
