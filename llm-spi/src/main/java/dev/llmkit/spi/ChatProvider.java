package dev.llmkit.spi;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.support.Await;
import dev.llmkit.spi.support.CancellableFutures;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Speaks one wire format: translates a prepared request to HTTP and the answer back. It does no
 * retries, caching, cost or metrics; the engine does those once for every provider. Thread-safe.
 *
 * <p>A provider implements {@link #respondAsync} (and, to save a thread hand-off on blocking calls,
 * {@link #respond}) plus {@link #stream}. Providers written before {@link ProviderResponse} existed
 * implement {@link #completeAsync} instead. {@code respondAsync} and {@code completeAsync} have defaults
 * in terms of each other, so a provider must override at least one of the two.
 */
public interface ChatProvider extends AutoCloseable {

  /**
   * Sends the request. Cancelling the future aborts the HTTP exchange. Fails with an
   * {@link LlmException} whose kind reflects the provider's error and whose fields carry what the
   * wire said (provider message, code and type, request id, rate limits).
   */
  default CompletableFuture<ProviderResponse> respondAsync(ProviderRequest request) {
    return CancellableFutures.map(completeAsync(request), ProviderResponse::of);
  }

  /**
   * Sends the request and blocks. The default goes through {@link #complete} (so an older provider's
   * blocking exchange is still used), which by default joins the async call; providers override it
   * with a blocking exchange to save a thread hand-off.
   */
  default ProviderResponse respond(ProviderRequest request) {
    return ProviderResponse.of(complete(request));
  }

  /**
   * The older form of {@link #respondAsync}, kept so that providers written against it still work;
   * the engine calls {@link #respondAsync}.
   */
  default CompletableFuture<ChatResponse> completeAsync(ProviderRequest request) {
    String provider = request.model().provider();
    return CancellableFutures.map(respondAsync(request), r -> r.toChatResponse(provider));
  }

  /** The older form of {@link #respond}; the default joins {@link #completeAsync}. */
  default ChatResponse complete(ProviderRequest request) {
    return Await.result(completeAsync(request));
  }

  /**
   * A stream of events for the request; nothing is sent until the publisher is subscribed and demand
   * signalled. The last event of a successful stream is {@link ChatEvent.Completed}, whose response is
   * {@link ProviderResponse#toChatResponse} of what the stream said (no latency, no cost: the engine
   * adds those). A failure is an {@code onError} with an {@link LlmException}; one in the middle of the
   * stream carries the HTTP status (200) and {@link LlmException#partialResponse()}. Cancelling the
   * subscription closes the connection.
   */
  Flow.Publisher<ChatEvent> stream(ProviderRequest request);

  /** Counts the input tokens of a request with the provider's own endpoint, where it has one. */
  default OptionalLong countInputTokens(ProviderRequest request) {
    return OptionalLong.empty();
  }

  /** Releases what the provider holds; the shared HTTP client belongs to the host and stays open. */
  @Override
  default void close() {}
}
