package dev.llmkit.provider.anthropic;

import dev.llmkit.api.FinishReason;
import org.jspecify.annotations.Nullable;

/** Maps Anthropic's {@code stop_reason} onto {@link FinishReason}. */
final class StopReasons {
  private StopReasons() {}

  /**
   * The normalized reason; {@code hasToolCalls} turns a plain stop into TOOL_CALLS. A missing reason
   * reads as STOP (the message did end with {@code message_stop}).
   */
  static FinishReason map(@Nullable String raw, boolean hasToolCalls) {
    FinishReason reason = map(raw);
    return reason == FinishReason.STOP && hasToolCalls ? FinishReason.TOOL_CALLS : reason;
  }

  static FinishReason map(@Nullable String raw) {
    if (raw == null) {
      return FinishReason.STOP;
    }
    switch (raw) {
      case "end_turn":
      case "stop_sequence":
        return FinishReason.STOP;
      case "max_tokens":
      case "model_context_window_exceeded":
        return FinishReason.LENGTH;
      case "tool_use":
        return FinishReason.TOOL_CALLS;
      case "refusal":
        return FinishReason.CONTENT_FILTER;
      default:
        // pause_turn (resend to continue) and reasons newer than this plugin
        return FinishReason.OTHER;
    }
  }
}
