package dev.llmkit.api;

import java.util.List;

/**
 * One turn of a conversation: {@link SystemMessage}, {@link UserMessage}, {@link AssistantMessage}
 * or {@link ToolMessage}.
 */
public sealed interface Message permits SystemMessage, UserMessage, AssistantMessage, ToolMessage {

  /** The role name as most wire formats spell it. */
  String role();

  static SystemMessage system(String text) {
    return new SystemMessage(text);
  }

  static UserMessage user(String text) {
    return new UserMessage(List.of(new ContentPart.Text(text)));
  }

  static UserMessage user(ContentPart... parts) {
    return new UserMessage(List.of(parts));
  }

  static AssistantMessage assistant(String text) {
    return AssistantMessage.of(text);
  }

  static ToolMessage toolResult(ToolCall call, String content) {
    return new ToolMessage(call.id(), call.name(), content, false);
  }
}
