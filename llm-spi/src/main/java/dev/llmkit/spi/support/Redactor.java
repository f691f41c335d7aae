package dev.llmkit.spi.support;

import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Secret;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The one place that removes credentials from text before it goes into an exception (its message,
 * {@link LlmException#providerMessage()}, the messages of its causes) or a log line. Every provider
 * and every error path uses it; a server echoes keys more often than one would think: OpenAI echoes a
 * masked key on 401 ("Incorrect API key provided: sk-proj-****1234"), a misbehaving proxy echoes the
 * whole request, a JSON parser quotes the token it could not read.
 *
 * <p>Removes, in this order:
 * <ul>
 *   <li>the secrets it was made with: the configured key and the values of the configured extra
 *       headers (except a few well-known headers that carry no credential, such as
 *       {@code anthropic-beta}, and values shorter than {@value #MIN_HEADER_SECRET} characters), each
 *       wherever it appears;
 *   <li>{@code Bearer} and {@code Basic} credentials, and the value of {@code x-api-key},
 *       {@code x-goog-api-key}, {@code api-key}, {@code authorization} and the like written as
 *       {@code name: value} or {@code "name": "value"}, and {@code ?key=} / {@code &api_key=} query
 *       parameters;
 *   <li>whatever follows "API key provided:";
 *   <li>anything shaped like a provider key: {@code sk-…} (which covers Anthropic's {@code sk-ant-…}),
 *       {@code gsk-…}, {@code xai-…}, Google's {@code AIza…} and AWS's {@code AKIA…}.
 * </ul>
 * Immutable and thread-safe.
 */
public final class Redactor {
  /** Extra-header values shorter than this are not treated as secrets (they would mangle messages). */
  static final int MIN_HEADER_SECRET = 8;
  private static final int MIN_SECRET = 4;
  private static final int MAX_CAUSE_DEPTH = 16;
  private static final String MASK = "****";

  /** Headers whose values are never credentials: redacting them would only hide what went wrong. */
  private static final Set<String> PUBLIC_HEADERS = Set.of(
      "anthropic-beta", "anthropic-version", "openai-organization", "openai-project", "openai-beta",
      "http-referer", "referer", "x-title", "user-agent", "accept", "accept-language", "content-type",
      "x-goog-user-project", "x-stainless-lang");

  private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)(\\s+)[A-Za-z0-9._~+/\\-]{6,}=*");
  private static final Pattern NAMED = Pattern.compile(
      "(?i)((?:x-api-key|x-goog-api-key|api-key|api_key|apikey|x-auth-token|authorization|access_token|client_secret)"
          + "[\"']?\\s*[:=]\\s*[\"']?)(?!Bearer\\b|Basic\\b|\\*\\*\\*\\*)([^\"'\\s,;&}]+)");
  private static final Pattern QUERY = Pattern.compile("(?i)([?&](?:key|api_key|apikey|api-key|access_token|token)=)[^&\\s\"'#]+");
  private static final Pattern PROVIDED = Pattern.compile("(?i)(api key provided:\\s*)(?!\\*\\*\\*\\*)\\S+");
  private static final Pattern KEY_LIKE = Pattern.compile("\\b(sk|gsk|xai|csk|fw|or)-[A-Za-z0-9_*\\-]{6,}");
  private static final Pattern GOOGLE_KEY = Pattern.compile("\\bAIza[0-9A-Za-z_\\-]{20,}");
  private static final Pattern AWS_KEY = Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b");

  private static final Redactor PATTERNS_ONLY = new Redactor(List.of());

  private final List<String> secrets; // longest first, so that a key containing another is removed whole

  private Redactor(List<String> secrets) {
    List<String> sorted = new ArrayList<>(secrets);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    this.secrets = List.copyOf(sorted);
  }

  /** A redactor of {@code key} (trimmed too), and of key-shaped text; {@code null} when there is no key. */
  public Redactor(@Nullable Secret key) {
    this(secretsOf(key, Map.of()));
  }

  /**
   * A redactor of {@code key} and of the values of {@code extraHeaders} (those that may be credentials,
   * see the class description), and of key-shaped text.
   */
  public static Redactor of(@Nullable Secret key, Map<String, String> extraHeaders) {
    return new Redactor(secretsOf(key, extraHeaders));
  }

  /** A redactor that knows no configured secret and removes key-shaped text only. */
  public static Redactor patternsOnly() {
    return PATTERNS_ONLY;
  }

  /** This redactor plus {@code moreSecrets} (e.g. the Basic credentials taken from a base URL). */
  public Redactor with(String... moreSecrets) {
    List<String> all = new ArrayList<>(secrets);
    for (String s : moreSecrets) {
      add(all, s, MIN_SECRET);
    }
    return new Redactor(all);
  }

  private static List<String> secretsOf(@Nullable Secret key, Map<String, String> extraHeaders) {
    List<String> out = new ArrayList<>();
    if (key != null) {
      add(out, key.reveal(), MIN_SECRET);
    }
    extraHeaders.forEach((name, value) -> {
      if (name != null && value != null && !PUBLIC_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        add(out, value, MIN_HEADER_SECRET);
        int space = value.strip().indexOf(' ');
        if (space > 0) {
          add(out, value.strip().substring(space + 1), MIN_HEADER_SECRET); // "Bearer <token>": the token alone
        }
      }
    });
    return out;
  }

  private static void add(List<String> out, @Nullable String value, int minLength) {
    if (value == null) {
      return;
    }
    for (String candidate : new String[] {value, value.strip()}) {
      if (candidate.length() >= minLength && !out.contains(candidate)) {
        out.add(candidate);
      }
    }
  }

  /** {@code text} with every secret and anything that looks like a key replaced by {@code ****}. */
  public String scrub(@Nullable String text) {
    if (text == null || text.isEmpty()) {
      return text == null ? "" : text;
    }
    String out = text;
    for (String secret : secrets) {
      if (out.contains(secret)) {
        out = out.replace(secret, MASK);
      }
    }
    out = BEARER.matcher(out).replaceAll("$1$2" + MASK);
    out = NAMED.matcher(out).replaceAll("$1" + MASK);
    out = QUERY.matcher(out).replaceAll("$1" + MASK);
    out = PROVIDED.matcher(out).replaceAll("$1" + MASK);
    out = KEY_LIKE.matcher(out).replaceAll("$1-" + MASK);
    out = GOOGLE_KEY.matcher(out).replaceAll("AIza" + MASK);
    return AWS_KEY.matcher(out).replaceAll("$1" + MASK);
  }

  /** The start of a body for an error message ({@link HttpErrors#snippet}), scrubbed. */
  public String snippet(byte[] body) {
    return scrub(HttpErrors.snippet(body));
  }

  /** The start of a text (a stream chunk, say) for an error message, scrubbed. */
  public String snippet(String text) {
    return scrub(HttpErrors.snippet(text));
  }

  /**
   * {@code error} with its message, provider message and causes scrubbed: the same instance when there
   * was nothing to remove, else a copy of the same kind, fields and stack trace.
   */
  public LlmException scrub(LlmException error) {
    return scrub(error, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
  }

  private LlmException scrub(LlmException error, Set<Throwable> seen, int depth) {
    seen.add(error);
    String message = error.getMessage() == null ? "" : error.getMessage();
    String scrubbed = scrub(message);
    String providerMessage = error.providerMessage().orElse(null);
    String scrubbedProviderMessage = providerMessage == null ? null : scrub(providerMessage);
    Throwable cause = error.getCause();
    Throwable safeCause = safeCause(cause, seen, depth + 1);
    if (scrubbed.equals(message) && (providerMessage == null || providerMessage.equals(scrubbedProviderMessage))
        && safeCause == cause) {
      return error;
    }
    LlmException copy;
    if (error instanceof InvalidRequestException invalid) {
      copy = new InvalidRequestException(invalid.problems().stream().map(this::scrub).toList());
      if (safeCause != null) {
        copy.initCause(safeCause);
      }
    } else {
      copy = rebuild(error, scrubbed, scrubbedProviderMessage, safeCause);
    }
    copy.setStackTrace(error.getStackTrace());
    for (Throwable s : error.getSuppressed()) {
      Throwable safe = safeCause(s, seen, depth + 1);
      if (safe != null) {
        copy.addSuppressed(safe);
      }
    }
    return copy;
  }

  private static LlmException rebuild(
      LlmException e, String message, @Nullable String providerMessage, @Nullable Throwable cause) {
    return e.toBuilder().message(message).cause(cause).providerMessage(providerMessage).build();
  }

  /**
   * A cause that is safe to attach to an exception: {@code cause} itself when no message in its chain
   * holds a secret, else a {@link RedactedCause} copy (same class name, scrubbed message, same stack
   * trace) whose own cause is made safe the same way.
   */
  public @Nullable Throwable safeCause(@Nullable Throwable cause) {
    return safeCause(cause, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
  }

  private @Nullable Throwable safeCause(@Nullable Throwable cause, Set<Throwable> seen, int depth) {
    if (cause == null) {
      return null;
    }
    if (depth > MAX_CAUSE_DEPTH || seen.contains(cause)) {
      return null; // a cycle, or a chain too deep to be worth keeping
    }
    if (cause instanceof LlmException e) {
      return scrub(e, seen, depth);
    }
    seen.add(cause);
    String message = messageOf(cause);
    String scrubbed = message == null ? null : scrub(message);
    Throwable inner = cause.getCause();
    Throwable safeInner = safeCause(inner, seen, depth + 1);
    boolean suppressedClean = true;
    for (Throwable s : cause.getSuppressed()) {
      if (safeCause(s, seen, depth + 1) != s) {
        suppressedClean = false;
      }
    }
    if ((message == null || message.equals(scrubbed)) && safeInner == inner && suppressedClean) {
      return cause;
    }
    RedactedCause copy = new RedactedCause(cause.getClass().getName(), scrubbed, safeInner);
    copy.setStackTrace(cause.getStackTrace());
    for (Throwable s : cause.getSuppressed()) {
      Throwable safe = safeCause(s, Collections.newSetFromMap(new IdentityHashMap<>()), depth + 1);
      if (safe != null) {
        copy.addSuppressed(safe);
      }
    }
    return copy;
  }

  private static @Nullable String messageOf(Throwable t) {
    try {
      return t.getMessage();
    } catch (RuntimeException e) {
      return t.getClass().getName(); // a message built lazily that fails: keep the class only
    }
  }

  @Override
  public String toString() {
    return "Redactor[" + secrets.size() + " secret(s)]";
  }

  /**
   * Stands in for an exception whose message held a secret: its {@link #toString()} reads like the
   * original's ({@code class name: scrubbed message}) and it keeps the original's stack trace.
   */
  public static final class RedactedCause extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String originalClass;

    RedactedCause(String originalClass, @Nullable String message, @Nullable Throwable cause) {
      super(message, cause);
      this.originalClass = originalClass;
    }

    /** The class name of the exception this one replaces. */
    public String originalClass() {
      return originalClass;
    }

    @Override
    public String toString() {
      String message = getLocalizedMessage();
      return originalClass + (message == null ? "" : ": " + message) + " [redacted]";
    }
  }
}
