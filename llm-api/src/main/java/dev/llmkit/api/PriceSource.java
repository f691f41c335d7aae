package dev.llmkit.api;

/**
 * Where the cost of a call came from, so that every figure can be audited. Read it from
 * {@code response.metadata().attributes().get(CallAttributes.PRICE_SOURCE)}.
 */
public enum PriceSource {
  /** Per-token prices set in {@link LlmConfig} (the user's own figures win over everything). */
  CONFIG,
  /** The provider or a proxy reported what the call cost (OpenRouter {@code usage.cost}, a LiteLLM proxy header). */
  PROVIDER,
  /** A local model (Ollama, vLLM, LM Studio, a localhost server): zero by rule. */
  LOCAL,
  /** Prices registered at run time or from a user catalog file. */
  REGISTERED,
  /** llmkit's bundled price catalog. */
  CATALOG,
  /** No price is known for the model: {@link ChatResponse#cost()} is {@code null}, never a made-up zero. */
  UNKNOWN
}
