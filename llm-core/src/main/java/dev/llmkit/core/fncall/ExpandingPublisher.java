package dev.llmkit.core.fncall;

import dev.llmkit.api.ChatEvent;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A stream whose events are each turned into none, one or several events ({@code EventStreams.map} is
 * one to one): text held back while it may be the start of a function call, a call emitted as several
 * events at the end. Back-pressure holds: the source is asked for one event at a time, only while the
 * reader has demand and nothing is queued, and events reach the reader only as it asks for them. An
 * {@link Expander} that throws ends the stream with its exception (after the events queued before it)
 * and cancels the source.
 */
final class ExpandingPublisher implements Flow.Publisher<ChatEvent> {

  /** Turns the events of one subscription; called serially, from the thread that delivers each event. */
  interface Expander {
    List<ChatEvent> onEvent(ChatEvent event);

    /** The source ended normally: what is still held back. */
    default List<ChatEvent> onEnd() {
      return List.of();
    }
  }

  private final Flow.Publisher<ChatEvent> source;
  private final Supplier<? extends Expander> expanders;

  ExpandingPublisher(Flow.Publisher<ChatEvent> source, Supplier<? extends Expander> expanders) {
    this.source = source;
    this.expanders = expanders;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ChatEvent> subscriber) {
    source.subscribe(new Relay(Objects.requireNonNull(subscriber, "subscriber"), expanders.get()));
  }

  private static final class Relay implements Flow.Subscriber<ChatEvent>, Flow.Subscription {
    private final Flow.Subscriber<? super ChatEvent> downstream;
    private final Expander expander;
    private final Queue<ChatEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile Flow.@Nullable Subscription upstream;
    private volatile boolean awaitingSource; // one event asked of the source and not yet delivered
    private volatile boolean sourceDone;
    private volatile @Nullable Throwable failure;
    private volatile boolean cancelled;
    private boolean terminated; // touched in drain only

    Relay(Flow.Subscriber<? super ChatEvent> downstream, Expander expander) {
      this.downstream = downstream;
      this.expander = expander;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      upstream = subscription;
      downstream.onSubscribe(this);
    }

    @Override
    public void onNext(ChatEvent event) {
      if (sourceDone) {
        return;
      }
      awaitingSource = false;
      try {
        queue.addAll(expander.onEvent(event));
      } catch (RuntimeException e) {
        Flow.Subscription s = upstream;
        if (s != null) {
          s.cancel();
        }
        end(e);
        return;
      }
      drain();
    }

    @Override
    public void onError(Throwable error) {
      end(error);
    }

    @Override
    public void onComplete() {
      if (sourceDone) {
        return;
      }
      try {
        queue.addAll(expander.onEnd());
      } catch (RuntimeException e) {
        end(e);
        return;
      }
      end(null);
    }

    private void end(@Nullable Throwable error) {
      if (sourceDone) {
        return;
      }
      failure = error;
      sourceDone = true;
      drain();
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        cancel();
        downstream.onError(new IllegalArgumentException("request(" + n + "): demand must be positive (rule 3.9)"));
        return;
      }
      demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
      drain();
    }

    @Override
    public void cancel() {
      cancelled = true;
      Flow.Subscription s = upstream;
      if (s != null) {
        s.cancel();
      }
    }

    /** Delivers queued events as demand allows, ends the stream, or asks the source for more; one thread at a time. */
    private void drain() {
      if (wip.getAndIncrement() != 0) {
        return;
      }
      int missed = 1;
      while (true) {
        while (!cancelled && !terminated && demand.get() > 0) {
          ChatEvent next = queue.poll();
          if (next == null) {
            break;
          }
          if (demand.get() != Long.MAX_VALUE) {
            demand.decrementAndGet();
          }
          downstream.onNext(next);
        }
        if (!cancelled && !terminated && queue.isEmpty()) {
          if (sourceDone) {
            terminated = true;
            Throwable error = failure;
            if (error != null) {
              downstream.onError(error);
            } else {
              downstream.onComplete();
            }
          } else if (demand.get() > 0 && !awaitingSource) {
            awaitingSource = true;
            Flow.Subscription s = upstream;
            if (s != null) {
              s.request(1);
            }
          }
        }
        missed = wip.addAndGet(-missed);
        if (missed == 0) {
          return;
        }
      }
    }
  }
}
