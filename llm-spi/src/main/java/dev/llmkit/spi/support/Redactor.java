package dev.llmkit.spi.support;

import dev.llmkit.api.Secret;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Removes credentials from text that came back from a server before it goes into an exception (its
 * message, or {@link dev.llmkit.api.LlmException#providerMessage()}). OpenAI echoes a masked key on
 * 401 ("Incorrect API key provided: sk-proj-****1234"), and a misbehaving proxy may echo the whole
 * request. Removes the configured key wherever it appears, whatever follows "API key provided:", and
 * anything shaped like a provider key ({@code sk-…}, which covers Anthropic's {@code sk-ant-…},
 * {@code gsk-…}, {@code xai-…}, ...). Immutable.
 */
public final class Redactor {
  private static final Pattern KEY_LIKE = Pattern.compile("\\b(sk|gsk|xai|csk|fw|or)-[A-Za-z0-9_*\\-]{6,}");
  private static final Pattern PROVIDED = Pattern.compile("(?i)(api key provided:\\s*)\\S+");

  private final @Nullable String key;

  /** A redactor of {@code key}, and of key-shaped text; {@code null} when there is no key. */
  public Redactor(@Nullable Secret key) {
    this.key = key == null ? null : key.reveal();
  }

  /** {@code text} with the key, and anything that looks like a key, replaced by {@code ****}. */
  public String scrub(String text) {
    String out = text;
    if (key != null && !key.isEmpty()) {
      out = out.replace(key, "****");
    }
    out = PROVIDED.matcher(out).replaceAll("$1****");
    return KEY_LIKE.matcher(out).replaceAll("$1-****");
  }
}
