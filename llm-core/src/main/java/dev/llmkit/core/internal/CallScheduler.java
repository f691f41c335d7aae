package dev.llmkit.core.internal;

import dev.failsafe.spi.Scheduler;
import dev.llmkit.core.Cancellation;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How Failsafe waits between the attempts of one call: on {@link CallTimer}'s thread, without holding
 * one of its own, then on the call's executor. When the call is cancelled during a wait, the wait ends
 * at once and the next attempt runs right away on the cancelling thread: it sees the cancellation and
 * fails without being sent, so that the call ends now and is recorded as cancelled (or timed out) once.
 */
final class CallScheduler implements Scheduler {
  private final Cancellation cancellation;
  private final Executor executor;

  CallScheduler(Cancellation cancellation, Executor executor) {
    this.cancellation = cancellation;
    this.executor = executor;
  }

  @Override
  public ScheduledFuture<?> schedule(Callable<?> callable, long delay, TimeUnit unit) {
    AtomicBoolean ran = new AtomicBoolean();
    Runnable once = () -> {
      if (ran.compareAndSet(false, true)) {
        try {
          callable.call();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    };
    ScheduledFuture<?> timer = CallTimer.schedule(() -> CallTimer.run(executor, once), Duration.ofNanos(unit.toNanos(delay)));
    cancellation.onCancel(() -> {
      if (timer.cancel(false)) {
        once.run();
      }
    });
    return timer;
  }
}
