package dev.llmkit.core.internal;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.support.DeliveryBatch;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * A subscriber that a caller iterates, blocking. Demand is kept to a small window so a slow reader
 * applies back-pressure instead of buffering a whole response; an interrupted reader cancels the
 * stream.
 *
 * <p>Events arrive in bursts: the HTTP pool decodes every event of one network read and hands them
 * over in one loop, a few microseconds apart. A reader woken for each one catches up, parks and is
 * woken again, a thread switch per event; so after the first event (handed over at once, for the time
 * to first token) the writer wakes a parked reader once per burst, when it ends ({@link DeliveryBatch}).
 * The queue is lock-free.
 */
final class BlockingEventIterator implements Flow.Subscriber<ChatEvent>, Iterator<ChatEvent> {
  private static final int WINDOW = 32;
  private static final Object COMPLETE = new Object();

  private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
  private volatile @Nullable Thread parked;
  private final AtomicBoolean wakeDeferred = new AtomicBoolean();
  private volatile boolean started; // the first event was handed over
  private volatile Flow.@Nullable Subscription subscription;
  private @Nullable Object next;
  private boolean done;
  private int consumed;

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(WINDOW);
  }

  @Override
  public void onNext(ChatEvent item) {
    put(item);
  }

  @Override
  public void onError(Throwable throwable) {
    put(throwable);
  }

  @Override
  public void onComplete() {
    put(COMPLETE);
  }

  /** The stream was closed by its owner: the reader sees the end of the stream. */
  void onClosed() {
    put(COMPLETE);
  }

  private void put(Object item) {
    queue.add(item);
    // Read after the add: a reader that set it before polling sees the item or is unparked. The first
    // event is handed over at once (time to first token); later ones wake the reader once per burst.
    if (parked != null) {
      if (!started) {
        started = true;
        wake();
      } else if (!wakeDeferred.getAndSet(true)) {
        DeliveryBatch.defer(this::wake);
      }
    }
  }

  private void wake() {
    wakeDeferred.set(false);
    Thread reader = parked;
    if (reader != null) {
      LockSupport.unpark(reader);
    }
  }

  /** The next item, waiting for it: parked until {@link #put} unparks (spinning first gained nothing). */
  private Object take() throws InterruptedException {
    Object o = queue.poll();
    if (o != null) {
      return o;
    }
    Thread self = Thread.currentThread();
    parked = self;
    try {
      while ((o = queue.poll()) == null) {
        LockSupport.park(this);
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
      return o;
    } finally {
      parked = null;
    }
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    if (done) {
      return false;
    }
    Object o;
    try {
      o = take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel();
      throw LlmException.builder(ErrorKind.CANCELLED, "interrupted while reading the stream").cause(e).build();
    }
    if (o == COMPLETE) {
      done = true;
      return false;
    }
    if (o instanceof Throwable t) {
      done = true;
      throw t instanceof LlmException le ? le
          : LlmException.builder(ErrorKind.UNKNOWN, "stream failed: " + t).cause(t).build();
    }
    next = o;
    if (++consumed == WINDOW / 2) {
      consumed = 0;
      Flow.Subscription s = subscription;
      if (s != null) {
        s.request(WINDOW / 2);
      }
    }
    return true;
  }

  @Override
  public ChatEvent next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the stream has ended");
    }
    ChatEvent e = (ChatEvent) next;
    next = null;
    return e;
  }

  private void cancel() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }
}
