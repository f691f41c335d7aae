package dev.llmkit.core.budget;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Where budgets keep what was spent and what running calls have reserved. Each operation is atomic
 * per budget, so concurrent callers can never reserve past the limit together. The in-memory store is
 * the default; a store shared by several processes (Redis, a database) implements the same contract,
 * letting reservations of a crashed process lapse after their time to live.
 */
public interface BudgetStore {

  /**
   * Reserves {@code amount} for the call {@code reservationId} when spent + reserved + amount stays
   * within {@code limit}; returns whether it did. A reservation not settled within {@code timeToLive}
   * may be dropped by stores shared between processes.
   */
  boolean tryReserve(String budget, String reservationId, BigDecimal amount, BigDecimal limit, Duration timeToLive);

  /** Ends a reservation: it is released and {@code actual} is added to what was spent (even past the limit). */
  void settle(String budget, String reservationId, BigDecimal actual);

  /** What the budget's settled calls spent. */
  BigDecimal spent(String budget);

  /** What running calls hold reserved. */
  BigDecimal reserved(String budget);
}
