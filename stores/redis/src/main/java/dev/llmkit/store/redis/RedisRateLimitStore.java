package dev.llmkit.store.redis;

import dev.llmkit.core.resilience.InMemoryRateLimitStore;
import dev.llmkit.core.resilience.RateLimitStore;
import java.time.Duration;
import java.util.List;

/**
 * Token buckets on Redis, shared by every process: each reservation or adjustment is one Lua script
 * ({@code rate-limit.lua}) that refills by the server's clock and takes the permits atomically, with
 * the same arithmetic as {@link InMemoryRateLimitStore} (debt included). Idle buckets expire once full.
 */
final class RedisRateLimitStore implements RateLimitStore {
  private static final LuaScript SCRIPT = LuaScript.load("rate-limit.lua");

  private final String prefix;
  private final StoreGuard guard;
  private final RateLimitStore local = new InMemoryRateLimitStore();

  RedisRateLimitStore(String keyPrefix, StoreGuard guard) {
    this.prefix = keyPrefix + "rate:";
    this.guard = guard;
  }

  @Override
  public Reservation reserve(String key, long perMinute, long permits, Duration maxWait) {
    return guard.call("reserve permits", c -> {
      List<?> r = (List<?>) SCRIPT.run(c, List.of(prefix + key), List.of("reserve", Long.toString(perMinute),
          Long.toString(permits), Long.toString(micros(maxWait))));
      boolean granted = ((Number) r.get(0)).longValue() == 1;
      Duration wait = Duration.ofNanos(Long.parseLong(r.get(1).toString()) * 1000);
      return granted && wait.isZero() ? Reservation.NOW : new Reservation(granted, wait);
    }, () -> local.reserve(key, perMinute, permits, maxWait));
  }

  @Override
  public void adjust(String key, long perMinute, long permits) {
    guard.record("adjust permits", c -> SCRIPT.run(c, List.of(prefix + key), List.of("adjust", Long.toString(perMinute),
        Long.toString(permits), "0")), () -> local.adjust(key, perMinute, permits));
  }

  private static long micros(Duration d) {
    try {
      return d.toNanos() / 1000;
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE / 1000;
    }
  }

  @Override
  public String toString() {
    return "RedisRateLimitStore[" + prefix + "…]";
  }
}
