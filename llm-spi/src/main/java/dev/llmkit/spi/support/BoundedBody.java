package dev.llmkit.spi.support;

import dev.llmkit.api.LlmException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Reads a whole non-streaming body into memory, within {@link ReadLimits}: a 2xx body larger than
 * {@link ReadLimits#maxResponseBytes()} (by its {@code Content-Length}, or as it arrives) fails with
 * {@link ReadLimits#bodyTooLarge} and closes the connection; of an error body only the first
 * {@link ReadLimits#MAX_ERROR_BODY_BYTES} are kept, then the connection is closed rather than the rest
 * read. The outcome goes to a listener on the thread that delivered the last buffer (a thread of the
 * client's executor), and, when asked, to {@link #getBody()}.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
  /** Gets the body, or the failure, once. */
  @FunctionalInterface
  interface Listener {
    void done(byte @Nullable [] body, @Nullable Throwable failure);
  }

  private final @Nullable String provider;
  private final boolean success;
  private final long limit;
  private final Listener listener;
  private final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private final boolean completeBody;
  private final AtomicBoolean done = new AtomicBoolean();
  /**
   * The body, filled as it arrives, when the response declared a length (up to {@link #PRESIZE_LIMIT}): one
   * copy in all. Otherwise the client's buffers are kept as they are (it hands over read-only views it
   * does not reuse, as its own {@code ofByteArray} relies on) and copied once at the end.
   */
  private byte @Nullable [] sized;
  private final List<ByteBuffer> held = new ArrayList<>(4);
  private final long declaredLength;
  private long size;
  private volatile Flow.@Nullable Subscription subscription;
  private volatile boolean cancelRequested;

  /**
   * @param completeBody whether {@link #getBody()} completes (a blocking {@code send} needs it); when
   *     false it never does, and the outcome reaches the listener only
   */
  BoundedBody(HttpResponse.ResponseInfo info, @Nullable String provider, boolean completeBody, Listener listener) {
    this.provider = provider;
    this.success = info.statusCode() / 100 == 2;
    this.limit = success ? ReadLimits.maxResponseBytes() : ReadLimits.MAX_ERROR_BODY_BYTES;
    this.listener = listener;
    this.completeBody = completeBody;
    this.declaredLength = info.headers().firstValueAsLong("content-length").orElse(-1L);
    if (declaredLength >= 0 && declaredLength <= Math.min(limit, PRESIZE_LIMIT)) {
      sized = new byte[(int) declaredLength];
    }
  }

  /** The largest declared length allocated before the bytes arrive: a server's header alone must not cost much. */
  private static final int PRESIZE_LIMIT = 1 << 20;

  @Override
  public CompletionStage<byte[]> getBody() {
    return completeBody ? body : new CompletableFuture<>();
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (cancelRequested) {
      s.cancel();
      return;
    }
    if (success && declaredLength > limit) {
      s.cancel();
      fail(ReadLimits.bodyTooLarge(provider, limit));
      return;
    }
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (done.get()) {
      return;
    }
    for (ByteBuffer b : buffers) {
      int n = b.remaining();
      if (size + n > limit) {
        Flow.Subscription s = subscription;
        if (s != null) {
          s.cancel(); // closes the connection: the rest is not read
        }
        if (success) {
          clear();
          fail(ReadLimits.bodyTooLarge(provider, limit));
        } else {
          int keep = (int) (limit - size);
          byte[] chunk = new byte[keep];
          b.get(chunk);
          keep(ByteBuffer.wrap(chunk));
          size += keep;
          finish();
        }
        return;
      }
      keep(b);
      size += n;
    }
  }

  /** Copies {@code b} into the sized body, or holds it; {@link #size} does not count it yet. */
  private void keep(ByteBuffer b) {
    byte[] into = sized;
    if (into != null && size + b.remaining() <= into.length) {
      b.get(into, (int) size, b.remaining());
      return;
    }
    if (into != null) { // more than the declared length: hold what came so far as the first buffer
      held.add(ByteBuffer.wrap(into, 0, (int) size));
      sized = null;
    }
    held.add(b);
  }

  private void clear() {
    held.clear();
    sized = null;
  }

  @Override
  public void onError(Throwable throwable) {
    fail(throwable);
  }

  @Override
  public void onComplete() {
    finish();
  }

  /** Stops reading: closes the connection if the body is still arriving. */
  void cancel() {
    cancelRequested = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }

  private void finish() {
    if (!done.compareAndSet(false, true)) {
      return;
    }
    byte[] all;
    byte[] into = sized;
    if (into != null) {
      all = size == into.length ? into : Arrays.copyOf(into, (int) size);
    } else {
      all = new byte[(int) size];
      int at = 0;
      for (ByteBuffer h : held) {
        int n = h.remaining();
        h.get(all, at, n);
        at += n;
      }
    }
    clear();
    listener.done(all, null);
    body.complete(all);
  }

  private void fail(Throwable failure) {
    if (!done.compareAndSet(false, true)) {
      return;
    }
    clear();
    listener.done(null, failure);
    body.completeExceptionally(failure);
  }

  /** True when {@code t}, or what the client wrapped it in, is a limit this body enforced. */
  static @Nullable LlmException ownFailure(@Nullable Throwable t) {
    Throwable cur = t;
    for (int i = 0; i < 4 && cur != null; i++) {
      if (cur instanceof LlmException e) {
        return e;
      }
      cur = cur.getCause();
    }
    return null;
  }
}
