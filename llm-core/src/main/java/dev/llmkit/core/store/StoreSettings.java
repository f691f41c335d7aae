package dev.llmkit.core.store;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link SharedStores} lives and how it behaves when its server does not answer. Built in code
 * with {@link #builder} or from flat string settings (a config file's table) with {@link #fromMap}.
 * The password is a {@link Secret}: it never shows in {@link #toString()}, and a URI carrying one is
 * refused so that it cannot leak through the URI either.
 *
 * @param type the plugin to use, e.g. {@code redis}
 * @param uri the server, e.g. {@code redis://cache:6379/0} ({@code rediss://} for TLS)
 * @param keyPrefix put before every key, so that several applications can share one server
 * @param connectTimeout the longest a connection attempt may take
 * @param commandTimeout the longest one operation may wait for the server; past it the fail policy applies
 * @param password the server's password, if it has one
 * @param failPolicy what every store does when the server cannot answer, unless {@code failPolicies} says otherwise
 * @param failPolicies the policy of particular stores
 * @param maxValueBytes the largest response-cache entry stored; larger ones are not cached
 * @param options plugin-specific settings (see the plugin's documentation)
 */
public record StoreSettings(String type, URI uri, String keyPrefix, Duration connectTimeout, Duration commandTimeout,
    @Nullable Secret password, FailPolicy failPolicy, Map<SharedStoreKind, FailPolicy> failPolicies, long maxValueBytes,
    Map<String, String> options) {

  public static final String DEFAULT_KEY_PREFIX = "llmkit:";
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(500);
  public static final long DEFAULT_MAX_VALUE_BYTES = 1 << 20;

  private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");

  public StoreSettings {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    Objects.requireNonNull(failPolicy, "failPolicy");
    failPolicies = Map.copyOf(failPolicies);
    options = Map.copyOf(options);
    positive("connectTimeout", connectTimeout);
    positive("commandTimeout", commandTimeout);
    if (maxValueBytes < 1) {
      throw invalid("maxValueBytes must be at least 1, was " + maxValueBytes);
    }
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && userInfo.contains(":")) {
      throw invalid("the store URI must not carry a password (it would show wherever the URI does); "
          + "remove it from the URI and set the password setting instead");
    }
  }

  /** Settings with the defaults: prefix {@code llmkit:}, 2 s to connect, 500 ms per operation, fail open, 1 MiB entries. */
  public static Builder builder(String type, URI uri) {
    return new Builder(type, uri);
  }

  /**
   * Settings from flat strings, as a config file's {@code [store]} table holds them: {@code type},
   * {@code uri} (both required), {@code keyPrefix}, {@code connectTimeout}, {@code commandTimeout}
   * (ISO-8601 such as {@code PT0.5S}, or {@code 500ms}, {@code 2s}, {@code 1m}), {@code password},
   * {@code failPolicy} ({@code FAIL_OPEN} or {@code FAIL_CLOSED}), {@code failPolicy.<store>} for one
   * store ({@code budget}, {@code rate-limit}, {@code circuit}, {@code response-cache}) and
   * {@code maxValueBytes}; any other key goes to {@link #options()} for the plugin.
   *
   * @throws LlmException of kind {@code CONFIGURATION} naming the setting that is missing or invalid
   */
  public static StoreSettings fromMap(Map<String, String> settings) {
    Map<String, String> rest = new LinkedHashMap<>(settings);
    String type = required(rest, "type");
    String uri = required(rest, "uri");
    Builder b;
    try {
      b = builder(type, URI.create(uri.trim()));
    } catch (IllegalArgumentException e) {
      throw invalid("store setting 'uri' is not a URI: " + e.getMessage());
    }
    String v;
    if ((v = rest.remove("keyPrefix")) != null) {
      b.keyPrefix(v);
    }
    if ((v = rest.remove("connectTimeout")) != null) {
      b.connectTimeout(duration("connectTimeout", v));
    }
    if ((v = rest.remove("commandTimeout")) != null) {
      b.commandTimeout(duration("commandTimeout", v));
    }
    if ((v = rest.remove("password")) != null && !v.isBlank()) {
      b.password(Secret.of(v));
    }
    if ((v = rest.remove("failPolicy")) != null) {
      b.failPolicy(policy("failPolicy", v));
    }
    if ((v = rest.remove("maxValueBytes")) != null) {
      try {
        b.maxValueBytes(Long.parseLong(v.trim()));
      } catch (NumberFormatException e) {
        throw invalid("store setting 'maxValueBytes' must be a whole number of bytes, was '" + v + "'");
      }
    }
    for (String key : Map.copyOf(rest).keySet()) {
      if (key.startsWith("failPolicy.")) {
        String store = key.substring("failPolicy.".length());
        SharedStoreKind kind;
        try {
          kind = SharedStoreKind.of(store);
        } catch (IllegalArgumentException e) {
          throw invalid("store setting '" + key + "': " + e.getMessage());
        }
        b.failPolicy(kind, policy(key, rest.remove(key)));
      }
    }
    rest.forEach(b::option);
    return b.build();
  }

  /** The policy of {@code store}: its own if set, else {@link #failPolicy()}. */
  public FailPolicy failPolicy(SharedStoreKind store) {
    return failPolicies.getOrDefault(store, failPolicy);
  }

  /** The URI without user information, for messages. */
  public String displayUri() {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  @Override
  public String toString() {
    return "StoreSettings[" + type + " " + displayUri() + ", keyPrefix " + keyPrefix + ", connectTimeout " + connectTimeout
        + ", commandTimeout " + commandTimeout + ", password " + (password == null ? "none" : "****") + ", failPolicy "
        + failPolicy + failPolicies + ", maxValueBytes " + maxValueBytes + ", options " + options.keySet() + "]";
  }

  private static String required(Map<String, String> settings, String key) {
    String v = settings.remove(key);
    if (v == null || v.isBlank()) {
      throw invalid("store setting '" + key + "' is required (type: the plugin, e.g. redis; uri: e.g. redis://localhost:6379)");
    }
    return v.trim();
  }

  private static Duration duration(String key, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    Matcher m = SIMPLE_DURATION.matcher(v);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        default -> Duration.ofMinutes(n);
      };
    }
    try {
      return Duration.parse(value.trim());
    } catch (RuntimeException e) {
      throw invalid("store setting '" + key + "' must be a duration such as 500ms, 2s, 1m or PT0.5S, was '" + value + "'");
    }
  }

  private static FailPolicy policy(String key, String value) {
    try {
      return FailPolicy.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw invalid("store setting '" + key + "' must be FAIL_OPEN or FAIL_CLOSED, was '" + value + "'");
    }
  }

  private static void positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw invalid("store setting '" + name + "' must be positive, was " + value);
    }
  }

  private static LlmException invalid(String message) {
    return LlmException.builder(ErrorKind.CONFIGURATION, message).build();
  }

  /** Builds {@link StoreSettings}; only the type and URI are required. */
  public static final class Builder {
    private final String type;
    private final URI uri;
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
    private @Nullable Secret password;
    private FailPolicy failPolicy = FailPolicy.FAIL_OPEN;
    private final Map<SharedStoreKind, FailPolicy> failPolicies = new EnumMap<>(SharedStoreKind.class);
    private long maxValueBytes = DEFAULT_MAX_VALUE_BYTES;
    private final Map<String, String> options = new LinkedHashMap<>();

    private Builder(String type, URI uri) {
      this.type = Objects.requireNonNull(type, "type");
      this.uri = Objects.requireNonNull(uri, "uri");
    }

    public Builder keyPrefix(String value) {
      keyPrefix = Objects.requireNonNull(value, "keyPrefix");
      return this;
    }

    public Builder connectTimeout(Duration value) {
      connectTimeout = value;
      return this;
    }

    public Builder commandTimeout(Duration value) {
      commandTimeout = value;
      return this;
    }

    public Builder password(@Nullable Secret value) {
      password = value;
      return this;
    }

    /** The policy of every store without one of its own. */
    public Builder failPolicy(FailPolicy value) {
      failPolicy = Objects.requireNonNull(value, "failPolicy");
      return this;
    }

    /** The policy of one store. */
    public Builder failPolicy(SharedStoreKind store, FailPolicy value) {
      failPolicies.put(Objects.requireNonNull(store, "store"), Objects.requireNonNull(value, "failPolicy"));
      return this;
    }

    public Builder maxValueBytes(long value) {
      maxValueBytes = value;
      return this;
    }

    /** A plugin-specific setting. */
    public Builder option(String key, String value) {
      options.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public StoreSettings build() {
      return new StoreSettings(type, uri, keyPrefix, connectTimeout, commandTimeout, password, failPolicy, failPolicies,
          maxValueBytes, options);
    }
  }
}
