package dev.llmkit.core.fncall;

import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.Message;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits an assistant message that made several tool calls into one single-call turn per call, each
 * followed by its result, as OpenHands does before emulating function calling (its format allows one
 * call per message): the first turn keeps the text and reasoning, the others have empty text, and the
 * turns come in the order of the results. Every call of such a message needs its result before the next
 * non-tool message, else the request is refused.
 */
final class SingleCallTurns {
  private SingleCallTurns() {}

  /**
   * The conversation with parallel calls split.
   *
   * @param messages the conversation
   * @param origins filled with, for each returned message, the index in {@code messages} it came from
   */
  static List<Message> split(List<Message> messages, List<Integer> origins) {
    List<Message> out = new ArrayList<>(messages.size());
    Map<String, AssistantMessage> pending = new LinkedHashMap<>();
    int pendingOrigin = -1;
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      if (m instanceof AssistantMessage a && a.toolCalls().size() > 1) {
        requireNoneLeft(pending, pendingOrigin);
        for (int c = 0; c < a.toolCalls().size(); c++) {
          ToolCall call = a.toolCalls().get(c);
          pending.put(call.id(), new AssistantMessage(c == 0 ? a.text() : "", List.of(call),
              c == 0 ? a.reasoning() : List.of()));
        }
        pendingOrigin = i;
        continue;
      }
      if (m instanceof ToolMessage t && pending.containsKey(t.toolCallId())) {
        out.add(pending.remove(t.toolCallId()));
        origins.add(pendingOrigin);
      } else {
        requireNoneLeft(pending, pendingOrigin);
      }
      out.add(m);
      origins.add(i);
    }
    requireNoneLeft(pending, pendingOrigin);
    return out;
  }

  private static void requireNoneLeft(Map<String, AssistantMessage> pending, int origin) {
    if (!pending.isEmpty()) {
      throw new InvalidRequestException(List.of("messages[" + origin + "] made several tool calls, and the results of "
          + pending.keySet() + " do not follow it; with function-calling emulation (a model without native tool"
          + " calling) each call of a message needs its ToolMessage right after the message, before any other message"));
    }
  }
}
