package dev.llmkit.spi.support;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;

/**
 * The two ways a provider sends a non-streaming request, with the handling every provider needs:
 *
 * <ul>
 *   <li>the body is read within {@link ReadLimits} (a 2xx body over {@link ReadLimits#maxResponseBytes()}
 *       fails with {@code MALFORMED_RESPONSE} and closes the connection; an error body is cut at
 *       {@link ReadLimits#MAX_ERROR_BODY_BYTES});
 *   <li>a redirect (3xx with a {@code Location}) is an error ({@link HttpErrors#redirect}): llmkit's
 *       client does not follow redirects, so that credentials never reach another origin;
 *   <li>a 200 with an empty body is {@link HttpErrors#emptyResponse} (retryable), as on a stream;
 *   <li>I/O failures become typed errors carrying provider and model; an interrupt a cancellation;
 *   <li>with a {@link Redactor}, every error that leaves is scrubbed of credentials.
 * </ul>
 *
 * <p>The future of {@link #sendAsync} aborts the HTTP exchange when it is completed by anyone but the
 * exchange: {@code cancel}, {@code orTimeout}, {@code completeOnTimeout}, {@code complete} or
 * {@code completeExceptionally} (a future derived from it with {@code thenApply} and the like cannot
 * pass its own cancellation back: cancel this one). On a client built with
 * {@link HttpClientExecutor} it completes on that client's threads, without the hand-off to
 * {@code CompletableFuture}'s default executor that costs a new thread per call on small machines.
 */
public final class HttpExchanges {
  private HttpExchanges() {}

  /**
   * Sends and blocks on the calling thread (one thread hand-off fewer than joining an async send).
   * The response is a 2xx (other than an empty 200) or an error status for the provider to map.
   */
  public static HttpResponse<byte[]> send(HttpClient client, HttpRequest request, String provider, String model) {
    HttpResponse<byte[]> response;
    try {
      response = client.send(request, info -> new BoundedBody(info, provider, true, (body, failure) -> {}));
    } catch (IOException e) {
      LlmException own = BoundedBody.ownFailure(e);
      throw own != null ? withModel(own, model) : ioFailure(e, provider, model);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw LlmException.builder(ErrorKind.CANCELLED, "interrupted while waiting for " + provider)
          .provider(provider).model(model).cause(e).build();
    }
    check(response, provider, model);
    return response;
  }

  /**
   * {@link #send} and then {@code handler} (which throws the provider's {@link LlmException} for error
   * statuses), with every error that leaves scrubbed by {@code redactor}.
   */
  public static <T> T send(HttpClient client, HttpRequest request, String provider, String model, Redactor redactor,
      Function<HttpResponse<byte[]>, T> handler) {
    try {
      return handler.apply(send(client, request, provider, model));
    } catch (LlmException e) {
      throw redactor.scrub(e);
    } catch (RuntimeException e) {
      Throwable safe = redactor.safeCause(e);
      throw safe instanceof RuntimeException r ? r : e;
    }
  }

  /**
   * Sends without blocking and maps the response with {@code handler} (which throws the provider's
   * {@link LlmException} for error statuses). See the class description for what aborts the exchange.
   */
  public static <T> CompletableFuture<T> sendAsync(
      HttpClient client, HttpRequest request, String provider, String model, Function<HttpResponse<byte[]>, T> handler) {
    return sendAsync(client, request, provider, model, Redactor.patternsOnly(), handler);
  }

  /** {@link #sendAsync(HttpClient, HttpRequest, String, String, Function)}, its errors scrubbed by {@code redactor}. */
  public static <T> CompletableFuture<T> sendAsync(HttpClient client, HttpRequest request, String provider, String model,
      Redactor redactor, Function<HttpResponse<byte[]>, T> handler) {
    AsyncExchange<T> exchange = new AsyncExchange<>(request, provider, model, redactor, handler);
    exchange.start(client);
    return exchange;
  }

  /** A failed exchange as a typed error that names the provider and the model. */
  public static LlmException ioFailure(Throwable failure, String provider, String model) {
    LlmException e = HttpErrors.fromIoFailure(provider, failure, false);
    return withModel(e, model);
  }

  private static LlmException withModel(LlmException e, String model) {
    return e.model().isPresent() ? e : e.toBuilder().model(model).build();
  }

  /** Redirects and empty 200s are errors whatever the provider. */
  static void check(HttpResponse<byte[]> response, String provider, String model) {
    int status = response.statusCode();
    if (HttpErrors.isRedirect(status)) {
      throw withModel(HttpErrors.redirect(provider, status, response.headers(), response.request().uri()), model);
    }
    if (status == 200 && HttpErrors.isBlank(response.body())) {
      throw HttpErrors.emptyResponse(provider, model, status);
    }
  }

  /** One async exchange and the future of its outcome. */
  private static final class AsyncExchange<T> extends CompletableFuture<T> {
    private static final int RUNNING = 0;
    private static final int FINISHING = 1;
    private static final int ABORTED = 2;

    private final HttpRequest request;
    private final String provider;
    private final String model;
    private final Redactor redactor;
    private final Function<HttpResponse<byte[]>, T> handler;
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private volatile @Nullable CompletableFuture<?> jdk;
    private volatile @Nullable BoundedBody body;

    AsyncExchange(HttpRequest request, String provider, String model, Redactor redactor,
        Function<HttpResponse<byte[]>, T> handler) {
      this.request = request;
      this.provider = provider;
      this.model = model;
      this.redactor = redactor;
      this.handler = handler;
    }

    void start(HttpClient client) {
      boolean own = HttpClientExecutor.isOwn(client);
      CompletableFuture<HttpResponse<byte[]>> f;
      try {
        f = client.sendAsync(request, info -> {
          BoundedBody b = new BoundedBody(info, provider, !own, (bytes, failure) -> onBody(info, bytes, failure));
          body = b;
          if (state.get() == ABORTED) {
            b.cancel();
          }
          return b;
        });
      } catch (RuntimeException e) {
        onFailure(e);
        return;
      }
      jdk = f;
      if (state.get() == ABORTED) {
        f.cancel(true);
      }
      // A failure before or while the body arrives (connect, timeout, reset). On a client of our own, a
      // successful exchange never completes this future: the body's subscriber has delivered it.
      f.whenComplete((response, failure) -> {
        if (failure != null) {
          onFailure(failure);
        }
      });
    }

    private void onBody(HttpResponse.ResponseInfo info, byte @Nullable [] bytes, @Nullable Throwable failure) {
      if (!state.compareAndSet(RUNNING, FINISHING)) {
        return;
      }
      if (failure != null || bytes == null) {
        finishExceptionally(failure == null ? new IOException("no body") : failure);
        return;
      }
      try {
        HttpResponse<byte[]> response = response(info, bytes, request);
        check(response, provider, model);
        super.complete(handler.apply(response));
      } catch (LlmException e) {
        super.completeExceptionally(redactor.scrub(e));
      } catch (RuntimeException e) {
        Throwable safe = redactor.safeCause(e);
        super.completeExceptionally(safe == null ? e : safe);
      }
    }

    private void onFailure(Throwable failure) {
      if (state.compareAndSet(RUNNING, FINISHING)) {
        finishExceptionally(failure);
      }
    }

    private void finishExceptionally(Throwable failure) {
      LlmException own = BoundedBody.ownFailure(failure);
      LlmException error = own != null ? withModel(own, model) : ioFailure(failure, provider, model);
      super.completeExceptionally(redactor.scrub(error));
    }

    /** Stops the exchange, whatever its stage, unless it has already delivered. */
    private boolean abort() {
      if (!state.compareAndSet(RUNNING, ABORTED)) {
        return false;
      }
      CompletableFuture<?> f = jdk;
      if (f != null) {
        f.cancel(true); // aborts the exchange while waiting for headers, or mid-body
      }
      BoundedBody b = body;
      if (b != null) {
        b.cancel(); // closes the connection mid-body
      }
      return true;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      abort(); // first, so that whoever the cancellation wakes finds the exchange aborted
      return super.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean complete(T value) {
      abort(); // by the caller (completeOnTimeout, say): the exchange's answer is no longer wanted
      return super.complete(value);
    }

    @Override
    public boolean completeExceptionally(Throwable ex) {
      abort(); // by the caller (orTimeout, say)
      return super.completeExceptionally(ex);
    }
  }

  /** The response of an exchange whose body the subscriber read. */
  static HttpResponse<byte[]> response(HttpResponse.ResponseInfo info, byte[] body, HttpRequest request) {
    return new ReadResponse(info, body, request);
  }

  private static final class ReadResponse implements HttpResponse<byte[]> {
    private final HttpResponse.ResponseInfo info;
    private final byte[] body;
    private final HttpRequest request;

    ReadResponse(HttpResponse.ResponseInfo info, byte[] body, HttpRequest request) {
      this.info = info;
      this.body = body;
      this.request = request;
    }

    @Override
    public int statusCode() {
      return info.statusCode();
    }

    @Override
    public HttpRequest request() {
      return request;
    }

    @Override
    public Optional<HttpResponse<byte[]>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
      return info.headers();
    }

    @Override
    public byte[] body() {
      return body;
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return request.uri();
    }

    @Override
    public HttpClient.Version version() {
      return info.version();
    }

    @Override
    public String toString() {
      return "(" + request.method() + " " + request.uri() + ") " + info.statusCode();
    }
  }
}
