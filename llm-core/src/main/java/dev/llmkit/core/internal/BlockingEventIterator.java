package dev.llmkit.core.internal;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * A subscriber that a caller iterates, blocking. Demand is kept to a small window so a slow reader
 * applies back-pressure instead of buffering a whole response; an interrupted reader cancels the
 * stream.
 */
final class BlockingEventIterator implements Flow.Subscriber<ChatEvent>, Iterator<ChatEvent> {
  private static final int WINDOW = 32;
  private static final Object COMPLETE = new Object();

  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
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
    queue.add(item);
  }

  @Override
  public void onError(Throwable throwable) {
    queue.add(throwable);
  }

  @Override
  public void onComplete() {
    queue.add(COMPLETE);
  }

  /** The stream was closed by its owner: the reader sees the end of the stream. */
  void onClosed() {
    queue.add(COMPLETE);
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
      o = queue.take();
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
