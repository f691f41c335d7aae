package dev.llmkit.core.resilience;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/** Token buckets kept in this process. Thread-safe. */
public final class InMemoryRateLimitStore implements RateLimitStore {
  private static final double NANOS_PER_MINUTE = 60e9;

  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;

  public InMemoryRateLimitStore() {
    this(System::nanoTime);
  }

  /** A store reading time from {@code nanoTime} (a monotonic clock in nanoseconds), e.g. a test's. */
  public InMemoryRateLimitStore(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  @Override
  public Reservation reserve(String key, long perMinute, long permits, Duration maxWait) {
    return bucket(key, perMinute).reserve(permits, maxWait.toNanos(), nanoTime.getAsLong());
  }

  @Override
  public void adjust(String key, long perMinute, long permits) {
    bucket(key, perMinute).adjust(permits, nanoTime.getAsLong());
  }

  /** The permits {@code key}'s bucket holds now (negative while in debt); for tests and monitoring. */
  public double available(String key) {
    Bucket b = buckets.get(key);
    return b == null ? Double.NaN : b.available(nanoTime.getAsLong());
  }

  private Bucket bucket(String key, long perMinute) {
    return buckets.computeIfAbsent(key, k -> new Bucket(perMinute, nanoTime.getAsLong()));
  }

  private static final class Bucket {
    private final double capacity;
    private final double perNano;
    private double tokens; // guarded by this; negative while permits are reserved in advance
    private long last; // guarded by this

    Bucket(long perMinute, long now) {
      this.capacity = perMinute;
      this.perNano = perMinute / NANOS_PER_MINUTE;
      this.tokens = perMinute;
      this.last = now;
    }

    synchronized Reservation reserve(long permits, long maxWaitNanos, long now) {
      refill(now);
      if (tokens >= permits) {
        tokens -= permits;
        return Reservation.NOW;
      }
      long waitNanos = (long) Math.ceil((permits - tokens) / perNano);
      if (waitNanos > maxWaitNanos) {
        return new Reservation(false, Duration.ofNanos(waitNanos));
      }
      tokens -= permits;
      return new Reservation(true, Duration.ofNanos(waitNanos));
    }

    synchronized void adjust(long permits, long now) {
      refill(now);
      tokens = Math.min(capacity, tokens - permits);
    }

    synchronized double available(long now) {
      refill(now);
      return tokens;
    }

    private void refill(long now) {
      if (now > last) {
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
      }
    }
  }
}
