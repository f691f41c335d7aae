package dev.llmkit.core.internal;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.core.Cancellation;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A stream that fails with a timeout error, and cancels its source, when its {@link Watchdog} fires:
 * the reader waited too long for the next event ({@link IdleWatchdog}), or the whole stream took too long
 * ({@link FixedWatchdog}). Before cancelling the source it cancels {@code cancelOnExpiry} with the
 * error, so that the stages above the source record the timeout rather than a plain cancellation.
 * Downstream signals are serialized under the subscription's lock because the watchdog's error can race
 * the source's events.
 */
final class StreamDeadlinePublisher implements Flow.Publisher<ChatEvent> {

  /** What times a subscription: started at subscription, told of demand and events, stopped at the end. */
  interface Watchdog {
    void start();

    void requested(long n);

    void delivered();

    void stop();
  }

  private final Flow.Publisher<ChatEvent> source;
  private final Function<Runnable, Watchdog> watchdogs;
  private final Function<Boolean, LlmException> expiry;
  private final @Nullable Cancellation cancelOnExpiry;
  private final ModelInfo model;

  /**
   * @param watchdogs makes the watchdog of one subscription from the action it runs when it fires
   * @param expiry the error, given whether an event had already arrived (the error is then mid-stream
   *     and carries what arrived)
   */
  StreamDeadlinePublisher(Flow.Publisher<ChatEvent> source, Function<Runnable, Watchdog> watchdogs,
      Function<Boolean, LlmException> expiry, @Nullable Cancellation cancelOnExpiry, ModelInfo model) {
    this.source = source;
    this.model = model;
    this.watchdogs = watchdogs;
    this.expiry = expiry;
    this.cancelOnExpiry = cancelOnExpiry;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ChatEvent> subscriber) {
    source.subscribe(new Watched(Objects.requireNonNull(subscriber, "subscriber")));
  }

  private final class Watched implements Flow.Subscriber<ChatEvent>, Flow.Subscription {
    private final Flow.Subscriber<? super ChatEvent> downstream;
    private final Watchdog watchdog;
    private volatile Flow.@Nullable Subscription upstream;
    private final ArrivedEvents arrived = new ArrivedEvents(); // guarded by this
    private boolean terminated; // guarded by this

    Watched(Flow.Subscriber<? super ChatEvent> downstream) {
      this.downstream = downstream;
      this.watchdog = watchdogs.apply(this::expire);
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
      arrived.add(event);
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

    /** Time is up: say why to the stages above the source, cancel the exchange, and tell the reader. */
    private void expire() {
      LlmException expired;
      synchronized (this) {
        if (terminated) {
          return;
        }
        expired = arrived.attachTo(expiry.apply(arrived.any()), model);
      }
      if (cancelOnExpiry != null) {
        cancelOnExpiry.cancel(expired);
      }
      Flow.Subscription s = upstream;
      if (s != null) {
        s.cancel();
      }
      onError(expired);
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
