package dev.llmkit.spi.support;

import java.util.concurrent.Flow;

/** A publisher that fails every subscriber at once, e.g. for a stream whose request could not be built. */
public final class FailedPublisher<T> implements Flow.Publisher<T> {
  private final Throwable error;

  private FailedPublisher(Throwable error) {
    this.error = error;
  }

  public static <T> Flow.Publisher<T> of(Throwable error) {
    return new FailedPublisher<>(error);
  }

  @Override
  public void subscribe(Flow.Subscriber<? super T> subscriber) {
    subscriber.onSubscribe(new Flow.Subscription() {
      @Override public void request(long n) {}
      @Override public void cancel() {}
    });
    subscriber.onError(error);
  }
}
