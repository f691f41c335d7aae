package dev.llmkit.provider.openai;

import dev.llmkit.api.FinishReason;
import org.jspecify.annotations.Nullable;

/** Maps {@code finish_reason} values of OpenAI and the compatible servers onto {@link FinishReason}. */
final class FinishReasons {
  private FinishReasons() {}

  static FinishReason map(@Nullable String raw) {
    if (raw == null) {
      return FinishReason.OTHER;
    }
    switch (raw) {
      case "stop":
      case "eos":
      case "end_turn":
      case "stop_sequence":
        return FinishReason.STOP;
      case "length":
      case "model_length": // Mistral: the context window filled up
      case "max_tokens":
        return FinishReason.LENGTH;
      case "tool_calls":
      case "function_call": // the legacy functions API
      case "tool_use":
        return FinishReason.TOOL_CALLS;
      case "content_filter":
        return FinishReason.CONTENT_FILTER;
      case "error":
        return FinishReason.ERROR;
      default:
        return FinishReason.OTHER;
    }
  }

  /** A "stop" that came with tool calls is a tool-call turn (forced tool choice, vLLM, Ollama). */
  static FinishReason withToolCalls(FinishReason reason, boolean hasToolCalls) {
    return reason == FinishReason.STOP && hasToolCalls ? FinishReason.TOOL_CALLS : reason;
  }
}
