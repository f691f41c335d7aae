package dev.llmkit.benchmarks.clients;

import java.util.function.Consumer;

/**
 * One client under test, configured once and shared by every benchmark thread. Each sends the same
 * request (a system and a user message, temperature 0) to the loopback stub and returns the answer
 * text and usage it read.
 */
public interface BenchClient extends AutoCloseable {

  /** The name used in benchmark parameters and the report. */
  String name();

  /** One non-streaming completion. */
  Answer complete() throws Exception;

  /**
   * One stream, read event by event as a caller rendering tokens would: {@code onText} sees each text
   * delta as it arrives, on the thread that reads the stream.
   */
  Answer stream(Consumer<String> onText) throws Exception;

  /**
   * One stream without a thread of the caller's waiting on it (for the concurrent-streams driver);
   * the future completes with the answer when the stream has ended.
   */
  java.util.concurrent.CompletableFuture<Answer> streamAsync() throws Exception;

  @Override
  default void close() throws Exception {}
}
