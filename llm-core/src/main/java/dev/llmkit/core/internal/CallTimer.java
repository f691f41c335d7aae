package dev.llmkit.core.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread that fires deadlines for every {@code Llm} in the JVM. Tasks only cancel calls
 * and signal errors, so one thread is plenty; cancelled tasks are removed at once so that calls which
 * finish in time leave nothing behind.
 */
final class CallTimer {
  private static final ScheduledThreadPoolExecutor TIMER = create();

  private CallTimer() {}

  static ScheduledFuture<?> schedule(Runnable task, Duration delay) {
    return TIMER.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private static ScheduledThreadPoolExecutor create() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "llmkit-deadlines");
      t.setDaemon(true);
      return t;
    });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
