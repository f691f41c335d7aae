package dev.llmkit.core.resilience;

import dev.failsafe.CircuitBreaker;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Circuits kept in this process: one Failsafe {@link CircuitBreaker} per key. Thread-safe.
 */
public final class InMemoryCircuitBreakerStore implements CircuitBreakerStore {
  private final ConcurrentMap<String, FailsafeCircuit> circuits = new ConcurrentHashMap<>();

  @Override
  public Circuit circuit(String key, CircuitBreakerPolicy policy) {
    return circuits.computeIfAbsent(key, k -> new FailsafeCircuit(policy));
  }

  @Override
  public CircuitState state(String key) {
    FailsafeCircuit circuit = circuits.get(key);
    return circuit == null ? CircuitState.CLOSED : circuit.state();
  }

  @Override
  public String toString() {
    return "InMemoryCircuitBreakerStore" + circuits.keySet();
  }

  private static final class FailsafeCircuit implements Circuit {
    private final CircuitBreaker<Object> breaker;

    FailsafeCircuit(CircuitBreakerPolicy policy) {
      this.breaker = CircuitBreaker.builder()
          .withFailureThreshold(Math.max(1, policy.failureThreshold()))
          .withDelay(policy.cooldown())
          .withSuccessThreshold(policy.successThreshold())
          .build();
    }

    @Override
    public boolean tryAcquirePermit() {
      return breaker.tryAcquirePermit();
    }

    @Override
    public void recordSuccess() {
      breaker.recordSuccess();
    }

    @Override
    public void recordFailure() {
      breaker.recordFailure();
    }

    @Override
    public void releasePermit() {
      // Failsafe has no public way to give a half-open permit back; entering half-open again restores them.
      if (breaker.isHalfOpen()) {
        breaker.halfOpen();
      }
    }

    @Override
    public CircuitState state() {
      return switch (breaker.getState()) {
        case CLOSED -> CircuitState.CLOSED;
        case HALF_OPEN -> new CircuitState(CircuitState.Status.HALF_OPEN, Duration.ZERO);
        case OPEN -> {
          Duration remaining = breaker.getRemainingDelay();
          // Failsafe moves to half-open on the next permit asked for once the delay is over.
          yield remaining.isZero() ? new CircuitState(CircuitState.Status.HALF_OPEN, Duration.ZERO)
              : new CircuitState(CircuitState.Status.OPEN, remaining);
        }
      };
    }
  }
}
