package dev.llmkit.spi;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads of a router's string settings, with CONFIGURATION errors that name the router and the
 * key. {@link #of} rejects unknown keys, listing the known ones.
 */
public final class RouterSettings {
  private final String router;
  private final Map<String, String> values;

  private RouterSettings(String router, Map<String, String> values) {
    this.router = router;
    this.values = Map.copyOf(values);
  }

  /** The settings of {@code router}; any key outside {@code known} is a CONFIGURATION error. */
  public static RouterSettings of(String router, Map<String, String> values, Set<String> known) {
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw error(router, "unknown setting" + (unknown.size() > 1 ? "s " : " ") + unknown + " for router '" + router
          + "'; the settings it reads are " + new TreeSet<>(known));
    }
    return new RouterSettings(router, values);
  }

  public Optional<String> string(String key) {
    String v = values.get(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  public String string(String key, String fallback) {
    return string(key).orElse(fallback);
  }

  /** A comma-separated list, trimmed, empty entries dropped. */
  public List<String> list(String key) {
    return string(key).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
  }

  public long number(String key, long fallback) {
    Optional<String> v = string(key);
    if (v.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(v.get());
    } catch (NumberFormatException e) {
      throw error(router, "setting '" + key + "' of router '" + router + "' is not a whole number: '" + v.get() + "'");
    }
  }

  public double decimal(String key, double fallback) {
    Optional<String> v = string(key);
    if (v.isEmpty()) {
      return fallback;
    }
    try {
      return Double.parseDouble(v.get());
    } catch (NumberFormatException e) {
      throw error(router, "setting '" + key + "' of router '" + router + "' is not a number: '" + v.get() + "'");
    }
  }

  /** An ISO-8601 duration ({@code PT2S}) or a number of milliseconds. */
  public Duration duration(String key, Duration fallback) {
    Optional<String> v = string(key);
    if (v.isEmpty()) {
      return fallback;
    }
    try {
      return v.get().matches("\\d+") ? Duration.ofMillis(Long.parseLong(v.get())) : Duration.parse(v.get());
    } catch (DateTimeParseException | NumberFormatException e) {
      throw error(router, "setting '" + key + "' of router '" + router
          + "' is not a duration (PT2S or milliseconds): '" + v.get() + "'");
    }
  }

  /** A CONFIGURATION error about {@code router}. */
  public static LlmException error(String router, String message) {
    return LlmException.builder(ErrorKind.CONFIGURATION, message).build();
  }

  /** The error for a candidate name the settings give that the routing config lacks. */
  public LlmException unknownCandidate(String key, String name, List<String> candidates) {
    return error(router, "setting '" + key + "' of router '" + router + "' names candidate '" + name
        + "', which the routing config does not have; its candidates are " + candidates);
  }
}
