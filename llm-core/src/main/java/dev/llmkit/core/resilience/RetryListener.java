package dev.llmkit.core.resilience;

import dev.llmkit.api.LlmException;

/**
 * Hears each retry the engine is about to make, before its wait starts: for logging, tracing or a
 * progress line ("rate limited, retrying 2/5"). Called on the thread that saw the failure; keep it
 * short and do not block. An exception it throws is ignored.
 *
 * <pre>{@code
 * Llm llm = Llms.builder().config(config)
 *     .retryListener((retry, max, cause) -> log.warn("retry {}/{} after {}", retry, max, cause.kind()))
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface RetryListener {

  /**
   * @param retry the number of the retry about to be made: 1 for the first
   * @param maxRetries {@code LlmConfig.numRetries}
   * @param cause the failure of the attempt before it
   */
  void onRetry(int retry, int maxRetries, LlmException cause);
}
