package dev.llmkit.spi.support;

import dev.llmkit.api.LlmException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
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
  private final List<byte[]> chunks = new ArrayList<>();
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
  }

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
          chunks.clear();
          fail(ReadLimits.bodyTooLarge(provider, limit));
        } else {
          int keep = (int) (limit - size);
          byte[] chunk = new byte[keep];
          b.get(chunk);
          chunks.add(chunk);
          size += keep;
          finish();
        }
        return;
      }
      byte[] chunk = new byte[n];
      b.get(chunk);
      chunks.add(chunk);
      size += n;
    }
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
    byte[] all = new byte[(int) size];
    int at = 0;
    for (byte[] c : chunks) {
      System.arraycopy(c, 0, all, at, c.length);
      at += c.length;
    }
    chunks.clear();
    listener.done(all, null);
    body.complete(all);
  }

  private void fail(Throwable failure) {
    if (!done.compareAndSet(false, true)) {
      return;
    }
    chunks.clear();
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
