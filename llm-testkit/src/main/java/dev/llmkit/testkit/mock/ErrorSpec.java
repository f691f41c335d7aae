package dev.llmkit.testkit.mock;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP error as each wire format spells it: the two providers use different statuses, type names
 * and messages for the same condition (e.g. a full context window), so both are kept.
 */
record ErrorSpec(
    int openAiStatus,
    String openAiType,
    @Nullable String openAiCode,
    String openAiMessage,
    int anthropicStatus,
    String anthropicType,
    String anthropicMessage,
    Map<String, String> openAiHeaders,
    Map<String, String> anthropicHeaders) {

  ErrorSpec {
    openAiHeaders = Map.copyOf(openAiHeaders);
    anthropicHeaders = Map.copyOf(anthropicHeaders);
  }

  ErrorSpec(int openAiStatus, String openAiType, @Nullable String openAiCode, String openAiMessage,
      int anthropicStatus, String anthropicType, String anthropicMessage) {
    this(openAiStatus, openAiType, openAiCode, openAiMessage, anthropicStatus, anthropicType, anthropicMessage,
        Map.of(), Map.of());
  }

  /** A copy with extra response headers per format (e.g. rate-limit headers). */
  ErrorSpec withHeaders(Map<String, String> openAi, Map<String, String> anthropic) {
    return new ErrorSpec(openAiStatus, openAiType, openAiCode, openAiMessage, anthropicStatus, anthropicType,
        anthropicMessage, openAi, anthropic);
  }

  /** The same status, type and message in both formats; OpenAI's {@code code} repeats the type. */
  static ErrorSpec uniform(int status, String type, String message) {
    return new ErrorSpec(status, type, type, message, status, type, message);
  }

  /** The HTTP error a non-streamed request gets for an in-band error type. */
  static ErrorSpec forInBandType(String type, String message) {
    int status;
    if (type.contains("overloaded")) {
      status = 529;
    } else if (type.contains("rate_limit")) {
      status = 429;
    } else {
      status = 500;
    }
    return new ErrorSpec(status == 529 ? 503 : status, type, type, message, status, type, message);
  }
}
