package dev.llmkit.core.internal;

import dev.llmkit.core.Cancellation;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * One daemon thread that fires deadlines and ends waits (retry backoffs, rate-limit waits) for every
 * {@code Llm} in the JVM. Its tasks only cancel calls, signal errors or hand work to an executor, so one
 * thread is plenty.
 *
 * <p>Scheduling a task earlier than every other wakes the timer thread, so that it waits for the new
 * head instead. Removing each cancelled deadline at once (as calls that finish in time cancel theirs)
 * left the queue empty between calls, and every call's deadline woke the thread: one more thread to
 * run per call, which on two processors delayed the calls themselves by a scheduler slice now and then
 * (the completion benchmark's p99). So cancelled tasks stay queued and a purge every second removes
 * them: the purge task is always the head, a deadline seconds away never is, and what a cancelled
 * task holds is let go within a second.
 */
final class CallTimer {
  private static final ScheduledThreadPoolExecutor TIMER = create();

  private CallTimer() {}

  static ScheduledFuture<?> schedule(Runnable task, Duration delay) {
    Releasing releasing = new Releasing(task);
    releasing.future = TIMER.schedule(releasing, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    return releasing;
  }

  /**
   * A scheduled task that lets go of what it would have run when it is cancelled: a cancelled deadline
   * stays queued until the next purge, and must not keep its call's request and response alive meanwhile.
   */
  private static final class Releasing implements Runnable, ScheduledFuture<Object> {
    private volatile @Nullable Runnable task;
    private volatile @Nullable ScheduledFuture<?> future;

    Releasing(Runnable task) {
      this.task = task;
    }

    @Override
    public void run() {
      Runnable t = task;
      if (t != null) {
        task = null;
        t.run();
      }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      ScheduledFuture<?> f = future;
      boolean cancelled = f != null && f.cancel(mayInterruptIfRunning);
      if (cancelled) {
        task = null;
      }
      return cancelled;
    }

    private ScheduledFuture<?> scheduled() {
      return Objects.requireNonNull(future, "not scheduled yet");
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return scheduled().getDelay(unit);
    }

    @Override
    public int compareTo(Delayed other) {
      return scheduled().compareTo(other);
    }

    @Override
    public boolean isCancelled() {
      return scheduled().isCancelled();
    }

    @Override
    public boolean isDone() {
      return scheduled().isDone();
    }

    @Override
    public Object get() throws InterruptedException, ExecutionException {
      return scheduled().get();
    }

    @Override
    public Object get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
      return scheduled().get(timeout, unit);
    }
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

  /** Tasks queued now, cancelled ones included until the next purge (for tests). */
  static int queued() {
    return TIMER.getQueue().size();
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
    timer.scheduleWithFixedDelay(timer::purge, 1, 1, TimeUnit.SECONDS);
    return timer;
  }
}
