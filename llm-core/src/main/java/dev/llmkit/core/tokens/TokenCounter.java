package dev.llmkit.core.tokens;

import dev.llmkit.api.ChatRequest;

/**
 * Counts the input tokens a request will take, without sending it. Implementations say how exact they
 * are; all of them are thread-safe.
 */
public interface TokenCounter {

  /**
   * The input tokens of {@code request}: its messages with their framing, tool definitions and response
   * schema, as the counter's model would count them (exactly or as the implementation's documented
   * estimate). Output tokens are not included.
   */
  long count(ChatRequest request);

  /** What counts, for messages and logs: {@code tiktoken:o200k_base}, {@code estimate}. */
  String name();
}
