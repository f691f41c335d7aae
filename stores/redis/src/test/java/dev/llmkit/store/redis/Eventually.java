package dev.llmkit.store.redis;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for what the Redis server's clock decides (a TTL, a cooldown, a lease) by asking until the
 * answer comes, instead of sleeping a fixed time that is either too short on a slow machine or wasted.
 */
final class Eventually {
  private static final Duration LIMIT = Duration.ofSeconds(5);

  private Eventually() {}

  /** Returns once {@code condition} holds; fails, saying {@code what}, when it has not within five seconds. */
  static void await(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within " + LIMIT.toSeconds() + " s: " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
  }
}
