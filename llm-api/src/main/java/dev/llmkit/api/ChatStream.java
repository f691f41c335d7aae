package dev.llmkit.api;

import java.util.concurrent.Flow;

/**
 * A streamed response: a {@link Flow.Publisher} of {@link ChatEvent}s with back-pressure that can
 * also be iterated (blocking) or collected into the final {@link ChatResponse}. The last event of a
 * successful stream is {@link ChatEvent.Completed}. A stream can be consumed once.
 *
 * <p>{@link #close()} cancels the exchange and closes the connection; it is safe to call at any time
 * and more than once.
 */
public interface ChatStream extends Flow.Publisher<ChatEvent>, Iterable<ChatEvent>, AutoCloseable {

  /** Consumes the stream to its end and returns the assembled response. */
  ChatResponse collect();

  /** Cancels the stream if it is still running. */
  @Override
  void close();
}
