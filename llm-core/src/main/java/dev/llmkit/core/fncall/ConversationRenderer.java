package dev.llmkit.core.fncall;

import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.Message;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.SystemMessage;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolMessage;
import dev.llmkit.api.UserMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a conversation with tool calls as one a model without native tool calling can read, the way
 * the OpenHands converter does: the tool descriptions appended to the system prompt (a system message is
 * added when there is none), the optional worked example around the first user message, each earlier
 * call written into its assistant message as {@code <function=...>} text after the message's own text,
 * and each tool result turned into a user message {@code EXECUTION RESULT of [name]:} followed by the
 * result. Parallel calls are split first ({@link SingleCallTurns}). Prompt-cache breakpoints already
 * chosen follow their messages to their new places.
 */
final class ConversationRenderer {
  private final List<ToolSchema> tools;
  private final ModelInfo model;
  private final boolean inContextExample;

  /** The conversation as sent, where its breakpoints are, and the calls it holds (for the next call's id). */
  record Rendered(List<Message> messages, Set<Integer> cacheBreakpoints, int priorCalls, Set<String> callIds) {}

  ConversationRenderer(List<ToolSchema> tools, ModelInfo model, boolean inContextExample) {
    this.tools = List.copyOf(tools);
    this.model = model;
    this.inContextExample = inContextExample;
  }

  Rendered render(List<Message> messages, Set<Integer> cacheBreakpoints) {
    List<Integer> origins = new ArrayList<>();
    List<Message> split = SingleCallTurns.split(messages, origins);
    String suffix = ToolPrompt.systemPromptSuffix(tools);
    String example = inContextExample ? InContextExample.prefix(tools) : "";
    List<Message> out = new ArrayList<>(split.size() + 1);
    boolean systemDone = false;
    boolean firstUserDone = false;
    int priorCalls = 0;
    Set<String> callIds = new HashSet<>();
    for (Message m : split) {
      if (m instanceof SystemMessage s && !systemDone) {
        out.add(new SystemMessage(s.text() + suffix));
        systemDone = true;
      } else if (m instanceof UserMessage u && !firstUserDone) {
        out.add(example.isEmpty() ? u : withExample(u, example));
        firstUserDone = true;
      } else if (m instanceof AssistantMessage a && !a.toolCalls().isEmpty()) {
        ToolCall call = a.toolCalls().get(0); // one per message after the split
        String text = (a.textOrEmpty() + "\n\n" + CallSyntax.render(call, model)).stripLeading();
        out.add(new AssistantMessage(text, List.of(), a.reasoning()));
        priorCalls++;
        callIds.add(call.id());
      } else if (m instanceof ToolMessage t) {
        out.add(toolResult(t));
      } else {
        out.add(m);
      }
    }
    int shift = 0;
    if (!systemDone) {
      out.add(0, new SystemMessage(suffix));
      shift = 1;
    }
    Map<Integer, Integer> lastFrom = new HashMap<>();
    for (int i = 0; i < origins.size(); i++) {
      lastFrom.put(origins.get(i), i + shift);
    }
    Set<Integer> breakpoints = new TreeSet<>();
    for (int marked : cacheBreakpoints) {
      Integer moved = lastFrom.get(marked); // the last message made from a marked one carries its mark
      if (moved != null) {
        breakpoints.add(moved);
      }
    }
    return new Rendered(List.copyOf(out), breakpoints, priorCalls, callIds);
  }

  /**
   * A tool result as the user message that reports it. The one place a tool result is turned into
   * text, so that content parts (images) of a tool result, when it has them, are added here: the prefix
   * goes before the first text part and the other parts stay as they are.
   */
  /** A tool's result as the user message OpenHands writes: the prefix on its first text part, images kept in place. */
  static UserMessage toolResult(ToolMessage result) {
    String prefix = "EXECUTION RESULT of [" + result.toolName() + "]:\n";
    List<ContentPart> parts = new ArrayList<>(result.parts());
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i) instanceof ContentPart.Text t) {
        parts.set(i, ContentPart.text(prefix + t.text()));
        return new UserMessage(parts);
      }
    }
    parts.add(0, ContentPart.text(prefix));
    return new UserMessage(parts);
  }

  private static UserMessage withExample(UserMessage user, String example) {
    List<ContentPart> parts = new ArrayList<>(user.content());
    if (!parts.isEmpty() && parts.get(0) instanceof ContentPart.Text t) {
      parts.set(0, ContentPart.text(example + t.text() + InContextExample.suffix()));
    } else {
      parts.add(0, ContentPart.text(example));
      parts.add(ContentPart.text(InContextExample.suffix()));
    }
    return new UserMessage(parts);
  }
}
