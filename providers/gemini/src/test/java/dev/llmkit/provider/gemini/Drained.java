package dev.llmkit.provider.gemini;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.LlmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Everything a stream published, read with unbounded demand: its events in order and how it ended.
 *
 * @param error the {@code onError} signal, or null when the stream completed
 */
record Drained(List<ChatEvent> events, @Nullable Throwable error) {

  /** Subscribes, waits up to 10 s for the end, and returns what arrived. */
  static Drained from(Flow.Publisher<ChatEvent> publisher) {
    List<ChatEvent> events = new ArrayList<>();
    CompletableFuture<@Nullable Throwable> end = new CompletableFuture<>();
    publisher.subscribe(new Flow.Subscriber<ChatEvent>() {
      @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
      @Override public void onNext(ChatEvent event) { synchronized (events) { events.add(event); } }
      @Override public void onError(Throwable t) { end.complete(t); }
      @Override public void onComplete() { end.complete(null); }
    });
    try {
      Throwable error = end.get(10, TimeUnit.SECONDS);
      synchronized (events) {
        return new Drained(List.copyOf(events), error);
      }
    } catch (Exception e) {
      throw new AssertionError("the stream did not end within 10 s", e);
    }
  }

  <T extends ChatEvent> List<T> ofType(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The response of the final {@link ChatEvent.Completed}; fails when the stream did not complete. */
  ChatResponse response() {
    if (error != null || events.isEmpty() || !(events.get(events.size() - 1) instanceof ChatEvent.Completed c)) {
      throw new AssertionError("the stream did not complete: " + error, error);
    }
    return c.response();
  }

  /** The {@link LlmException} the stream failed with; fails when it completed. */
  LlmException failure() {
    if (!(error instanceof LlmException e)) {
      throw new AssertionError("expected an LlmException, the stream ended with " + error);
    }
    return e;
  }
}
