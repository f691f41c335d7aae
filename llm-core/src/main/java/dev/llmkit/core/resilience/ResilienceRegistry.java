package dev.llmkit.core.resilience;

import java.util.Objects;

/**
 * The state of retries' companions: circuits, rate-limit buckets and bulkhead places, each behind its
 * store. Give one registry to every {@code Llm} that should share them (say, an agent and its
 * condenser on one model); an {@code Llm} built without one gets its own. Read a circuit's state here,
 * e.g. to route around an unhealthy model.
 *
 * <pre>{@code
 * ResilienceRegistry shared = ResilienceRegistry.inMemory();
 * Llm agent = Llms.builder().config(config).resilienceRegistry(shared).build();
 * if (shared.circuitState("openai", "gpt-4o").isOpen()) { ... }
 * }</pre>
 */
public final class ResilienceRegistry {
  private final CircuitBreakerStore circuits;
  private final RateLimitStore rateLimits;
  private final BulkheadStore bulkheads;

  private ResilienceRegistry(CircuitBreakerStore circuits, RateLimitStore rateLimits, BulkheadStore bulkheads) {
    this.circuits = Objects.requireNonNull(circuits, "circuits");
    this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
    this.bulkheads = Objects.requireNonNull(bulkheads, "bulkheads");
  }

  /** A registry keeping everything in this process. */
  public static ResilienceRegistry inMemory() {
    return new ResilienceRegistry(new InMemoryCircuitBreakerStore(), new InMemoryRateLimitStore(),
        new InMemoryBulkheadStore());
  }

  /** A registry over the given stores (e.g. shared ones for circuits and rate limits). */
  public static ResilienceRegistry of(CircuitBreakerStore circuits, RateLimitStore rateLimits, BulkheadStore bulkheads) {
    return new ResilienceRegistry(circuits, rateLimits, bulkheads);
  }

  /** The state of the circuit of {@code provider}'s {@code model}; closed when no call has used it yet. */
  public CircuitState circuitState(String provider, String model) {
    return circuits.state(circuitKey(provider, model));
  }

  /** The key of a model's circuit and rate limits in the stores: {@code provider/model}. */
  public static String circuitKey(String provider, String model) {
    return provider + "/" + model;
  }

  public CircuitBreakerStore circuits() {
    return circuits;
  }

  public RateLimitStore rateLimits() {
    return rateLimits;
  }

  public BulkheadStore bulkheads() {
    return bulkheads;
  }

  @Override
  public String toString() {
    return "ResilienceRegistry[" + circuits + ", " + rateLimits.getClass().getSimpleName() + ", "
        + bulkheads.getClass().getSimpleName() + "]";
  }
}
