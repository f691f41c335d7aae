package dev.llmkit.spi.support;

import dev.llmkit.api.Cost;
import dev.llmkit.api.RateLimit;
import dev.llmkit.api.RateLimits;
import dev.llmkit.api.ResponseMetadata;
import java.math.BigDecimal;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads what a provider says about an exchange in its response headers, for success and error alike:
 * the request id, the retry hint, the rate-limit figures and a cost reported by a proxy. A value that
 * cannot be read is left out, never an exception: a header a gateway mangled must not fail a call
 * whose answer is fine.
 *
 * <ul>
 *   <li>Request id: {@code x-request-id} (OpenAI and most others), else {@code request-id} (Anthropic).
 *   <li>Rate limits: OpenAI-style {@code x-ratelimit-{limit,remaining,reset}-{requests,tokens}}, resets as
 *       Go durations ({@code 6m0s}, {@code 20ms}) counted from {@code clock}; Anthropic-style
 *       {@code anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}},
 *       resets as RFC 3339 timestamps. Either reset form is accepted in either family.
 *   <li>Cost: {@code x-litellm-response-cost}, the US dollars a LiteLLM proxy charged for the call.
 * </ul>
 */
public final class ResponseHeaders {
  private static final String LITELLM_COST = "x-litellm-response-cost";
  private static final String ANTHROPIC_PREFIX = "anthropic-ratelimit-";
  private static final String OPENAI_PREFIX = "x-ratelimit-";
  private static final List<String> FAMILIES = List.of("requests", "tokens", "input-tokens", "output-tokens");

  private ResponseHeaders() {}

  /** Everything the headers say about the exchange, with no call attributes yet. */
  public static ResponseMetadata metadata(HttpHeaders headers, Clock clock) {
    return ResponseMetadata.of(requestId(headers), rateLimits(headers, clock),
        RetryAfter.parse(headers, clock).orElse(null), proxyCost(headers));
  }

  /** The provider's id for the request, the one its support asks for; {@code null} when none was sent. */
  public static @Nullable String requestId(HttpHeaders headers) {
    String id = Headers.first(headers, "x-request-id");
    if (id == null) {
      id = Headers.first(headers, "request-id");
    }
    return id == null || id.isBlank() ? null : id.strip();
  }

  /** The rate-limit windows the headers report; {@link RateLimits#NONE} when they report none. */
  public static RateLimits rateLimits(HttpHeaders headers, Clock clock) {
    // One pass over the headers instead of a lookup per family and figure: this runs on every call,
    // and most responses carry no rate-limit header at all.
    Windows windows = null;
    Map<String, List<String>> all = headers.map();
    for (String name : all.keySet()) { // the key set, not the entry set: no wrapper object per header
      boolean anthropic = startsWith(name, ANTHROPIC_PREFIX);
      if (anthropic || startsWith(name, OPENAI_PREFIX)) {
        List<String> values = all.get(name);
        if (!values.isEmpty()) {
          if (windows == null) {
            windows = new Windows();
          }
          windows.accept(name.toLowerCase(Locale.ROOT), anthropic, values.get(0), clock);
        }
      }
    }
    return windows == null ? RateLimits.NONE : windows.build();
  }

  private static boolean startsWith(String name, String prefix) {
    return name.regionMatches(true, 0, prefix, 0, prefix.length());
  }

  /** The figures found so far, per family; an Anthropic-style header wins over an OpenAI-style one. */
  private static final class Windows {
    private final Window[] windows = {new Window(), new Window(), new Window(), new Window()};

    void accept(String name, boolean anthropic, String value, Clock clock) {
      // Anthropic names the family before the figure (anthropic-ratelimit-tokens-remaining), OpenAI
      // after it (x-ratelimit-remaining-tokens).
      String rest = name.substring(anthropic ? ANTHROPIC_PREFIX.length() : OPENAI_PREFIX.length());
      int dash = anthropic ? rest.lastIndexOf('-') : rest.indexOf('-');
      if (dash <= 0) {
        return;
      }
      int family = FAMILIES.indexOf(anthropic ? rest.substring(0, dash) : rest.substring(dash + 1));
      String figure = anthropic ? rest.substring(dash + 1) : rest.substring(0, dash);
      if (family >= 0) {
        windows[family].accept(figure, anthropic, value, clock);
      }
    }

    RateLimits build() {
      RateLimits limits = new RateLimits(windows[0].build(), windows[1].build(), windows[2].build(), windows[3].build());
      return limits.isEmpty() ? RateLimits.NONE : limits;
    }
  }

  private static final class Window {
    @Nullable Long limit;
    @Nullable Long remaining;
    @Nullable Instant reset;
    boolean anthropic; // the figures came from Anthropic-style headers

    void accept(String figure, boolean fromAnthropic, String value, Clock clock) {
      if (anthropic && !fromAnthropic) {
        return;
      }
      switch (figure) {
        case "limit" -> limit = orElse(count(value), limit);
        case "remaining" -> remaining = orElse(count(value), remaining);
        case "reset" -> reset = orElse(resetAt(value, clock), reset);
        default -> {
          return;
        }
      }
      anthropic = fromAnthropic;
    }

    RateLimit build() {
      return limit == null && remaining == null && reset == null ? RateLimit.UNKNOWN : new RateLimit(limit, remaining, reset);
    }

    private static <T> @Nullable T orElse(@Nullable T value, @Nullable T fallback) {
      return value != null ? value : fallback;
    }
  }

  private static @Nullable Long count(String value) {
    try {
      long n = Long.parseLong(value.strip());
      return n < 0 ? null : n;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static @Nullable Instant resetAt(String value, Clock clock) {
    Optional<Duration> wait = RetryAfter.parseGoDuration(value);
    if (wait.isPresent()) {
      return clock.instant().plus(wait.get());
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static @Nullable Cost proxyCost(HttpHeaders headers) {
    String value = Headers.first(headers, LITELLM_COST);
    if (value == null) {
      return null;
    }
    try {
      BigDecimal usd = new BigDecimal(value.strip()); // the header's own digits: no binary rounding
      return usd.signum() < 0 ? null : new Cost(usd);
    } catch (NumberFormatException | ArithmeticException e) {
      return null; // e.g. "None" from a proxy that had no price for the model
    }
  }
}
