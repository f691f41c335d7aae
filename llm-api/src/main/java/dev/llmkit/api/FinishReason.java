package dev.llmkit.api;

/**
 * Why the model stopped, normalized across providers. The raw provider value is kept on
 * {@link ChatResponse#rawFinishReason()}. A response with tool calls whose raw reason means "stop"
 * is reported as {@link #TOOL_CALLS}.
 */
public enum FinishReason {
  STOP,
  LENGTH,
  TOOL_CALLS,
  CONTENT_FILTER,
  ERROR,
  OTHER
}
