package dev.llmkit.core.resilience;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Bulkhead places kept in this process. Waiters are served first come, first served; a wait uses no
 * thread of its own ({@link CompletableFuture#completeOnTimeout}). Thread-safe.
 */
public final class InMemoryBulkheadStore implements BulkheadStore {
  private final ConcurrentMap<String, Places> places = new ConcurrentHashMap<>();

  @Override
  public CompletableFuture<Boolean> acquire(String key, int maxInFlight, Duration maxWait) {
    return places.computeIfAbsent(key, k -> new Places()).acquire(maxInFlight, maxWait);
  }

  @Override
  public void release(String key) {
    Places p = places.get(key);
    if (p != null) {
      p.release();
    }
  }

  @Override
  public int inFlight(String key) {
    Places p = places.get(key);
    return p == null ? 0 : p.inFlight();
  }

  private static final class Places {
    private int inFlight; // guarded by this
    private final ArrayDeque<CompletableFuture<Boolean>> waiters = new ArrayDeque<>(); // guarded by this

    CompletableFuture<Boolean> acquire(int max, Duration maxWait) {
      CompletableFuture<Boolean> waiter;
      synchronized (this) {
        if (inFlight < max) {
          inFlight++;
          return CompletableFuture.completedFuture(true);
        }
        if (maxWait.isZero()) {
          return CompletableFuture.completedFuture(false);
        }
        waiter = new CompletableFuture<>();
        waiters.add(waiter);
      }
      waiter.completeOnTimeout(false, maxWait.toNanos(), TimeUnit.NANOSECONDS);
      waiter.whenComplete((granted, failure) -> {
        if (!Boolean.TRUE.equals(granted)) {
          synchronized (this) {
            waiters.remove(waiter); // timed out or cancelled: no place was handed to it
          }
        }
      });
      return waiter;
    }

    void release() {
      while (true) {
        CompletableFuture<Boolean> next;
        synchronized (this) {
          next = waiters.poll();
          if (next == null) {
            inFlight = Math.max(0, inFlight - 1);
            return;
          }
        }
        if (next.complete(true)) {
          return; // the place passes to the waiter: inFlight stays
        }
      }
    }

    synchronized int inFlight() {
      return inFlight;
    }
  }
}
