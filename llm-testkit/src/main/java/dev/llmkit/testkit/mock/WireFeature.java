package dev.llmkit.testkit.mock;

/**
 * What a wire format carries, as far as the contract suite checks it: a provider can only report what
 * its wire sends, so the suite asserts a fact only for dialects whose {@link WireDialect#features()}
 * include it (a reasoning-text test is skipped for OpenAI Chat Completions, which returns none).
 */
public enum WireFeature {
  /** Responses carry an id, and the scripted one comes back ({@code chatcmpl-…}, {@code msg_01…}). */
  RESPONSE_ID,
  /** Responses carry a request-id header. */
  REQUEST_ID,
  /** A rate-limit error says how long to wait ({@code retry-after}, Gemini's {@code RetryInfo}). */
  RETRY_AFTER,
  /** Error bodies carry a machine-readable type or code next to the message. */
  ERROR_CODE,
  /** Replies carry reasoning text (Anthropic thinking blocks, Gemini thought parts, Ollama {@code thinking}). */
  REASONING_TEXT,
  /** Reasoning comes with an opaque signature that must be sent back. */
  REASONING_SIGNATURE,
  /** Usage always reports cache reads. Without it the count may be absent (missing or only recently added). */
  CACHE_READ_USAGE,
  /** Usage always reports cache writes. */
  CACHE_WRITE_USAGE,
  /** Usage always reports reasoning tokens. */
  REASONING_USAGE
}
