package dev.llmkit.core.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/** Fires once, a fixed time after the stream was subscribed, unless stopped: a whole stream's deadline. */
final class FixedWatchdog implements StreamDeadlinePublisher.Watchdog {
  private final Duration timeout;
  private final Runnable onExpiry;
  private volatile boolean stopped;
  private volatile @Nullable ScheduledFuture<?> task;

  FixedWatchdog(Duration timeout, Runnable onExpiry) {
    this.timeout = timeout;
    this.onExpiry = onExpiry;
  }

  @Override
  public void start() {
    if (!stopped) {
      task = CallTimer.schedule(() -> {
        if (!stopped) {
          stopped = true;
          onExpiry.run();
        }
      }, timeout);
      if (stopped) {
        stop();
      }
    }
  }

  @Override
  public void requested(long n) {}

  @Override
  public void delivered() {}

  @Override
  public void stop() {
    stopped = true;
    ScheduledFuture<?> t = task;
    if (t != null) {
      t.cancel(false);
    }
  }
}
