package dev.llmkit.provider.ollama;

import dev.llmkit.api.FinishReason;
import org.jspecify.annotations.Nullable;

/**
 * Maps Ollama's {@code done_reason} onto {@link FinishReason}. A tool call still says "stop"; the
 * response assembler turns a stop with tool calls into TOOL_CALLS.
 */
final class DoneReasons {
  private DoneReasons() {}

  /** A missing reason (older servers send none) reads as STOP: the answer did end with {@code done: true}. */
  static FinishReason map(@Nullable String raw) {
    if (raw == null || raw.equals("stop")) {
      return FinishReason.STOP;
    }
    // "load" and "unload" answer requests that only (un)load a model; newer reasons are unknown here.
    return raw.equals("length") ? FinishReason.LENGTH : FinishReason.OTHER;
  }
}
