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
    return call(operation, remote, local, policy);
  }

  /**
   * A read for information only (a circuit's state, as routers and error messages show it): never
   * throws, the local store answering when Redis cannot, whatever the policy.
   */
  <T> T inform(String operation, Function<UnifiedJedis, T> remote, Supplier<T> local) {
    return call(operation, remote, local, FailPolicy.FAIL_OPEN);
  }

  private <T> T call(String operation, Function<UnifiedJedis, T> remote, Supplier<T> local, FailPolicy policy) {
    Timer.Context timer = roundTrips.time();
    try {
      return remote.apply(connection.client());
    } catch (JedisException e) {
      errors.mark();
      connection.onFailure(e);
      String why = unavailable(operation, e);
      if (policy == FailPolicy.FAIL_CLOSED) {
        boolean refusedUs = e instanceof JedisAccessControlException;
        // Not retryable: retrying the call at once would only meet the same outage.
        throw LlmException.builder(refusedUs ? ErrorKind.AUTHENTICATION : ErrorKind.CONNECTION, why
            + "; its fail policy is FAIL_CLOSED, so the call is refused; "
            + (refusedUs ? "check the store's password setting" : "check that Redis is up and reachable")
            + ", or set failPolicy." + store.id() + " = FAIL_OPEN").retryable(false).build();
      }
      fallbacks.mark();
      warnNowAndThen(fallingBack(why));
      return local.get();
    } finally {
      timer.stop();
    }
  }

  /**
   * Bookkeeping after the fact (settling a budget, recording an outcome, correcting an estimate): it
   * never throws, since the call it records has happened and a caller waiting on it must hear of its
   * end. When Redis cannot answer, fail open records it in the local store; fail closed drops it with
   * a warning (what it would have released lapses on Redis by its time to live).
   */
  void record(String operation, Consumer<UnifiedJedis> remote, Runnable local) {
    Timer.Context timer = roundTrips.time();
    try {
      remote.accept(connection.client());
    } catch (JedisException e) {
      errors.mark();
      connection.onFailure(e);
      if (policy == FailPolicy.FAIL_OPEN) {
        fallbacks.mark();
        warnNowAndThen(fallingBack(unavailable(operation, e)));
        local.run();
      } else {
        warnNowAndThen(unavailable(operation, e) + "; its fail policy is FAIL_CLOSED and the call has already happened, so"
            + " this record is dropped (a reservation it would have released lapses by its time to live)");
      }
    } finally {
      timer.stop();
    }
  }

  private String unavailable(String operation, JedisException e) {
    return "the " + store.id() + " store on Redis at " + connection.display() + " could not " + operation + " ("
        + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
  }

  private String fallingBack(String why) {
    String fallback = store == SharedStoreKind.RESPONSE_CACHE ? "answers every lookup with a miss and caches nothing"
        : "uses its in-memory " + store.id() + " store (limits then hold per process)";
    return why + "; its fail policy is FAIL_OPEN, so this process " + fallback + " until Redis answers again";
  }

  private void warnNowAndThen(String message) {
    long now = System.nanoTime();
    long last = lastWarning.get();
    if (now - last >= WARNING_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
      LOG.log(System.Logger.Level.WARNING, message + " (this warning repeats at most every 30 s; metric "
          + metricName(store, "errors") + " counts each failure)");
    }
  }
}
