package dev.llmkit.provider.ollama;

import dev.llmkit.api.ChatEvent;
import java.util.concurrent.Flow;
import java.util.function.UnaryOperator;

/**
 * A publisher that passes every signal of {@code source} through untouched except {@code onError},
 * whose error it maps. {@link dev.llmkit.spi.support.HttpEventPublisher} reports a failed connection in
 * the same words for every provider; this lets a stream's caller get Ollama's explanation too.
 */
final class ErrorMappingPublisher implements Flow.Publisher<ChatEvent> {
  private final Flow.Publisher<ChatEvent> source;
  private final UnaryOperator<Throwable> mapping;

  ErrorMappingPublisher(Flow.Publisher<ChatEvent> source, UnaryOperator<Throwable> mapping) {
    this.source = source;
    this.mapping = mapping;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ChatEvent> subscriber) {
    source.subscribe(new Flow.Subscriber<ChatEvent>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscriber.onSubscribe(subscription);
      }

      @Override
      public void onNext(ChatEvent item) {
        subscriber.onNext(item);
      }

      @Override
      public void onError(Throwable throwable) {
        subscriber.onError(mapping.apply(throwable));
      }

      @Override
      public void onComplete() {
        subscriber.onComplete();
      }
    });
  }
}
