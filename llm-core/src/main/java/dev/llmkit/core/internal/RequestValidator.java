package dev.llmkit.core.internal;

import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.Message;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolChoice;
import dev.llmkit.api.ToolMessage;
import dev.llmkit.api.ToolSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Stage 1: rejects a request that cannot work before anything is sent, naming every bad field at once
 * (so a caller fixes them in one round, not one per call): sampling settings out of range (NaN and
 * infinities included, which would go on the wire as the strings {@code "NaN"} and {@code "Infinity"}),
 * tool parameter schemas that no provider takes ({@link ToolSchemas}), tool choices and tool results
 * that do not match the tools and calls.
 */
public final class RequestValidator {

  public void validate(ChatRequest request) {
    List<String> problems = new ArrayList<>();
    List<Message> messages = request.messages();
    if (messages.isEmpty()) {
      problems.add("messages is empty; add at least one user message, e.g. Message.user(\"Hello\")");
    }
    if (request.temperature() != null && (request.temperature() < 0 || request.temperature() > 2 || request.temperature().isNaN())) {
      problems.add("temperature must be between 0 and 2, was " + request.temperature());
    }
    if (request.topP() != null && (request.topP().isNaN() || request.topP() <= 0 || request.topP() > 1)) {
      problems.add("topP must be in (0, 1], was " + request.topP());
    }
    if (request.topK() != null && request.topK() < 1) {
      problems.add("topK must be at least 1, was " + request.topK());
    }
    if (request.maxOutputTokens() != null && request.maxOutputTokens() < 1) {
      problems.add("maxOutputTokens must be at least 1, was " + request.maxOutputTokens());
    }
    if (request.stop().contains("")) {
      problems.add("stop contains an empty string; remove it");
    }
    Set<String> toolNames = new HashSet<>();
    for (int i = 0; i < request.tools().size(); i++) {
      ToolSpec tool = request.tools().get(i);
      if (!toolNames.add(tool.name())) {
        problems.add("tools has two tools named '" + tool.name() + "'; tool names must be unique");
      }
      ToolSchemas.check("tools[" + i + "] '" + tool.name() + "'", tool.parameters(), problems);
    }
    ToolChoice choice = request.toolChoice();
    if (choice != null && choice.mode() != ToolChoice.Mode.NONE && choice.mode() != ToolChoice.Mode.AUTO
        && request.tools().isEmpty()) {
      problems.add("toolChoice is " + choice.mode() + " but no tools are given; add tools or drop toolChoice");
    }
    if (choice != null && choice.mode() == ToolChoice.Mode.TOOL && !toolNames.contains(choice.toolName())) {
      problems.add("toolChoice names tool '" + choice.toolName() + "' which is not among tools " + toolNames);
    }
    checkToolResults(messages, problems);
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
  }

  /** Every tool result must answer a call made earlier in the conversation; providers reject orphans. */
  private static void checkToolResults(List<Message> messages, List<String> problems) {
    Set<String> callIds = new HashSet<>();
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      if (m instanceof AssistantMessage a) {
        for (ToolCall call : a.toolCalls()) {
          callIds.add(call.id());
        }
      } else if (m instanceof ToolMessage t && !callIds.contains(t.toolCallId())) {
        problems.add("messages[" + i + "] is a tool result for call id '" + t.toolCallId()
            + "' but no earlier assistant message made that call");
      }
    }
  }
}
