package dev.llmkit.core.budget;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link BudgetStore} for one process: a lock per budget, reservations kept until settled. */
public final class InMemoryBudgetStore implements BudgetStore {
  private final Map<String, Ledger> ledgers = new ConcurrentHashMap<>();

  @Override
  public boolean tryReserve(String budget, String reservationId, BigDecimal amount, BigDecimal limit, Duration timeToLive) {
    Ledger ledger = ledger(budget);
    synchronized (ledger) {
      if (ledger.spent.add(ledger.reserved).add(amount).compareTo(limit) > 0) {
        return false;
      }
      ledger.reserved = ledger.reserved.add(amount);
      ledger.reservations.put(reservationId, amount);
      return true;
    }
  }

  @Override
  public void settle(String budget, String reservationId, BigDecimal actual) {
    Ledger ledger = ledger(budget);
    synchronized (ledger) {
      BigDecimal held = ledger.reservations.remove(reservationId);
      if (held != null) {
        ledger.reserved = ledger.reserved.subtract(held);
      }
      ledger.spent = ledger.spent.add(actual);
    }
  }

  @Override
  public BigDecimal spent(String budget) {
    Ledger ledger = ledger(budget);
    synchronized (ledger) {
      return ledger.spent;
    }
  }

  @Override
  public BigDecimal reserved(String budget) {
    Ledger ledger = ledger(budget);
    synchronized (ledger) {
      return ledger.reserved;
    }
  }

  private Ledger ledger(String budget) {
    return ledgers.computeIfAbsent(budget, b -> new Ledger());
  }

  private static final class Ledger {
    BigDecimal spent = BigDecimal.ZERO;
    BigDecimal reserved = BigDecimal.ZERO;
    final Map<String, BigDecimal> reservations = new HashMap<>();
  }
}
