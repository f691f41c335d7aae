package dev.llmkit.api;

/**
 * Where the engine places prompt-cache marks for models with explicit caching (Anthropic's
 * {@code cache_control}). Each policy includes the ones before it; providers with automatic caching
 * (OpenAI) need no marks and report cached tokens whatever the policy.
 */
public enum PromptCachePolicy {
  /** No marks. */
  NONE,
  /** The system prompt's last block: a stable instruction prefix. */
  SYSTEM,
  /** The system prompt and the tool definitions. */
  SYSTEM_AND_TOOLS,
  /**
   * The system prompt, the tools and the last user or tool turns, so that each step of an agent loop
   * reads the previous step's prefix from cache (the OpenHands placement; the default).
   */
  CONVERSATION
}
