package dev.llmkit.router.balancing;

import java.util.Locale;
import java.util.Optional;

/** How the {@code balancing} router picks among available deployments. */
public enum Strategy {
  /** At random, in proportion to the {@code weights} setting (1 each by default). */
  WEIGHTED,
  /** The fewest calls in flight (counted by the router from its start and outcome callbacks). */
  LEAST_BUSY,
  /** At random among those whose latency moving average is within {@code latency_buffer} of the best. */
  LOWEST_LATENCY,
  /** The cheapest for the call's estimated tokens, from the candidates' prices (unknown prices last). */
  LOWEST_COST,
  /** The most headroom under the {@code rpm} / {@code tpm} limits (used in the last minute). */
  USAGE_BASED;

  /** The setting's spelling: {@code weighted}, {@code least_busy}, ... */
  public String settingName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<Strategy> parse(String value) {
    String v = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (Strategy s : values()) {
      if (s.name().equals(v)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
