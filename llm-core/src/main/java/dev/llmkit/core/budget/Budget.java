package dev.llmkit.core.budget;

import dev.llmkit.api.Cost;
import java.time.Duration;
import java.util.Objects;

/**
 * A cap on what the calls of the {@code Llm}s it is given to may spend, in US dollars. Give one
 * {@code Budget} to one {@code Llm} for a per-instance cap, or the same one to several (all the models
 * of a service, or of the whole application) for a shared cap:
 *
 * <pre>{@code
 * Budget task = Budget.of("task-42", Cost.usd("2.00"));
 * Llm agent = Llms.builder().config(agentConfig).budget(task).build();
 * Llm condenser = Llms.builder().config(condenserConfig).budget(task).build();
 * }</pre>
 *
 * Before a call is sent, its worst-case cost (every prompt token at the highest input price, the
 * whole output allowance) is reserved; a call whose reservation does not fit is refused with a
 * {@link dev.llmkit.api.BudgetExceededException} and nothing is sent. When the call ends, the
 * reservation is replaced by the real cost. So concurrent calls can never overshoot the cap together.
 * A model with no known price reserves nothing: its calls cannot be refused in advance, and what the
 * provider reports they cost is still settled.
 */
public final class Budget {
  /** Reservations of a call that never settled (a crashed process) lapse after this, in shared stores. */
  static final Duration RESERVATION_TTL = Duration.ofMinutes(15);

  private final String name;
  private final Cost limit;
  private final BudgetStore store;

  private Budget(String name, Cost limit, BudgetStore store) {
    this.name = Objects.requireNonNull(name, "name");
    this.limit = Objects.requireNonNull(limit, "limit");
    this.store = Objects.requireNonNull(store, "store");
  }

  /** A budget kept in this process's memory. */
  public static Budget of(String name, Cost limit) {
    return new Budget(name, limit, new InMemoryBudgetStore());
  }

  /** A budget kept in {@code store} (e.g. one shared by several processes). */
  public static Budget of(String name, Cost limit, BudgetStore store) {
    return new Budget(name, limit, store);
  }

  public String name() {
    return name;
  }

  public Cost limit() {
    return limit;
  }

  /** What settled calls spent. */
  public Cost spent() {
    return new Cost(store.spent(name));
  }

  /** What running calls hold reserved. */
  public Cost reserved() {
    return new Cost(store.reserved(name));
  }

  /** The limit less what is spent and reserved. */
  public Cost remaining() {
    return limit.minus(spent().plus(reserved()));
  }

  boolean tryReserve(String reservationId, Cost amount) {
    return store.tryReserve(name, reservationId, amount.usd(), limit.usd(), RESERVATION_TTL);
  }

  void settle(String reservationId, Cost actual) {
    store.settle(name, reservationId, actual.usd());
  }

  @Override
  public String toString() {
    return "Budget[" + name + ", limit " + limit + ", spent " + spent() + ", reserved " + reserved() + "]";
  }
}
