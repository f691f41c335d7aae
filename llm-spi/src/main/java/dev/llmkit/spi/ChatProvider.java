package dev.llmkit.spi;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.support.Await;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Speaks one wire format: translates a prepared request to HTTP and the answer back. It does no
 * retries, caching, cost or metrics; the engine does those once for every provider. Thread-safe.
 */
public interface ChatProvider extends AutoCloseable {

  /**
   * Sends the request. Cancelling the future aborts the HTTP exchange. Fails with an
   * {@link LlmException} whose kind reflects the provider's error.
   */
  CompletableFuture<ChatResponse> completeAsync(ProviderRequest request);

  /**
   * Sends the request and blocks. The default joins {@link #completeAsync}; providers may override it
   * with a blocking exchange to save a thread hand-off.
   */
  default ChatResponse complete(ProviderRequest request) {
    return Await.result(completeAsync(request));
  }

  /**
   * A stream of events for the request; nothing is sent until the publisher is subscribed and demand
   * signalled. The last event of a successful stream is {@link ChatEvent.Completed}; a failure is an
   * {@code onError} with an {@link LlmException}. Cancelling the subscription closes the connection.
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
