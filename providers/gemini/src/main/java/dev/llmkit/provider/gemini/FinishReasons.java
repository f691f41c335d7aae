package dev.llmkit.provider.gemini;

import dev.llmkit.api.FinishReason;
import org.jspecify.annotations.Nullable;

/**
 * Maps Gemini's {@code candidates[].finishReason} onto {@link FinishReason}. A plain {@code STOP} that
 * comes with function calls is turned into TOOL_CALLS by the response assembly, not here.
 */
final class FinishReasons {
  private FinishReasons() {}

  /** The normalized reason; a missing one reads as STOP (the candidate did end). */
  static FinishReason map(@Nullable String raw) {
    if (raw == null) {
      return FinishReason.STOP;
    }
    switch (raw) {
      case "STOP":
        return FinishReason.STOP;
      case "MAX_TOKENS":
        return FinishReason.LENGTH;
      case "SAFETY":
      case "RECITATION":
      case "BLOCKLIST":
      case "PROHIBITED_CONTENT":
      case "SPII":
      case "IMAGE_SAFETY":
      case "IMAGE_PROHIBITED_CONTENT":
      case "IMAGE_RECITATION":
        return FinishReason.CONTENT_FILTER;
      case "MALFORMED_FUNCTION_CALL":
      case "UNEXPECTED_TOOL_CALL":
      case "TOO_MANY_TOOL_CALLS":
      case "MISSING_THOUGHT_SIGNATURE":
        return FinishReason.ERROR;
      default:
        // LANGUAGE, OTHER, FINISH_REASON_UNSPECIFIED, NO_IMAGE, IMAGE_OTHER and reasons newer than this plugin
        return FinishReason.OTHER;
    }
  }
}
