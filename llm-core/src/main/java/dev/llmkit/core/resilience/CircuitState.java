package dev.llmkit.core.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * The state of the circuit of one provider and model, as {@link ResilienceRegistry#circuitState} reports
 * it: a router skips a model whose circuit is open.
 *
 * @param status closed (calls go through), open (calls are refused) or half-open (a probe may go through)
 * @param remainingOpen how long an open circuit stays open; zero otherwise
 */
public record CircuitState(Status status, Duration remainingOpen) {

  /** A closed circuit. */
  public static final CircuitState CLOSED = new CircuitState(Status.CLOSED, Duration.ZERO);

  public enum Status { CLOSED, OPEN, HALF_OPEN }

  public CircuitState {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(remainingOpen, "remainingOpen");
  }

  /** Whether calls are refused now. */
  public boolean isOpen() {
    return status == Status.OPEN;
  }
}
