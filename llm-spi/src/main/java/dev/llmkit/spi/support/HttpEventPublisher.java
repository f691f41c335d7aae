package dev.llmkit.spi.support;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Flow.Publisher} of {@link ChatEvent}s over one streaming HTTP exchange, with no thread per
 * stream: the request is sent on the first demand, body buffers are pulled from the JDK client one at
 * a time only while the subscriber has unmet demand, and events are delivered on whichever thread
 * brought them (no executor hop). Cancelling aborts the exchange or closes the connection.
 *
 * <p>A non-2xx status is read (its first {@link ReadLimits#MAX_ERROR_BODY_BYTES}) and mapped by the
 * provider's {@link ErrorResponseMapper}; a redirect is {@link HttpErrors#redirect} (never followed); a
 * 2xx whose body is empty is {@link HttpErrors#emptyResponse}, as for a non-streaming call; a line or
 * event longer than {@link ReadLimits#maxLineBytes()} fails the stream and closes the connection
 * (the decoders enforce it). Every error is scrubbed by the provider's {@link Redactor}. A 2xx
 * status hands the response headers to {@link StreamDecoder#responseHeaders} before the body. After
 * the decoder emits {@link ChatEvent.Completed}, the subscriber completes and the rest of the body is
 * read and discarded so the connection can go back to the pool. Any failure after 2xx headers (an
 * in-band error, a broken connection, a truncated body, an unreadable event) is completed by
 * {@link HttpErrors#midStream} with the status and the decoder's {@link StreamDecoder#partial()}.
 *
 * <p>On a client built with {@link HttpClientExecutor} the events arrive on that client's threads
 * straight from the body's subscriber, with no hand-off to {@code CompletableFuture}'s default
 * executor (which on small machines starts a thread per stream).
 *
 * <p>Single use: one subscriber per publisher, as each subscription is one HTTP exchange. Failures of
 * the exchange are {@link LlmException}s; a subscriber's own protocol error, {@code request(n <= 0)},
 * ends the exchange with an {@link IllegalArgumentException} as Reactive Streams rule 3.9 requires.
 */
public final class HttpEventPublisher implements Flow.Publisher<ChatEvent> {
  private static final int MAX_ERROR_BODY = ReadLimits.MAX_ERROR_BODY_BYTES;

  private final HttpClient client;
  private final HttpRequest request;
  private final Supplier<StreamDecoder> decoder;
  private final ErrorResponseMapper errors;
  private final String provider;
  private final Redactor redactor;
  private final AtomicBoolean subscribed = new AtomicBoolean();

  /** A publisher whose errors are scrubbed of key-shaped text only ({@link Redactor#patternsOnly()}). */
  public HttpEventPublisher(
      HttpClient client, HttpRequest request, Supplier<StreamDecoder> decoder, ErrorResponseMapper errors, String provider) {
    this(client, request, decoder, errors, provider, Redactor.patternsOnly());
  }

  /** A publisher whose errors are scrubbed by {@code redactor} (the provider's key and headers). */
  public HttpEventPublisher(HttpClient client, HttpRequest request, Supplier<StreamDecoder> decoder,
      ErrorResponseMapper errors, String provider, Redactor redactor) {
    this.client = Objects.requireNonNull(client, "client");
    this.request = Objects.requireNonNull(request, "request");
    this.decoder = Objects.requireNonNull(decoder, "decoder");
    this.errors = Objects.requireNonNull(errors, "errors");
    this.provider = Objects.requireNonNull(provider, "provider");
    this.redactor = Objects.requireNonNull(redactor, "redactor");
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ChatEvent> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    if (!subscribed.compareAndSet(false, true)) {
      FailedPublisher.<ChatEvent>of(new IllegalStateException("a stream can be subscribed to once; start a new call instead"))
          .subscribe(subscriber);
      return;
    }
    Exchange exchange = new Exchange(subscriber, decoder.get());
    subscriber.onSubscribe(exchange);
    exchange.onSubscribeReturned();
  }

  /** One exchange: the downstream subscription and the upstream body subscriber at once. */
  private final class Exchange implements Flow.Subscription, Flow.Subscriber<List<ByteBuffer>> {
    private final Flow.Subscriber<? super ChatEvent> downstream;
    private final StreamDecoder streamDecoder;
    private final Queue<ChatEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicBoolean started = new AtomicBoolean();
    // Rule 1.3: onNext must not overlap onSubscribe, so a request made inside onSubscribe only records
    // demand; the exchange starts once onSubscribe has returned.
    private volatile boolean ready;
    private final AtomicBoolean upstreamPending = new AtomicBoolean();
    private volatile @Nullable CompletableFuture<HttpResponse<Void>> send;
    private volatile Flow.@Nullable Subscription upstream;
    private volatile boolean cancelled;
    private volatile int status; // of a 2xx response, once its headers arrived
    private volatile boolean completed; // the decoder emitted Completed
    private boolean sawContent; // a byte other than whitespace arrived; touched by body signals only
    private volatile @Nullable LlmException failure;
    private volatile @Nullable IllegalArgumentException protocolError; // signalled at once, ahead of queued events
    private boolean terminated; // touched only inside drain()

    Exchange(Flow.Subscriber<? super ChatEvent> downstream, StreamDecoder streamDecoder) {
      this.downstream = downstream;
      this.streamDecoder = streamDecoder;
    }

    // ---- downstream subscription ----

    @Override
    public void request(long n) {
      if (cancelled || protocolError != null) {
        return; // rule 3.6: after cancel (or a terminal error) request is a no-op and must not start a call
      }
      if (n <= 0) {
        // Rule 3.9: an IllegalArgumentException, and the exchange ends: never start or keep one afterwards.
        started.set(true);
        protocolError = new IllegalArgumentException(
            "request(" + n + ") violates Reactive Streams rule 3.9: demand must be positive");
        abort();
        drain();
        return;
      }
      demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
      if (ready) {
        startOnce();
        drain();
      }
    }

    void onSubscribeReturned() {
      ready = true;
      if (demand.get() > 0 && !cancelled && protocolError == null) {
        startOnce();
        drain();
      }
    }

    private void startOnce() {
      if (started.compareAndSet(false, true)) {
        start();
      }
    }

    @Override
    public void cancel() {
      cancelled = true;
      queue.clear();
      if (!completed) {
        abort();
      }
      // Once the response is complete, the tail (e.g. after [DONE]) is still read to EOF: closing
      // then would throw away a pooled connection that is about to be reusable.
    }

    /** Aborts the exchange whatever its stage: before headers, or mid-body by closing the connection. */
    private void abort() {
      CompletableFuture<?> f = send;
      if (f != null) {
        f.cancel(true); // aborts the exchange while waiting for headers
      }
      Flow.Subscription up = upstream;
      if (up != null) {
        up.cancel(); // closes the connection mid-body
      }
    }

    private void start() {
      boolean own = HttpClientExecutor.isOwn(client);
      CompletableFuture<HttpResponse<Void>> f;
      try {
        f = client.sendAsync(request, info -> onHeaders(info, own));
      } catch (RuntimeException e) {
        fail(HttpErrors.fromIoFailure(provider, e, false));
        return;
      }
      send = f;
      if (cancelled || protocolError != null) {
        f.cancel(true);
        return;
      }
      // Failures before the headers (connect, timeout) arrive here only. On a client of our own a
      // successful exchange never completes this future: the body's subscriber delivers everything.
      f.whenComplete((response, error) -> {
        if (error != null && !cancelled && protocolError == null && !completed) {
          fail(status != 0 ? midStream(HttpErrors.fromIoFailure(provider, error, true))
              : HttpErrors.fromIoFailure(provider, error, false));
        }
      });
    }

    /** The headers arrived (on a thread of the client): picks who reads the body. */
    private HttpResponse.BodySubscriber<Void> onHeaders(HttpResponse.ResponseInfo info, boolean own) {
      int code = info.statusCode();
      if (cancelled || protocolError != null) {
        return body(new Discard(true), own);
      }
      if (code / 100 == 2) {
        status = code;
        try {
          streamDecoder.responseHeaders(info.headers());
        } catch (RuntimeException e) {
          fail(midStream(malformed(e)));
          return body(new Discard(true), own);
        }
        return body(this, own);
      }
      if (HttpErrors.isRedirect(code)) {
        fail(HttpErrors.redirect(provider, code, info.headers(), request.uri()));
        return body(new Discard(true), own);
      }
      return body(new ErrorBody(info), own);
    }

    // ---- upstream body subscriber ----

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      upstream = subscription;
      if (cancelled || protocolError != null) {
        subscription.cancel();
      } else {
        drain();
      }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      upstreamPending.set(false);
      if (completed && failure == null) {
        Flow.Subscription up = upstream;
        if (up != null) {
          upstreamPending.set(true);
          up.request(1); // read the tail so the connection can be reused
        }
        return;
      }
      if (cancelled || failure != null) {
        return;
      }
      // One burst for the whole read: events are delivered as they are decoded (emit), so the first of a
      // read does not wait for the rest of it, and a parked reader is still woken once for the read.
      try (DeliveryBatch burst = DeliveryBatch.open()) {
        for (ByteBuffer b : buffers) {
          if (!sawContent) {
            sawContent = hasContent(b);
          }
          streamDecoder.feed(b, this::emit);
          if (completed) {
            break;
          }
        }
      } catch (LlmException e) {
        failAndClose(e);
        return;
      } catch (RuntimeException e) {
        failAndClose(malformed(e));
        return;
      }
      if (completed) {
        // Keep reading to EOF (discarding) so the pooled connection is not left half-read.
        Flow.Subscription up = upstream;
        if (up != null && upstreamPending.compareAndSet(false, true)) {
          up.request(1);
        }
      }
      drain();
    }

    @Override
    public void onError(Throwable throwable) {
      upstreamPending.set(false);
      if (!completed && !cancelled) {
        fail(midStream(HttpErrors.fromIoFailure(provider, throwable, true)));
      }
    }

    @Override
    public void onComplete() {
      upstreamPending.set(false);
      if (!completed && !cancelled && failure == null && !sawContent) {
        fail(HttpErrors.emptyResponse(provider, null, status)); // as a non-streaming call reports it
      } else if (!completed && !cancelled && failure == null) {
        try {
          streamDecoder.finish(this::emit);
          if (!completed) {
            fail(midStream(LlmException.builder(ErrorKind.MALFORMED_RESPONSE,
                    provider + " closed the stream before it finished (truncated stream)")
                .provider(provider).retryable(true).build()));
          }
        } catch (LlmException e) {
          fail(midStream(e));
        } catch (RuntimeException e) {
          fail(midStream(malformed(e)));
        }
      }
      drain();
    }

    // ---- delivery ----

    private void emit(ChatEvent event) {
      if (completed || cancelled) {
        return;
      }
      queue.add(event);
      if (event instanceof ChatEvent.Completed) {
        completed = true;
      }
      if (demand.get() > 0) {
        drain(); // now, not after the rest of the network read is decoded: the time to first token
      }
    }

    private void fail(LlmException e) {
      if (failure == null) {
        LlmException named = e.provider().isPresent() ? e : withProvider(e);
        failure = redactor.scrub(named);
      }
      drain();
    }

    private LlmException withProvider(LlmException e) {
      String message = e.getMessage() != null && e.getMessage().startsWith(ReadLimits.UNNAMED)
          ? provider + e.getMessage().substring(ReadLimits.UNNAMED.length()) : e.getMessage();
      LlmException copy = e.toBuilder().message(message == null ? "" : message).provider(provider).build();
      copy.setStackTrace(e.getStackTrace());
      return copy;
    }

    /** A failure while reading a 2xx body: close the connection (the rest is of no use) and report it. */
    private void failAndClose(LlmException e) {
      Flow.Subscription up = upstream;
      if (up != null) {
        up.cancel();
      }
      fail(midStream(e));
    }

    private LlmException midStream(LlmException e) {
      return HttpErrors.midStream(e, status, partialSoFar());
    }

    private @Nullable ChatResponse partialSoFar() {
      try {
        return streamDecoder.partial();
      } catch (RuntimeException e) {
        return null; // a decoder that cannot say what it had must not replace the error being reported
      }
    }

    private LlmException malformed(RuntimeException e) {
      return LlmException.builder(ErrorKind.MALFORMED_RESPONSE, provider + " sent a stream event that cannot be read: " + e.getMessage())
          .provider(provider).midStream(true).cause(e).build();
    }

    /** Serialized delivery loop: whichever thread gets here first drains for everyone. */
    private void drain() {
      if (wip.getAndIncrement() != 0) {
        return;
      }
      try (DeliveryBatch burst = DeliveryBatch.open()) { // a reader on another thread is woken once per burst
        drainLoop();
      }
    }

    private void drainLoop() {
      int missed = 1;
      while (true) {
        if (cancelled) {
          queue.clear();
        } else if (!terminated && protocolError != null) {
          terminated = true;
          queue.clear();
          downstream.onError(protocolError);
        } else if (!terminated) {
          ChatEvent next;
          while (demand.get() > 0 && (next = queue.poll()) != null) {
            if (demand.get() != Long.MAX_VALUE) {
              demand.decrementAndGet();
            }
            if (!deliver(next) || cancelled) {
              break;
            }
          }
          if (!cancelled && queue.isEmpty()) {
            LlmException err = failure;
            if (completed) {
              terminated = true;
              downstream.onComplete();
            } else if (err != null) {
              terminated = true;
              downstream.onError(err);
            } else if (demand.get() > 0) {
              Flow.Subscription up = upstream;
              if (up != null && upstreamPending.compareAndSet(false, true)) {
                up.request(1);
              }
            }
          }
        }
        missed = wip.addAndGet(-missed);
        if (missed == 0) {
          return;
        }
      }
    }

    /**
     * Hands one event to the subscriber. A subscriber that throws breaks rule 2.13; it is treated as
     * cancelled (so the connection closes instead of hanging half-read) and the exception is reported
     * to the thread's handler rather than thrown into the HTTP client's threads.
     */
    private boolean deliver(ChatEvent event) {
      try {
        downstream.onNext(event);
        return true;
      } catch (RuntimeException e) {
        cancel();
        Thread t = Thread.currentThread();
        t.getUncaughtExceptionHandler().uncaughtException(t, e);
        return false;
      }
    }

    /** Reads the start of an error body (at most {@value #MAX_ERROR_BODY} bytes), then fails with the provider's mapping of it. */
    private final class ErrorBody implements Flow.Subscriber<List<ByteBuffer>> {
      private final HttpResponse.ResponseInfo response;
      private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      private boolean done;

      ErrorBody(HttpResponse.ResponseInfo response) {
        this.response = response;
      }

      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        upstream = subscription;
        if (cancelled) {
          subscription.cancel();
        } else {
          subscription.request(Long.MAX_VALUE);
        }
      }

      @Override
      public void onNext(List<ByteBuffer> item) {
        if (done) {
          return;
        }
        for (ByteBuffer b : item) {
          int n = Math.min(b.remaining(), MAX_ERROR_BODY - bytes.size());
          if (n > 0) {
            byte[] chunk = new byte[n];
            b.get(chunk);
            bytes.write(chunk, 0, n);
          }
        }
        if (bytes.size() >= MAX_ERROR_BODY) {
          Flow.Subscription up = upstream;
          if (up != null) {
            up.cancel(); // enough for a message: close the connection rather than read the rest
          }
          onComplete();
        }
      }

      @Override
      public void onError(Throwable throwable) {
        onComplete();
      }

      @Override
      public void onComplete() {
        if (done) {
          return;
        }
        done = true;
        LlmException mapped;
        try {
          mapped = errors.map(response.statusCode(), response.headers(), bytes.toByteArray());
        } catch (RuntimeException e) {
          mapped = LlmException.builder(HttpErrors.kindForStatus(response.statusCode()),
                  provider + " answered HTTP " + response.statusCode() + ": " + HttpErrors.snippet(bytes.toByteArray()))
              .provider(provider).httpStatus(response.statusCode()).cause(e).build();
        }
        fail(mapped);
      }
    }
  }

  /** The body subscriber the client gets: {@code target}, and a body future the JDK client waits on. */
  private static HttpResponse.BodySubscriber<Void> body(Flow.Subscriber<List<ByteBuffer>> target, boolean own) {
    CompletableFuture<Void> body = new CompletableFuture<>();
    return new HttpResponse.BodySubscriber<>() {
      @Override
      public CompletionStage<Void> getBody() {
        // On our own client the JDK's future must not complete: completing it hands off to a new thread
        // on small machines. Elsewhere it completes once the body is subscribed, as ofPublisher's does.
        return body;
      }

      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        if (!own) {
          body.complete(null);
        }
        target.onSubscribe(subscription);
      }

      @Override
      public void onNext(List<ByteBuffer> item) {
        target.onNext(item);
      }

      @Override
      public void onError(Throwable throwable) {
        target.onError(throwable);
      }

      @Override
      public void onComplete() {
        target.onComplete();
      }
    };
  }

  private static boolean hasContent(ByteBuffer b) {
    for (int i = b.position(); i < b.limit(); i++) {
      byte c = b.get(i);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return true;
      }
    }
    return false;
  }

  /** Drains or cancels a body nobody wants any more. */
  private static final class Discard implements Flow.Subscriber<List<ByteBuffer>> {
    private final boolean cancel;

    Discard(boolean cancel) {
      this.cancel = cancel;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      if (cancel) {
        subscription.cancel();
      } else {
        subscription.request(Long.MAX_VALUE);
      }
    }

    @Override public void onNext(List<ByteBuffer> item) {}
    @Override public void onError(Throwable throwable) {}
    @Override public void onComplete() {}
  }
}
