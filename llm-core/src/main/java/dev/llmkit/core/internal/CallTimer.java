package dev.llmkit.core.internal;

import dev.llmkit.core.Cancellation;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread that fires deadlines and ends waits (retry backoffs, rate-limit waits) for every
 * {@code Llm} in the JVM. Its tasks only cancel calls, signal errors or hand work to an executor, so one
 * thread is plenty; cancelled tasks are removed at once so that calls which finish in time leave
 * nothing behind.
 */
final class CallTimer {
  private static final ScheduledThreadPoolExecutor TIMER = create();

  private CallTimer() {}

  static ScheduledFuture<?> schedule(Runnable task, Duration delay) {
    return TIMER.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
  }

  /**
   * A future completed after {@code delay} on {@code executor} (never on the timer thread), or at once
   * on the cancelling thread when {@code cancellation} fires first. No thread waits meanwhile.
   */
  static CompletableFuture<Void> after(Duration delay, Cancellation cancellation, Executor executor) {
    if (delay.isZero() || delay.isNegative() || cancellation.isCancelled()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    ScheduledFuture<?> timer = schedule(() -> run(executor, () -> done.complete(null)), delay);
    cancellation.onCancel(() -> {
      timer.cancel(false);
      done.complete(null);
    });
    return done;
  }

  /** Runs {@code task} on {@code executor}, or here when the executor refuses it (shut down). */
  static void run(Executor executor, Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
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
