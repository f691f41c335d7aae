package dev.llmkit.core.routing;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Usage;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * A routed stream: subscribes to the plan's first candidate's stream and, when it fails before its
 * first event with an error the plan moves on after, to the next candidate's. Demand asked before the
 * first event is handed to whichever attempt is current. Consumed once.
 */
final class RoutedStream implements ChatStream {
  private final RoutingLlm owner;
  private final ChatRequest request;
  private final RoutingLlm.Attempts call;
  private final AtomicBoolean subscribed = new AtomicBoolean();
  private volatile @Nullable Relay relay;
  private volatile boolean closed;

  RoutedStream(RoutingLlm owner, ChatRequest request, RoutingLlm.Attempts call) {
    this.owner = owner;
    this.request = request;
    this.call = call;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ChatEvent> subscriber) {
    if (!subscribed.compareAndSet(false, true)) {
      subscriber.onSubscribe(new Flow.Subscription() {
        @Override public void request(long n) {}
        @Override public void cancel() {}
      });
      subscriber.onError(LlmException.builder(ErrorKind.CANCELLED, "a stream can be consumed once").build());
      return;
    }
    Relay r = new Relay(subscriber);
    relay = r;
    subscriber.onSubscribe(r);
    if (closed) {
      r.cancel();
      return;
    }
    Duration delay = call.plan.delay();
    if (delay.isZero()) {
      r.attempt(call.plan.first());
    } else {
      CompletableFuture.runAsync(() -> r.attempt(call.plan.first()),
          CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, owner.executor()));
    }
  }

  @Override
  public Iterator<ChatEvent> iterator() {
    BlockingReader reader = new BlockingReader();
    subscribe(reader);
    return reader;
  }

  @Override
  public ChatResponse collect() {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    subscribe(new Flow.Subscriber<>() {
      private @Nullable ChatResponse last;

      @Override public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override public void onNext(ChatEvent item) {
        if (item instanceof ChatEvent.Completed c) {
          last = c.response();
        }
      }

      @Override public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override public void onComplete() {
        ChatResponse r = last;
        if (r != null) {
          done.complete(r);
        } else {
          done.completeExceptionally(LlmException.builder(ErrorKind.MALFORMED_RESPONSE,
              "the stream ended without a final response").build());
        }
      }
    });
    try {
      return done.get();
    } catch (InterruptedException e) {
      close();
      Thread.currentThread().interrupt();
      throw LlmException.builder(ErrorKind.CANCELLED, "interrupted while collecting the stream").cause(e).build();
    } catch (ExecutionException e) {
      throw RoutingLlm.asLlmException(e.getCause());
    }
  }

  @Override
  public void close() {
    closed = true;
    Relay r = relay;
    if (r != null) {
      r.cancel();
    }
  }

  /** The downstream subscription, and the subscriber of the current attempt's stream. */
  private final class Relay implements Flow.Subscription {
    private final Flow.Subscriber<? super ChatEvent> downstream;
    private long requested;
    private boolean cancelled;
    private boolean firstSeen;
    private boolean finished;
    private Flow.@Nullable Subscription upstream;
    private @Nullable Attempt current;

    Relay(Flow.Subscriber<? super ChatEvent> downstream) {
      this.downstream = downstream;
    }

    void attempt(String name) {
      Attempt a;
      synchronized (this) {
        if (cancelled) {
          return;
        }
        CandidateStateHolder holder = new CandidateStateHolder();
        try {
          holder.state = call.begin(name);
        } catch (RuntimeException e) {
          finished = true;
          downstream.onError(e);
          return;
        }
        a = new Attempt(holder.state);
        current = a;
        upstream = null;
      }
      try {
        ChatStream s = call.stream(a.state, request);
        s.subscribe(a);
      } catch (RuntimeException e) {
        a.onError(e);
      }
    }

    @Override
    public void request(long n) {
      Flow.Subscription up;
      synchronized (this) {
        if (n <= 0 || cancelled) {
          up = null;
        } else {
          requested = requested + n < 0 ? Long.MAX_VALUE : requested + n;
          up = upstream;
        }
      }
      if (n <= 0) {
        cancel();
        downstream.onError(new IllegalArgumentException("non-positive request " + n));
        return;
      }
      if (up != null) {
        up.request(n);
      }
    }

    @Override
    public void cancel() {
      Flow.Subscription up;
      Attempt a;
      synchronized (this) {
        if (cancelled) {
          return;
        }
        cancelled = true;
        up = upstream;
        a = finished ? null : current;
      }
      if (up != null) {
        up.cancel();
      }
      if (a != null) {
        a.endCancelled();
      }
    }

    /** One candidate's stream. Signals of an attempt that is no longer current are ignored. */
    private final class Attempt implements Flow.Subscriber<ChatEvent> {
      final dev.llmkit.core.routing.CandidateState state;
      final long t0 = System.nanoTime();
      private final AtomicBoolean ended = new AtomicBoolean();
      private @Nullable ChatResponse finalResponse;

      Attempt(dev.llmkit.core.routing.CandidateState state) {
        this.state = state;
      }

      @Override
      public void onSubscribe(Flow.Subscription s) {
        long n;
        synchronized (Relay.this) {
          if (current != this || cancelled) {
            n = -1;
          } else {
            upstream = s;
            n = requested;
          }
        }
        if (n < 0) {
          s.cancel();
        } else if (n > 0) {
          s.request(n);
        }
      }

      @Override
      public void onNext(ChatEvent item) {
        synchronized (Relay.this) {
          if (current != this) {
            return;
          }
          firstSeen = true;
        }
        if (item instanceof ChatEvent.Completed c) {
          finalResponse = call.decorate(c.response(), state.name);
          item = new ChatEvent.Completed(finalResponse);
        }
        downstream.onNext(item);
      }

      @Override
      public void onError(Throwable t) {
        LlmException error = RoutingLlm.asLlmException(t);
        boolean canMove;
        synchronized (Relay.this) {
          if (current != this || !ended.compareAndSet(false, true)) {
            return;
          }
          canMove = !firstSeen && !cancelled;
        }
        Usage partial = error.partialResponse().map(ChatResponse::usage).orElse(Usage.UNKNOWN);
        String next = call.failed(state, RoutingLlm.elapsed(t0), error, partial);
        if (canMove && next != null) {
          attempt(next);
          return;
        }
        synchronized (Relay.this) {
          finished = true;
        }
        downstream.onError(error);
      }

      @Override
      public void onComplete() {
        synchronized (Relay.this) {
          if (current != this || !ended.compareAndSet(false, true)) {
            return;
          }
          finished = true;
        }
        ChatResponse r = finalResponse;
        if (r != null) {
          call.succeeded(state, RoutingLlm.elapsed(t0), r);
        } else {
          call.cancelled(state, RoutingLlm.elapsed(t0));
        }
        downstream.onComplete();
      }

      void endCancelled() {
        if (ended.compareAndSet(false, true)) {
          call.cancelled(state, RoutingLlm.elapsed(t0));
        }
      }
    }
  }

  private static final class CandidateStateHolder {
    @Nullable CandidateState state;
  }

  /** A blocking iterator over the stream: one event requested at a time. */
  private final class BlockingReader implements Flow.Subscriber<ChatEvent>, Iterator<ChatEvent> {
    private static final Object END = new Object();
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile Flow.@Nullable Subscription subscription;
    private @Nullable Object next;

    @Override public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(1);
    }

    @Override public void onNext(ChatEvent item) {
      queue.add(item);
    }

    @Override public void onError(Throwable t) {
      queue.add(t);
    }

    @Override public void onComplete() {
      queue.add(END);
    }

    @Override
    public boolean hasNext() {
      if (next == null) {
        try {
          next = queue.take();
        } catch (InterruptedException e) {
          close();
          Thread.currentThread().interrupt();
          throw LlmException.builder(ErrorKind.CANCELLED, "interrupted while reading the stream").cause(e).build();
        }
      }
      if (next instanceof Throwable t) {
        throw RoutingLlm.asLlmException(t);
      }
      return next != END;
    }

    @Override
    public ChatEvent next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      ChatEvent e = (ChatEvent) next;
      next = null;
      Flow.Subscription s = subscription;
      if (s != null) {
        s.request(1);
      }
      return e;
    }
  }
}
