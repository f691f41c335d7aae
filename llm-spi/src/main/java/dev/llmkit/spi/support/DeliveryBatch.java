package dev.llmkit.spi.support;

import java.util.ArrayList;
import java.util.List;

/**
 * Wake-ups deferred to the end of a burst of deliveries on one thread. A stream's events arrive in
 * bursts (every event decoded from one network read is delivered in one loop); a reader on another
 * thread that is woken for the first event of a burst usually catches up before the next is decoded,
 * parks again and is woken again, a thread switch per event. A subscriber that wakes a reader calls
 * {@link #defer} instead: inside a burst the wake-up runs once, when the burst ends; outside one it runs
 * at once. {@link HttpEventPublisher} opens a burst around each delivery loop. Not shared between
 * threads: each thread has its own.
 */
public final class DeliveryBatch implements AutoCloseable {
  private static final ThreadLocal<DeliveryBatch> CURRENT = ThreadLocal.withInitial(DeliveryBatch::new);

  private final List<Runnable> deferred = new ArrayList<>(2);
  private int depth;

  private DeliveryBatch() {}

  /** Opens a burst on this thread (bursts nest: the outermost close runs the wake-ups). */
  public static DeliveryBatch open() {
    DeliveryBatch batch = CURRENT.get();
    batch.depth++;
    return batch;
  }

  /** Runs {@code wake} when this thread's burst ends, or now when no burst is open. */
  public static void defer(Runnable wake) {
    DeliveryBatch batch = CURRENT.get();
    if (batch.depth == 0) {
      wake.run();
    } else {
      batch.deferred.add(wake);
    }
  }

  /** Ends the burst; the outermost end runs the deferred wake-ups, each once, in order. */
  @Override
  public void close() {
    if (--depth > 0 || deferred.isEmpty()) {
      return;
    }
    for (int i = 0; i < deferred.size(); i++) { // a wake-up may defer another: it is run too
      try {
        deferred.get(i).run();
      } catch (RuntimeException e) {
        Thread t = Thread.currentThread();
        t.getUncaughtExceptionHandler().uncaughtException(t, e);
      }
    }
    deferred.clear();
  }
}
