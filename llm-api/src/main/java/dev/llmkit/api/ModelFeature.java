package dev.llmkit.api;

/**
 * One thing a model can do that changes how llmkit formats a request for it. The same names are used by
 * the API, the providers' model descriptions and the price and capability catalog.
 */
public enum ModelFeature {
  /** Takes tool definitions and answers with structured tool calls; without it llmkit emulates function calling. */
  NATIVE_TOOL_CALLING,
  /** Takes a reasoning-effort (or thinking-budget) control. */
  REASONING_EFFORT,
  /** Takes explicit prompt-cache marks (Anthropic {@code cache_control}, Gemini-on-Anthropic gateways). */
  PROMPT_CACHE,
  /** Takes stop sequences. */
  STOP_WORDS,
  /** Takes image input. */
  VISION,
  /** Takes a JSON schema for its reply natively. */
  STRUCTURED_OUTPUT
}
