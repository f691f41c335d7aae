package dev.llmkit.api;

import java.util.Locale;

/** How hard a reasoning model should think; providers map it onto their own controls. */
public enum ReasoningEffort {
  NONE,
  MINIMAL,
  LOW,
  MEDIUM,
  HIGH,
  XHIGH,
  MAX;

  /** The lower-case wire spelling ({@code "high"}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a case-insensitive name such as {@code "high"}. */
  public static ReasoningEffort parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown reasoning effort '" + value + "'; expected one of none, minimal, low, medium, high, xhigh, max",
          e);
    }
  }
}
