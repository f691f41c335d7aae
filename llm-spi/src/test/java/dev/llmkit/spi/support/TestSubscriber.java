package dev.llmkit.spi.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.ChatEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * A subscriber that checks the Reactive Streams rules as signals arrive: never more events than
 * requested, signals never concurrent or re-entrant, nothing after a terminal signal or after its own
 * cancel. The test drives demand; every wait is bounded.
 */
final class TestSubscriber implements Flow.Subscriber<ChatEvent> {
  static final long WAIT_SECONDS = 5;

  private final long initialRequest;
  private volatile BiConsumer<TestSubscriber, ChatEvent> onEachEvent = (s, e) -> { };

  final List<ChatEvent> events = new CopyOnWriteArrayList<>();
  final BlockingQueue<ChatEvent> arrivals = new LinkedBlockingQueue<>();
  final List<String> violations = new CopyOnWriteArrayList<>();
  final CountDownLatch subscribed = new CountDownLatch(1);
  final CountDownLatch terminated = new CountDownLatch(1);
  final AtomicInteger terminalSignals = new AtomicInteger();
  final AtomicInteger maxDepth = new AtomicInteger();
  private final AtomicInteger depth = new AtomicInteger();
  private final AtomicLong outstanding = new AtomicLong();
  private volatile boolean unbounded;
  private volatile boolean cancelledByMe;
  private volatile Flow.Subscription subscription;
  volatile Throwable error;
  volatile boolean completed;

  TestSubscriber(long initialRequest) {
    this.initialRequest = initialRequest;
  }

  /** Runs on every event, on the delivering thread, after it is recorded. */
  TestSubscriber onEachEvent(BiConsumer<TestSubscriber, ChatEvent> action) {
    onEachEvent = action;
    return this;
  }

  void request(long n) {
    if (n == Long.MAX_VALUE) {
      unbounded = true;
    } else if (n > 0) {
      outstanding.addAndGet(n); // before the call: the event may arrive on another thread at once
    }
    subscription.request(n);
  }

  void cancel() {
    cancelledByMe = true;
    subscription.cancel();
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    enter("onSubscribe");
    try {
      if (subscription != null) {
        violations.add("onSubscribe twice");
      }
      subscription = s;
      subscribed.countDown();
      if (initialRequest != 0) {
        request(initialRequest);
      }
    } finally {
      leave();
    }
  }

  @Override
  public void onNext(ChatEvent event) {
    enter("onNext");
    try {
      if (terminalSignals.get() > 0) {
        violations.add("onNext after a terminal signal: " + event);
      }
      if (cancelledByMe) {
        violations.add("onNext after cancel: " + event);
      }
      if (!unbounded && outstanding.decrementAndGet() < 0) {
        violations.add("onNext beyond demand: " + event);
      }
      events.add(event);
      arrivals.add(event);
      onEachEvent.accept(this, event);
    } finally {
      leave();
    }
  }

  @Override
  public void onError(Throwable throwable) {
    terminal("onError");
    error = throwable;
    terminated.countDown();
  }

  @Override
  public void onComplete() {
    terminal("onComplete");
    completed = true;
    terminated.countDown();
  }

  private void terminal(String signal) {
    if (terminalSignals.incrementAndGet() > 1) {
      violations.add("second terminal signal: " + signal);
    }
    if (cancelledByMe) {
      violations.add(signal + " after cancel");
    }
  }

  private void enter(String signal) {
    int d = depth.incrementAndGet();
    maxDepth.accumulateAndGet(d, Math::max);
    if (d > 1) {
      violations.add(signal + " while another signal was running (re-entrant or concurrent)");
    }
  }

  private void leave() {
    depth.decrementAndGet();
  }

  // ---- bounded waits for the test thread ----

  ChatEvent next() throws InterruptedException {
    ChatEvent e = arrivals.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(e).as("an event within %d s (got so far: %s, error: %s)", WAIT_SECONDS, events, error).isNotNull();
    return e;
  }

  TestSubscriber awaitTerminal() throws InterruptedException {
    assertThat(terminated.await(WAIT_SECONDS, TimeUnit.SECONDS))
        .as("a terminal signal within %d s (events: %s)", WAIT_SECONDS, events).isTrue();
    return this;
  }

  Throwable awaitError() throws InterruptedException {
    awaitTerminal();
    assertThat(completed).as("completed instead of failing").isFalse();
    return error;
  }

  List<String> texts() {
    List<String> out = new ArrayList<>();
    for (ChatEvent e : events) {
      if (e instanceof ChatEvent.TextDelta t) {
        out.add(t.text());
      }
    }
    return out;
  }
}
