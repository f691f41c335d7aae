package dev.llmkit.spi.support;

import java.math.BigDecimal;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the wait a server asks for before a retry: {@code retry-after-ms} (milliseconds, Azure),
 * then {@code retry-after} as seconds (fractions tolerated) or as an HTTP date. A date in the past
 * means "now" (zero). Also parses the duration forms providers put in reset headers.
 */
public final class RetryAfter {
  private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|us|µs|ns|h|m|s)");

  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private RetryAfter() {}

  public static Optional<Duration> parse(HttpHeaders headers, Clock clock) {
    String ms = Headers.first(headers, "retry-after-ms");
    if (ms != null) {
      Optional<Duration> wait = millis(ms);
      if (wait.isPresent()) {
        return wait;
      }
    }
    String value = Headers.first(headers, "retry-after");
    return value == null ? Optional.empty() : parseValue(value, clock);
  }

  /** A {@code retry-after} value: seconds ({@code "2"}, {@code "1.5"}) or an HTTP date. */
  public static Optional<Duration> parseValue(String value, Clock clock) {
    String v = value.trim();
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      BigDecimal seconds = new BigDecimal(v);
      if (seconds.signum() < 0) {
        return Optional.empty();
      }
      return Optional.of(saturatedMillis(seconds.movePointRight(3)));
    } catch (ArithmeticException absurdExponent) {
      return Optional.empty(); // e.g. "1e2147483647": not a wait anyone meant
    } catch (NumberFormatException notANumber) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(clock.instant(), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }

  /**
   * A Go-style duration as in OpenAI's {@code x-ratelimit-reset-*} headers ({@code "6m0s"},
   * {@code "20ms"}, {@code "1.5s"}) or a Google proto duration ({@code "37s"}).
   */
  public static Optional<Duration> parseGoDuration(String value) {
    String v = value.trim();
    if (v.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = GO_DURATION_PART.matcher(v);
    BigDecimal nanos = BigDecimal.ZERO;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        return Optional.empty();
      }
      end = m.end();
      BigDecimal n = new BigDecimal(m.group(1));
      BigDecimal unitNanos = switch (m.group(2)) {
        case "h" -> BigDecimal.valueOf(3_600_000_000_000L);
        case "m" -> BigDecimal.valueOf(60_000_000_000L);
        case "s" -> BigDecimal.valueOf(1_000_000_000L);
        case "ms" -> BigDecimal.valueOf(1_000_000L);
        case "us", "µs" -> BigDecimal.valueOf(1_000L);
        default -> BigDecimal.ONE;
      };
      nanos = nanos.add(n.multiply(unitNanos));
    }
    if (end != v.length() || end == 0) {
      return Optional.empty();
    }
    return Optional.of(nanos.compareTo(LONG_MAX) > 0 ? Duration.ofNanos(Long.MAX_VALUE) : Duration.ofNanos(nanos.longValue()));
  }

  /** The wait until an RFC 3339 timestamp (Anthropic's {@code -reset} headers), zero if past. */
  public static Optional<Duration> untilTimestamp(String rfc3339, Clock clock) {
    try {
      Duration wait = Duration.between(clock.instant(), Instant.parse(rfc3339.trim()));
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  // BigDecimal.longValue() wraps on overflow, which would turn an absurd hint into a negative wait.
  private static Duration saturatedMillis(BigDecimal millis) {
    return Duration.ofMillis(millis.compareTo(LONG_MAX) > 0 ? Long.MAX_VALUE : millis.longValue());
  }

  private static Optional<Duration> millis(String value) {
    try {
      BigDecimal ms = new BigDecimal(value.trim());
      return ms.signum() < 0 ? Optional.empty() : Optional.of(saturatedMillis(ms));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
