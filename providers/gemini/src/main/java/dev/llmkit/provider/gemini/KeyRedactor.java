package dev.llmkit.provider.gemini;

import dev.llmkit.api.Secret;
import dev.llmkit.spi.support.Redactor;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Removes credentials from text a server sent back before it goes into an exception: the configured
 * key and key-shaped text as {@link Redactor} knows it, plus Google API keys ({@code AIza} and 35
 * more characters), which {@link Redactor}'s patterns do not cover and which a proxy, or a Google
 * error about another key, may echo. Immutable.
 */
final class KeyRedactor {
  private static final Pattern GOOGLE_KEY = Pattern.compile("AIza[0-9A-Za-z_\\-]{35}");

  private final Redactor redactor;

  KeyRedactor(@Nullable Secret key) {
    this.redactor = new Redactor(key);
  }

  String scrub(String text) {
    return GOOGLE_KEY.matcher(redactor.scrub(text)).replaceAll("AIza****");
  }
}
