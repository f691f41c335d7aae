package dev.llmkit.api;

import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * A configured model an application talks to. Every call, whether sync, async or streaming, goes
 * through the same pipeline: validation, model resolution, the provider call, then usage, cost and
 * latency accounting.
 *
 * <pre>{@code
 * ChatResponse r = llm.complete(ChatRequest.of(Message.user("Name three primes")));
 * try (ChatStream s = llm.stream(ChatRequest.of(Message.user("Tell a story")))) {
 *   for (ChatEvent e : s) if (e instanceof ChatEvent.TextDelta t) System.out.print(t.text());
 * }
 * }</pre>
 *
 * <p>Implementations are thread-safe. Failures are {@link LlmException}s. Closing an {@code Llm} releases
 * what its provider holds; the shared HTTP client stays open for other instances.
 */
public interface Llm extends AutoCloseable {

  /** Sends the request and blocks until the whole response has arrived. */
  ChatResponse complete(ChatRequest request);

  /**
   * Sends the request without blocking. Cancelling the returned future ({@code cancel(true)} or
   * {@code cancel(false)}) aborts the HTTP exchange (the connection is closed); the
   * future then completes with a {@link java.util.concurrent.CancellationException}. What else aborts a
   * call: its deadline ({@link LlmConfig#timeout()}), completing the returned future yourself
   * ({@code orTimeout}, {@code completeOnTimeout}, {@code complete}), and interrupting the thread blocked
   * in {@link #complete}. What does not: cancelling a future derived from the returned one
   * ({@code thenApply}, {@code handle}, ...), which the JDK never passes back to its source; cancel or
   * time out the returned future itself. Callbacks attached to the
   * future run on the thread that completed the exchange (with llmkit's shared client, an
   * {@code llmkit-http} thread) unless you pass an executor ({@code thenApplyAsync(fn, executor)}): keep
   * them short, or pass one.
   */
  CompletableFuture<ChatResponse> completeAsync(ChatRequest request);

  /**
   * Starts a streamed call. Nothing is sent until the stream is subscribed to, iterated or collected.
   * Closing the stream closes the connection.
   */
  ChatStream stream(ChatRequest request);

  /** The usage, cost and latency of every call made through this instance. */
  Metrics metrics();

  /** The resolved model: provider, name and features. */
  ModelInfo model();

  /**
   * The input tokens the request would use, counted by the provider's own endpoint where it has one;
   * empty when no count is available.
   */
  default OptionalLong countInputTokens(ChatRequest request) {
    return OptionalLong.empty();
  }

  @Override
  default void close() {}
}
