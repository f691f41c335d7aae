package dev.llmkit.core.cache;

import dev.llmkit.api.AssistantBlock;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cached response played back as the stream a provider would have sent for it: one event per block, in
 * the blocks' order and with their indexes (text, reasoning, tool calls; redacted thinking and opaque
 * blocks whole), the usage, then {@link ChatEvent.Completed} with the response. Fragments are whole
 * since the answer is already complete; what a caller
 * assembles from them, and the final response, equal the live stream's. Events go out as they are
 * asked for, on the thread that asks.
 */
final class StreamReplay implements Flow.Publisher<ChatEvent> {
  private final List<ChatEvent> events;

  StreamReplay(ChatResponse response) {
    this.events = eventsOf(response);
  }

  static List<ChatEvent> eventsOf(ChatResponse response) {
    List<ChatEvent> events = new ArrayList<>();
    List<AssistantBlock> blocks = response.message().blocks();
    int call = 0;
    for (int i = 0; i < blocks.size(); i++) {
      AssistantBlock block = blocks.get(i);
      if (block instanceof AssistantBlock.Text t) {
        if (!t.text().isEmpty()) {
          events.add(new ChatEvent.TextDelta(t.text(), i));
        }
      } else if (block instanceof Reasoning r && !r.isRedacted()) {
        events.add(new ChatEvent.ReasoningDelta(r.text(), r.signature(), i));
      } else if (block instanceof ToolCall c) {
        events.add(new ChatEvent.ToolCallDelta(call++, c.id(), c.name(), c.arguments(), i));
      } else {
        events.add(new ChatEvent.BlockDelta(block, i)); // redacted thinking and opaque blocks arrive whole
      }
    }
    if (!response.usage().equals(Usage.UNKNOWN)) {
      events.add(new ChatEvent.UsageUpdate(response.usage()));
    }
    events.add(new ChatEvent.Completed(response));
    return List.copyOf(events);
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ChatEvent> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    subscriber.onSubscribe(new Replay(subscriber, events));
  }

  /**
   * Emits under a work-in-progress counter instead of a lock: a subscriber that asks for more from inside
   * {@code onNext}, or from another thread meanwhile, never runs two emissions at once nor waits on a lock.
   */
  private static final class Replay implements Flow.Subscription {
    private final Flow.Subscriber<? super ChatEvent> subscriber;
    private final List<ChatEvent> events;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger work = new AtomicInteger();
    private volatile boolean done;
    private int next; // read and written only by the thread holding the work counter

    Replay(Flow.Subscriber<? super ChatEvent> subscriber, List<ChatEvent> events) {
      this.subscriber = subscriber;
      this.events = events;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        if (!done) {
          done = true;
          subscriber.onError(new IllegalArgumentException("request(" + n + "): demand must be positive (Reactive Streams 3.9)"));
        }
        return;
      }
      demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
      drain();
    }

    @Override
    public void cancel() {
      done = true;
    }

    private void drain() {
      if (work.getAndIncrement() != 0) {
        return; // the thread emitting now sees the new demand before it stops
      }
      int missed = 1;
      do {
        while (!done && next < events.size() && demand.get() > 0) {
          demand.decrementAndGet();
          subscriber.onNext(events.get(next++));
        }
        if (!done && next == events.size()) {
          done = true;
          subscriber.onComplete();
        }
        missed = work.addAndGet(-missed);
      } while (missed != 0);
    }
  }
}
