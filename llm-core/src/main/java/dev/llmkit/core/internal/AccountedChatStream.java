package dev.llmkit.core.internal;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.support.FailedPublisher;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The engine's {@link ChatStream}: the provider's publisher, subscribed lazily, with accounting on the
 * way through (time to first token, usage and latency on completion, the error or the cancellation
 * otherwise; exactly one record per stream). Iteration and {@link #collect()} use a
 * {@link BlockingEventIterator} on top of the same path.
 */
public final class AccountedChatStream implements ChatStream {
  private final Supplier<Flow.Publisher<ChatEvent>> source;
  private final CallAccounting accounting;
  private final CallDeadline deadline;
  private final Consumer<ChatResponse> onCompleted;
  private final AtomicBoolean subscribed = new AtomicBoolean();
  private volatile Flow.@Nullable Subscription upstream;
  private volatile boolean closed;
  private volatile @Nullable BlockingEventIterator reader;
  private volatile @Nullable FinalResponse collector;

  public AccountedChatStream(Supplier<Flow.Publisher<ChatEvent>> source, CallAccounting accounting, CallDeadline deadline,
      Consumer<ChatResponse> onCompleted) {
    this.source = source;
    this.accounting = accounting;
    this.deadline = deadline;
    this.onCompleted = onCompleted;
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
    source.get().subscribe(new Accounting(subscriber));
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
    } catch (java.util.concurrent.ExecutionException e) {
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

  /** Takes every event and keeps only the final response. */
  private final class FinalResponse implements Flow.Subscriber<ChatEvent> {
    final java.util.concurrent.CompletableFuture<ChatResponse> future = new java.util.concurrent.CompletableFuture<>();

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

  private static void rejectLate(Flow.Subscriber<? super ChatEvent> subscriber, String why) {
    FailedPublisher.<ChatEvent>of(LlmException.builder(ErrorKind.CANCELLED, why).build()).subscribe(subscriber);
  }

  /**
   * Passes events through, accounting exactly once for the whole stream, and ends a stream that keeps
   * its reader waiting longer than the timeout. Downstream signals are serialized under this object's
   * lock because the watchdog's error can race the provider's events.
   */
  private final class Accounting implements Flow.Subscriber<ChatEvent>, Flow.Subscription {
    private final Flow.Subscriber<? super ChatEvent> downstream;
    private final AtomicBoolean accounted = new AtomicBoolean();
    private final long start = accounting.start();
    private final @Nullable IdleWatchdog watchdog;
    private volatile Flow.@Nullable Subscription source;
    private boolean sawToken;
    private boolean terminated;

    Accounting(Flow.Subscriber<? super ChatEvent> downstream) {
      this.downstream = downstream;
      Duration timeout = deadline.timeout();
      this.watchdog = timeout == null ? null : new IdleWatchdog(timeout, this::expire);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      source = subscription;
      upstream = this;
      downstream.onSubscribe(this);
      if (watchdog != null) {
        watchdog.start();
      }
      if (closed) {
        cancel();
      }
    }

    @Override
    public synchronized void onNext(ChatEvent event) {
      if (terminated) {
        return;
      }
      if (watchdog != null) {
        watchdog.delivered();
      }
      if (!sawToken && !(event instanceof ChatEvent.UsageUpdate)) {
        sawToken = true;
        accounting.firstToken(start);
      }
      if (event instanceof ChatEvent.Completed c && accounted.compareAndSet(false, true)) {
        ChatResponse timed = accounting.succeeded(start, c.response(), true);
        onCompleted.accept(timed);
        downstream.onNext(new ChatEvent.Completed(timed));
      } else {
        downstream.onNext(event);
      }
    }

    @Override
    public synchronized void onError(Throwable throwable) {
      if (terminated) {
        return;
      }
      terminated = true;
      stopWatchdog();
      if (accounted.compareAndSet(false, true)) {
        accounting.failed(start, throwable, true);
      }
      downstream.onError(throwable);
    }

    @Override
    public synchronized void onComplete() {
      if (terminated) {
        return;
      }
      terminated = true;
      stopWatchdog();
      downstream.onComplete();
    }

    /** The reader waited longer than the timeout: cancel the exchange and tell the reader why. */
    private void expire() {
      Flow.Subscription s = source;
      if (s != null) {
        s.cancel();
      }
      onError(deadline.expired(sawToken ? "the stream paused; the next event" : "the stream's first event")
          .toBuilder().midStream(sawToken).build());
    }

    @Override
    public void request(long n) {
      if (watchdog != null && n > 0) {
        watchdog.requested(n);
      }
      Flow.Subscription s = source;
      if (s != null) {
        s.request(n);
      }
    }

    @Override
    public void cancel() {
      stopWatchdog();
      if (accounted.compareAndSet(false, true)) {
        accounting.failed(start, LlmException.builder(ErrorKind.CANCELLED, "stream cancelled by the caller").build(), true);
      }
      Flow.Subscription s = source;
      if (s != null) {
        s.cancel();
      }
    }

    private void stopWatchdog() {
      if (watchdog != null) {
        watchdog.stop();
      }
    }
  }
}
