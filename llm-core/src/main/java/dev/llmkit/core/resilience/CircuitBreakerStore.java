package dev.llmkit.core.resilience;

/**
 * Where the circuits of a {@link ResilienceRegistry} live, one per provider and model (the key is
 * {@code provider/model}). {@link InMemoryCircuitBreakerStore} keeps them in this process; a store
 * shared between processes (a database, Redis) implements the same few operations, so that every
 * instance of a service sees one circuit per model.
 */
public interface CircuitBreakerStore {

  /** The circuit of {@code key}, made with {@code policy} on first use. */
  Circuit circuit(String key, CircuitBreakerPolicy policy);

  /** The state of {@code key}'s circuit; {@link CircuitState#CLOSED} when it has none yet. */
  CircuitState state(String key);

  /** One circuit. Implementations are thread-safe. */
  interface Circuit {

    /** Whether an attempt may go now; a half-open circuit admits only its probes. */
    boolean tryAcquirePermit();

    /** The attempt answered (or failed in a way that shows the model answering). */
    void recordSuccess();

    /** The attempt failed in a way that says the model is unhealthy. */
    void recordFailure();

    /** The attempt ended without saying anything of the model (it was cancelled): gives its permit back. */
    void releasePermit();

    CircuitState state();
  }
}
