package dev.llmkit.core.internal;

import dev.llmkit.api.ChatEvent;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * A stream that fails with a timeout error, and cancels its source, when its reader has asked for an
 * event and waited longer than the timeout for it ({@link IdleWatchdog}). Downstream signals are
 * serialized under the subscription's lock because the watchdog's error can race the source's events.
 */
final class IdleDeadlinePublisher implements Flow.Publisher<ChatEvent> {
  private final Flow.Publisher<ChatEvent> source;
  private final CallDeadline deadline;

  IdleDeadlinePublisher(Flow.Publisher<ChatEvent> source, CallDeadline deadline) {
    this.source = source;
    this.deadline = deadline;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ChatEvent> subscriber) {
    source.subscribe(new Watched(Objects.requireNonNull(subscriber, "subscriber")));
  }

  private final class Watched implements Flow.Subscriber<ChatEvent>, Flow.Subscription {
    private final Flow.Subscriber<? super ChatEvent> downstream;
    private final IdleWatchdog watchdog;
    private volatile Flow.@Nullable Subscription upstream;
    private boolean sawEvent; // guarded by this
    private boolean terminated; // guarded by this

    Watched(Flow.Subscriber<? super ChatEvent> downstream) {
      this.downstream = downstream;
      Duration timeout = Objects.requireNonNull(deadline.timeout(), "timeout");
      this.watchdog = new IdleWatchdog(timeout, this::expire);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      upstream = subscription;
      downstream.onSubscribe(this);
      watchdog.start();
    }

    @Override
    public synchronized void onNext(ChatEvent event) {
      if (terminated) {
        return;
      }
      watchdog.delivered();
      sawEvent = true;
      downstream.onNext(event);
    }

    @Override
    public synchronized void onError(Throwable error) {
      if (terminated) {
        return;
      }
      terminated = true;
      watchdog.stop();
      downstream.onError(error);
    }

    @Override
    public synchronized void onComplete() {
      if (terminated) {
        return;
      }
      terminated = true;
      watchdog.stop();
      downstream.onComplete();
    }

    /** The reader waited longer than the timeout: cancel the exchange and tell the reader why. */
    private void expire() {
      Flow.Subscription s = upstream;
      if (s != null) {
        s.cancel();
      }
      boolean midStream;
      synchronized (this) {
        midStream = sawEvent;
      }
      onError(deadline.expired(midStream ? "the stream paused; the next event" : "the stream's first event")
          .toBuilder().midStream(midStream).build());
    }

    @Override
    public void request(long n) {
      if (n > 0) {
        watchdog.requested(n);
      }
      Flow.Subscription s = upstream;
      if (s != null) {
        s.request(n);
      }
    }

    @Override
    public void cancel() {
      watchdog.stop();
      Flow.Subscription s = upstream;
      if (s != null) {
        s.cancel();
      }
    }
  }
}
