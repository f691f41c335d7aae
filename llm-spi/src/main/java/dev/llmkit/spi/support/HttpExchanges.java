package dev.llmkit.spi.support;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The two ways a provider sends a non-streaming request, with the failure handling every provider
 * needs: I/O failures mapped to typed errors carrying provider and model, an interrupt turned into a
 * cancellation, and (async) cancelling the returned future aborting the HTTP exchange.
 */
public final class HttpExchanges {
  private HttpExchanges() {}

  /** Sends and blocks on the calling thread (one thread hand-off fewer than joining an async send). */
  public static HttpResponse<byte[]> send(HttpClient client, HttpRequest request, String provider, String model) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw ioFailure(e, provider, model);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw LlmException.builder(ErrorKind.CANCELLED, "interrupted while waiting for " + provider)
          .provider(provider).model(model).cause(e).build();
    }
  }

  /**
   * Sends without blocking and maps the response with {@code handler} (which throws the provider's
   * {@link LlmException} for error statuses). Cancelling the returned future cancels the exchange:
   * a future derived with {@code thenApply} would not propagate the cancel to its source.
   */
  public static <T> CompletableFuture<T> sendAsync(
      HttpClient client, HttpRequest request, String provider, String model, Function<HttpResponse<byte[]>, T> handler) {
    CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    CancellableFutures.Cancelling<T> result = CancellableFutures.cancelling(exchange);
    exchange.whenComplete((response, failure) -> {
      if (result.endedByCancel(failure)) {
        return;
      }
      if (failure != null) {
        result.completeExceptionally(ioFailure(failure, provider, model));
        return;
      }
      try {
        result.complete(handler.apply(response));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  /** A failed exchange as a typed error that names the provider and the model. */
  public static LlmException ioFailure(Throwable failure, String provider, String model) {
    LlmException e = HttpErrors.fromIoFailure(provider, failure, false);
    return e.model().isPresent() ? e : e.toBuilder().model(model).build();
  }
}
