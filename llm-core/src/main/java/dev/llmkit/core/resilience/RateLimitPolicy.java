package dev.llmkit.core.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * A client-side rate limit for one provider and model, so that an application stays under the limits
 * of its account instead of collecting 429s: two token buckets, one of requests and one of tokens,
 * each holding up to a minute's allowance and refilling continuously. Every attempt (retries included)
 * takes one request and the tokens it may use: its prompt, estimated before sending, plus its
 * {@code maxOutputTokens} when set; once answered, the estimate is corrected to the usage reported.
 * An attempt that has to wait for its permits waits (without holding a thread) up to {@code maxWait},
 * and is refused with a {@link dev.llmkit.api.ErrorKind#RATE_LIMITED} error, before anything is sent,
 * when it would have to wait longer.
 *
 * @param requestsPerMinute requests per minute; 0 for no request limit
 * @param tokensPerMinute tokens (prompt and output) per minute; 0 for no token limit
 * @param maxWait the longest an attempt waits for its permits
 */
public record RateLimitPolicy(long requestsPerMinute, long tokensPerMinute, Duration maxWait) {

  /** The default: no client-side limit. */
  public static final RateLimitPolicy NONE = new RateLimitPolicy(0, 0, Duration.ZERO);

  /** The wait an attempt accepts for its permits unless told otherwise. */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(30);

  public RateLimitPolicy {
    Objects.requireNonNull(maxWait, "maxWait");
    if (requestsPerMinute < 0) {
      throw new IllegalArgumentException("requestsPerMinute must be 0 (no limit) or more, was " + requestsPerMinute);
    }
    if (tokensPerMinute < 0) {
      throw new IllegalArgumentException("tokensPerMinute must be 0 (no limit) or more, was " + tokensPerMinute);
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
    }
  }

  /** At most {@code requests} requests and {@code tokens} tokens a minute (0: no limit), waiting up to 30 s. */
  public static RateLimitPolicy perMinute(long requests, long tokens) {
    return new RateLimitPolicy(requests, tokens, DEFAULT_MAX_WAIT);
  }

  /** This policy with another longest wait. */
  public RateLimitPolicy withMaxWait(Duration value) {
    return new RateLimitPolicy(requestsPerMinute, tokensPerMinute, value);
  }

  public boolean enabled() {
    return requestsPerMinute > 0 || tokensPerMinute > 0;
  }
}
