package dev.llmkit.core.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Fires when a stream keeps its reader waiting too long: the reader has asked for events and none has
 * arrived for the whole timeout. Time the reader spends not asking is not counted, so a slow consumer
 * is never timed out. The hot path (one call per event) is a counter decrement and a clock read; the
 * timer re-arms itself from the last activity instead of being rescheduled per event.
 */
final class IdleWatchdog implements StreamDeadlinePublisher.Watchdog {
  private final long timeoutNanos;
  private final Runnable onIdle;
  private final AtomicLong outstanding = new AtomicLong();
  private volatile long lastActivity = System.nanoTime();
  private volatile boolean stopped;
  private volatile @Nullable ScheduledFuture<?> task;

  IdleWatchdog(Duration timeout, Runnable onIdle) {
    this.timeoutNanos = timeout.toNanos();
    this.onIdle = onIdle;
  }

  @Override
  public void start() {
    arm(timeoutNanos);
  }

  /** The reader asked for {@code n} more events; the clock starts now if it was not waiting yet. */
  @Override
  public void requested(long n) {
    long before = outstanding.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
    if (before == 0) {
      lastActivity = System.nanoTime();
    }
  }

  /** An event arrived. */
  @Override
  public void delivered() {
    outstanding.updateAndGet(v -> v == Long.MAX_VALUE || v == 0 ? v : v - 1);
    lastActivity = System.nanoTime();
  }

  @Override
  public void stop() {
    stopped = true;
    ScheduledFuture<?> t = task;
    if (t != null) {
      t.cancel(false);
    }
  }

  private void check() {
    if (stopped) {
      return;
    }
    long idle = System.nanoTime() - lastActivity;
    if (outstanding.get() > 0 && idle >= timeoutNanos) {
      stopped = true;
      onIdle.run();
    } else {
      arm(outstanding.get() > 0 ? timeoutNanos - idle : timeoutNanos);
    }
  }

  private void arm(long delayNanos) {
    if (!stopped) {
      task = CallTimer.schedule(this::check, Duration.ofNanos(Math.max(delayNanos, 1_000_000)));
    }
  }
}
