package dev.llmkit.provider.anthropic;

import dev.llmkit.api.ChatEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** Subscribes with unbounded demand and records every event and the terminal signal. */
final class EventCollector implements Flow.Subscriber<ChatEvent> {
  final List<ChatEvent> events = new CopyOnWriteArrayList<>();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile @Nullable Throwable error;
  private volatile boolean completed;

  static EventCollector drain(Flow.Publisher<ChatEvent> publisher) {
    EventCollector c = new EventCollector();
    publisher.subscribe(c);
    c.await();
    return c;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(ChatEvent item) {
    events.add(item);
  }

  @Override
  public void onError(Throwable throwable) {
    error = throwable;
    done.countDown();
  }

  @Override
  public void onComplete() {
    completed = true;
    done.countDown();
  }

  void await() {
    try {
      if (!done.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("the stream did not end within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Nullable Throwable error() {
    return error;
  }

  boolean completed() {
    return completed;
  }

  <T extends ChatEvent> List<T> ofType(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  ChatEvent.Completed last() {
    return (ChatEvent.Completed) events.get(events.size() - 1);
  }
}
