package dev.llmkit.core.internal;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.support.FailedPublisher;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The engine's {@link ChatStream} over the pipeline's publisher: single use, subscribed lazily, and
 * closable at any time (closing cancels the subscription, which every stage sees on its way to the
 * provider). Iteration uses a {@link BlockingEventIterator}; {@link #collect()} waits once for the
 * final response.
 */
final class EngineChatStream implements ChatStream {
  private final Flow.Publisher<ChatEvent> source;
  private final AtomicBoolean subscribed = new AtomicBoolean();
  private volatile Flow.@Nullable Subscription upstream;
  private volatile boolean closed;
  private volatile @Nullable BlockingEventIterator reader;
  private volatile @Nullable FinalResponse collector;

  EngineChatStream(Flow.Publisher<ChatEvent> source) {
    this.source = source;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ChatEvent> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    if (!subscribed.compareAndSet(false, true)) {
      rejectLate(subscriber, "this stream was already consumed; start a new call with Llm.stream");
      return;
    }
    if (closed) {
      rejectLate(subscriber, "this stream was closed before it was consumed");
      return;
    }
    source.subscribe(new Closable(subscriber));
  }

  @Override
  public Iterator<ChatEvent> iterator() {
    BlockingEventIterator it = new BlockingEventIterator();
    reader = it;
    subscribe(it);
    return it;
  }

  @Override
  public ChatResponse collect() {
    // Not through the iterator: the caller wakes once, for the final response, instead of per event.
    FinalResponse result = new FinalResponse();
    collector = result;
    subscribe(result);
    try {
      return result.future.get();
    } catch (InterruptedException e) {
      close();
      Thread.currentThread().interrupt();
      throw LlmException.builder(ErrorKind.CANCELLED, "interrupted while collecting the stream").cause(e).build();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof LlmException le ? le
          : LlmException.builder(ErrorKind.UNKNOWN, "stream failed: " + cause).cause(cause).build();
    }
  }

  @Override
  public void close() {
    closed = true;
    Flow.Subscription s = upstream;
    if (s != null) {
      s.cancel();
    }
    BlockingEventIterator it = reader;
    if (it != null) {
      it.onClosed(); // a reader blocked in hasNext() on another thread must wake up, not wait forever
    }
    FinalResponse c = collector;
    if (c != null) {
      c.future.completeExceptionally(LlmException.builder(ErrorKind.CANCELLED, "the stream was closed").build());
    }
  }

  private static void rejectLate(Flow.Subscriber<? super ChatEvent> subscriber, String why) {
    FailedPublisher.<ChatEvent>of(LlmException.builder(ErrorKind.CANCELLED, why).build()).subscribe(subscriber);
  }

  /** Keeps the subscription so that {@link #close()} can cancel it, also when close came first. */
  private final class Closable implements Flow.Subscriber<ChatEvent> {
    private final Flow.Subscriber<? super ChatEvent> downstream;

    Closable(Flow.Subscriber<? super ChatEvent> downstream) {
      this.downstream = downstream;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      upstream = subscription;
      downstream.onSubscribe(subscription);
      if (closed) {
        subscription.cancel();
      }
    }

    @Override
    public void onNext(ChatEvent item) {
      downstream.onNext(item);
    }

    @Override
    public void onError(Throwable throwable) {
      downstream.onError(throwable);
    }

    @Override
    public void onComplete() {
      downstream.onComplete();
    }
  }

  /** Takes every event and keeps only the final response. */
  private static final class FinalResponse implements Flow.Subscriber<ChatEvent> {
    final CompletableFuture<ChatResponse> future = new CompletableFuture<>();

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ChatEvent item) {
      if (item instanceof ChatEvent.Completed c) {
        future.complete(c.response());
      }
    }

    @Override
    public void onError(Throwable throwable) {
      future.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      future.completeExceptionally(
          LlmException.builder(ErrorKind.MALFORMED_RESPONSE, "the stream ended without a final response").build());
    }
  }
}
