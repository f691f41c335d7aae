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

  private ResponseHeaders() {}

  /** Everything the headers say about the exchange, with no call attributes yet. */
  public static ResponseMetadata metadata(HttpHeaders headers, Clock clock) {
    return ResponseMetadata.of(requestId(headers), rateLimits(headers, clock),
        RetryAfter.parse(headers, clock).orElse(null), proxyCost(headers));
  }

  /** The provider's id for the request, the one its support asks for; {@code null} when none was sent. */
  public static @Nullable String requestId(HttpHeaders headers) {
    return headers.firstValue("x-request-id").or(() -> headers.firstValue("request-id"))
        .map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
  }

  /** The rate-limit windows the headers report; {@link RateLimits#NONE} when they report none. */
  public static RateLimits rateLimits(HttpHeaders headers, Clock clock) {
    RateLimits limits = new RateLimits(window(headers, "requests", clock), window(headers, "tokens", clock),
        window(headers, "input-tokens", clock), window(headers, "output-tokens", clock));
    return limits.isEmpty() ? RateLimits.NONE : limits;
  }

  private static RateLimit window(HttpHeaders headers, String family, Clock clock) {
    RateLimit w = new RateLimit(
        figure(headers, family, "limit").map(ResponseHeaders::count).orElse(null),
        figure(headers, family, "remaining").map(ResponseHeaders::count).orElse(null),
        figure(headers, family, "reset").map(v -> resetAt(v, clock)).orElse(null));
    return w.isUnknown() ? RateLimit.UNKNOWN : w;
  }

  // Anthropic names the family before the figure, OpenAI after it.
  private static Optional<String> figure(HttpHeaders headers, String family, String figure) {
    return headers.firstValue("anthropic-ratelimit-" + family + "-" + figure)
        .or(() -> headers.firstValue("x-ratelimit-" + figure + "-" + family));
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
    Optional<String> value = headers.firstValue(LITELLM_COST);
    if (value.isEmpty()) {
      return null;
    }
    try {
      BigDecimal usd = new BigDecimal(value.get().strip()); // the header's own digits: no binary rounding
      return usd.signum() < 0 ? null : new Cost(usd);
    } catch (NumberFormatException | ArithmeticException e) {
      return null; // e.g. "None" from a proxy that had no price for the model
    }
  }
}
