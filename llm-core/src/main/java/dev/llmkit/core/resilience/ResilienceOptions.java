package dev.llmkit.core.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an {@code Llm} does beyond {@code LlmConfig}'s retry settings: its circuit breaker (on by
 * default), client-side rate limit and bulkhead (off by default), the listeners of its retries, and the
 * {@link ResilienceRegistry} holding their state (its own unless one is given).
 * {@code Llms.builder()} has a setter for each; Guice users pass one to
 * {@code new LlmModule(config).withResilience(options)}.
 *
 * @param registry the state to use; {@code null}: a new in-memory one for each {@code Llm}
 */
public record ResilienceOptions(CircuitBreakerPolicy circuitBreaker, RateLimitPolicy rateLimit, BulkheadPolicy bulkhead,
    List<RetryListener> retryListeners, @Nullable ResilienceRegistry registry) {

  /** The defaults: the default circuit breaker, no rate limit, no bulkhead, no listener. */
  public static final ResilienceOptions DEFAULTS = builder().build();

  public ResilienceOptions {
    Objects.requireNonNull(circuitBreaker, "circuitBreaker");
    Objects.requireNonNull(rateLimit, "rateLimit");
    Objects.requireNonNull(bulkhead, "bulkhead");
    retryListeners = List.copyOf(retryListeners);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder().circuitBreaker(circuitBreaker).rateLimit(rateLimit).bulkhead(bulkhead).registry(registry);
    retryListeners.forEach(b::retryListener);
    return b;
  }

  /** Builds {@link ResilienceOptions}; every setting is optional. */
  public static final class Builder {
    private CircuitBreakerPolicy circuitBreaker = CircuitBreakerPolicy.DEFAULT;
    private RateLimitPolicy rateLimit = RateLimitPolicy.NONE;
    private BulkheadPolicy bulkhead = BulkheadPolicy.NONE;
    private final List<RetryListener> retryListeners = new ArrayList<>();
    private @Nullable ResilienceRegistry registry;

    private Builder() {}

    /** The circuit breaker per provider and model; {@link CircuitBreakerPolicy#DISABLED} for none. */
    public Builder circuitBreaker(CircuitBreakerPolicy value) {
      circuitBreaker = Objects.requireNonNull(value, "circuitBreaker");
      return this;
    }

    /** The client-side rate limit per provider and model; {@link RateLimitPolicy#NONE} by default. */
    public Builder rateLimit(RateLimitPolicy value) {
      rateLimit = Objects.requireNonNull(value, "rateLimit");
      return this;
    }

    /** The most attempts in flight per provider; {@link BulkheadPolicy#NONE} by default. */
    public Builder bulkhead(BulkheadPolicy value) {
      bulkhead = Objects.requireNonNull(value, "bulkhead");
      return this;
    }

    /** Adds a listener of retries; listeners are called in the order added. */
    public Builder retryListener(RetryListener value) {
      retryListeners.add(Objects.requireNonNull(value, "retryListener"));
      return this;
    }

    /** Removes the listeners added so far. */
    public Builder clearRetryListeners() {
      retryListeners.clear();
      return this;
    }

    /** The state to keep circuits, buckets and places in; a new in-memory one per {@code Llm} when unset. */
    public Builder registry(@Nullable ResilienceRegistry value) {
      registry = value;
      return this;
    }

    public ResilienceOptions build() {
      return new ResilienceOptions(circuitBreaker, rateLimit, bulkhead, retryListeners, registry);
    }
  }
}
