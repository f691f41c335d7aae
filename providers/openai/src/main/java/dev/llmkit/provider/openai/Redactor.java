package dev.llmkit.provider.openai;

import dev.llmkit.api.Secret;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Removes credentials from text that came back from a server before it goes into an exception
 * message. OpenAI echoes a masked key on 401 ("Incorrect API key provided: sk-proj-****1234"), and
 * a misbehaving proxy may echo the whole request.
 */
final class Redactor {
  private static final Pattern KEY_LIKE = Pattern.compile("\\b(sk|gsk|xai|csk|fw|or)-[A-Za-z0-9_*\\-]{6,}");
  private static final Pattern PROVIDED = Pattern.compile("(?i)(api key provided:\\s*)\\S+");

  private final @Nullable String key;

  Redactor(@Nullable Secret key) {
    this.key = key == null ? null : key.reveal();
  }

  String scrub(String text) {
    String out = text;
    if (key != null && !key.isEmpty()) {
      out = out.replace(key, "****");
    }
    out = PROVIDED.matcher(out).replaceAll("$1****");
    return KEY_LIKE.matcher(out).replaceAll("$1-****");
  }
}
