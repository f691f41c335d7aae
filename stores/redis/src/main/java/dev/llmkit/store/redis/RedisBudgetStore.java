package dev.llmkit.store.redis;

import dev.llmkit.core.budget.BudgetStore;
import dev.llmkit.core.budget.InMemoryBudgetStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;

/**
 * Budgets on Redis: each operation is one Lua script ({@code budget.lua}), atomic on the server, so
 * the cap holds however many processes reserve at once. Amounts are kept in whole nano-dollars
 * (reservations and spending rounded up, the limit down, so rounding never lets a call past the cap);
 * a reservation not settled within its time to live (its process crashed) is released by the next
 * operation on the budget.
 */
final class RedisBudgetStore implements BudgetStore {
  private static final LuaScript SCRIPT = LuaScript.load("budget.lua");
  private static final int NANO = 9;

  private final String prefix;
  private final StoreGuard guard;
  private final BudgetStore local = new InMemoryBudgetStore();

  RedisBudgetStore(String keyPrefix, StoreGuard guard) {
    this.prefix = keyPrefix + "budget:{";
    this.guard = guard;
  }

  @Override
  public boolean tryReserve(String budget, String reservationId, BigDecimal amount, BigDecimal limit, Duration timeToLive) {
    return guard.call("reserve", c -> ((Number) SCRIPT.run(c, keys(budget), List.of("reserve", reservationId,
        nanos(amount, RoundingMode.CEILING), nanos(limit, RoundingMode.FLOOR), Long.toString(Math.max(1, timeToLive.toMillis())))))
        .longValue() == 1, () -> local.tryReserve(budget, reservationId, amount, limit, timeToLive));
  }

  @Override
  public void settle(String budget, String reservationId, BigDecimal actual) {
    guard.record("settle", c -> SCRIPT.run(c, keys(budget), List.of("settle", reservationId, nanos(actual, RoundingMode.CEILING))),
        () -> local.settle(budget, reservationId, actual));
  }

  @Override
  public BigDecimal spent(String budget) {
    return guard.call("read", c -> usd(read(c, budget).get(0)), () -> local.spent(budget));
  }

  @Override
  public BigDecimal reserved(String budget) {
    return guard.call("read", c -> usd(read(c, budget).get(1)), () -> local.reserved(budget));
  }

  private List<?> read(redis.clients.jedis.UnifiedJedis c, String budget) {
    return (List<?>) SCRIPT.run(c, keys(budget), List.of("read"));
  }

  /** The ledger, the reservations and their deadlines; one hash tag, so one cluster slot. */
  private List<String> keys(String budget) {
    String base = prefix + budget + "}";
    return List.of(base + ":ledger", base + ":holds", base + ":deadlines");
  }

  private static String nanos(BigDecimal usd, RoundingMode rounding) {
    return usd.movePointRight(NANO).setScale(0, rounding).toBigIntegerExact().toString();
  }

  private static BigDecimal usd(Object nanos) {
    return new BigDecimal(nanos.toString()).movePointLeft(NANO);
  }

  @Override
  public String toString() {
    return "RedisBudgetStore[" + prefix + "…}]";
  }
}
