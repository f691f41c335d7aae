package dev.llmkit.core.routing;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@code RoutingConfig} that the routing Llm itself reads rather than the router:
 * {@code max_attempts} (a whole number, at least 1) and {@code deadline} (seconds), so that a
 * {@code [model_routing]} section can set them beside the router's own keys. The builder's values win.
 */
record HostSettings(int maxAttempts, @Nullable Duration deadline, Map<String, String> routerSettings) {
  static final String MAX_ATTEMPTS = "max_attempts";
  static final String DEADLINE = "deadline";

  /** Splits {@code settings} into the host's (absent: 0 and null) and the rest, which go to the router. */
  static HostSettings split(Map<String, String> settings) {
    Map<String, String> rest = new LinkedHashMap<>(settings);
    String attempts = rest.remove(MAX_ATTEMPTS);
    String deadline = rest.remove(DEADLINE);
    return new HostSettings(attempts == null ? 0 : maxAttempts(attempts), deadline == null ? null : deadline(deadline),
        java.util.Collections.unmodifiableMap(rest));
  }

  private static int maxAttempts(String value) {
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below with the key's name
    }
    throw invalid(MAX_ATTEMPTS, value, "a whole number of at least 1, e.g. 4");
  }

  private static Duration deadline(String value) {
    try {
      double seconds = Double.parseDouble(value.strip());
      if (seconds > 0 && seconds < Long.MAX_VALUE / 1_000_000_000L) {
        return Duration.ofNanos((long) (seconds * 1_000_000_000L));
      }
    } catch (NumberFormatException ignored) {
      // reported below with the key's name
    }
    throw invalid(DEADLINE, value, "a positive number of seconds, e.g. 120");
  }

  private static LlmException invalid(String key, String value, String expected) {
    return LlmException.builder(ErrorKind.CONFIGURATION, "routing setting '" + key + "' is '" + value + "'; expected "
        + expected).build();
  }
}
