package dev.llmkit.store.redis;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.core.store.FailPolicy;
import dev.llmkit.core.store.SharedStoreKind;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Runs one store's operations on Redis, measures them, and applies the store's {@link FailPolicy}
 * when Redis cannot answer: fail open runs the operation on the local in-memory store instead (with a
 * warning at most every {@link #WARNING_INTERVAL_NANOS} and a fallback counted), fail closed throws a
 * {@link ErrorKind#CONNECTION} error ({@link ErrorKind#AUTHENTICATION} when Redis refuses the password).
 * Metrics, under {@code llm.store.redis.<store>.}: {@code round-trips}
 * (a timer: count and latency), {@code errors} and {@code fallbacks} (meters).
 */
final class StoreGuard {
  private static final System.Logger LOG = System.getLogger(StoreGuard.class.getName());
  private static final long WARNING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final SharedStoreKind store;
  private final FailPolicy policy;
  private final RedisConnection connection;
  private final Timer roundTrips;
  private final Meter errors;
  private final Meter fallbacks;
  private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS);

  StoreGuard(SharedStoreKind store, FailPolicy policy, RedisConnection connection, MetricRegistry metrics) {
    this.store = store;
    this.policy = policy;
    this.connection = connection;
    this.roundTrips = metrics.timer(metricName(store, "round-trips"));
    this.errors = metrics.meter(metricName(store, "errors"));
    this.fallbacks = metrics.meter(metricName(store, "fallbacks"));
  }

  static String metricName(SharedStoreKind store, String metric) {
    return MetricRegistry.name("llm.store.redis", store.id(), metric);
  }

  /** {@code remote} on Redis, or what the fail policy says when Redis cannot answer. */
  <T> T call(String operation, Function<UnifiedJedis, T> remote, Supplier<T> local) {
    Timer.Context timer = roundTrips.time();
    try {
      return remote.apply(connection.client());
    } catch (JedisException e) {
      errors.mark();
      connection.onFailure(e);
      String why = "the " + store.id() + " store on Redis at " + connection.display() + " could not " + operation + " ("
          + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
      if (policy == FailPolicy.FAIL_CLOSED) {
        boolean refusedUs = e instanceof JedisAccessControlException;
        throw LlmException.builder(refusedUs ? ErrorKind.AUTHENTICATION : ErrorKind.CONNECTION, why
            + "; its fail policy is FAIL_CLOSED, so the call is refused; "
            + (refusedUs ? "check the store's password setting" : "check that Redis is up and reachable")
            + ", or set failPolicy." + store.id() + " = FAIL_OPEN").build();
      }
      fallbacks.mark();
      warnNowAndThen(why);
      return local.get();
    } finally {
      timer.stop();
    }
  }

  /** Runs {@code remote} for its effect only. */
  void run(String operation, Consumer<UnifiedJedis> remote, Runnable local) {
    call(operation, c -> {
      remote.accept(c);
      return null;
    }, () -> {
      local.run();
      return null;
    });
  }

  private void warnNowAndThen(String why) {
    long now = System.nanoTime();
    long last = lastWarning.get();
    if (now - last >= WARNING_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
      String fallback = store == SharedStoreKind.RESPONSE_CACHE ? "answers every lookup with a miss and caches nothing"
          : "uses its in-memory " + store.id() + " store (limits then hold per process)";
      LOG.log(System.Logger.Level.WARNING, why + "; its fail policy is FAIL_OPEN, so this process " + fallback
          + " until Redis answers again (this warning repeats at most every 30 s; metric " + metricName(store, "fallbacks")
          + " counts each fallback)");
    }
  }
}
