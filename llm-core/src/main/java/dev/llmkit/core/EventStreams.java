package dev.llmkit.core;

import dev.llmkit.api.ChatEvent;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Helpers for stages and interceptors that look at or change stream events one by one. The returned
 * publishers forward demand and cancellation untouched, so back-pressure holds and no thread is used:
 * each hook runs on the thread that delivers the event.
 */
public final class EventStreams {
  private EventStreams() {}

  /** What happens to one subscription of a stream; every hook is optional. */
  public interface Observer {

    /** The caller subscribed: the stream is about to start. */
    default void onStart() {}

    /** An event on its way to the caller; return it, or the event to deliver instead. */
    default ChatEvent onEvent(ChatEvent event) {
      return event;
    }

    /** The stream failed; return the error, or the one to deliver instead. */
    default Throwable onError(Throwable error) {
      return error;
    }

    /** The stream ended normally. */
    default void onComplete() {}

    /** The caller cancelled (or closed) the stream. */
    default void onCancel() {}
  }

  /** {@code source} with a fresh {@link Observer} from {@code observers} watching each subscription. */
  public static Flow.Publisher<ChatEvent> observe(Flow.Publisher<ChatEvent> source, Supplier<? extends Observer> observers) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(observers, "observers");
    return subscriber -> {
      Observer observer = observers.get();
      observer.onStart();
      source.subscribe(new ObservingSubscriber(Objects.requireNonNull(subscriber, "subscriber"), observer));
    };
  }

  /** {@code source} with each event replaced by {@code fn} of it. */
  public static Flow.Publisher<ChatEvent> map(Flow.Publisher<ChatEvent> source, Function<ChatEvent, ChatEvent> fn) {
    Objects.requireNonNull(fn, "fn");
    return observe(source, () -> new Observer() {
      @Override
      public ChatEvent onEvent(ChatEvent event) {
        return fn.apply(event);
      }
    });
  }

  /**
   * Passes signals through the observer. An observer that throws ends the stream: the upstream is
   * cancelled (closing the connection) and the caller gets the exception.
   */
  private static final class ObservingSubscriber implements Flow.Subscriber<ChatEvent>, Flow.Subscription {
    private final Flow.Subscriber<? super ChatEvent> downstream;
    private final Observer observer;
    private volatile Flow.Subscription upstream;
    private boolean done; // touched by upstream signals only, which are serialized

    ObservingSubscriber(Flow.Subscriber<? super ChatEvent> downstream, Observer observer) {
      this.downstream = downstream;
      this.observer = observer;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      upstream = subscription;
      downstream.onSubscribe(this);
    }

    @Override
    public void onNext(ChatEvent event) {
      if (done) {
        return;
      }
      ChatEvent out;
      try {
        out = observer.onEvent(event);
      } catch (RuntimeException e) {
        done = true;
        upstream.cancel();
        downstream.onError(e);
        return;
      }
      downstream.onNext(out);
    }

    @Override
    public void onError(Throwable error) {
      if (done) {
        return;
      }
      done = true;
      Throwable out;
      try {
        out = observer.onError(error);
      } catch (RuntimeException e) {
        e.addSuppressed(error);
        out = e;
      }
      downstream.onError(out);
    }

    @Override
    public void onComplete() {
      if (done) {
        return;
      }
      done = true;
      try {
        observer.onComplete();
      } catch (RuntimeException e) {
        downstream.onError(e);
        return;
      }
      downstream.onComplete();
    }

    @Override
    public void request(long n) {
      upstream.request(n);
    }

    @Override
    public void cancel() {
      try {
        observer.onCancel();
      } finally {
        upstream.cancel();
      }
    }
  }
}
