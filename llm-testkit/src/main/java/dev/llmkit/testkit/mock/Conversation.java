package dev.llmkit.testkit.mock;

import dev.llmkit.testkit.mock.WireView.Call;
import dev.llmkit.testkit.mock.WireView.Result;
import dev.llmkit.testkit.mock.WireView.Turn;
import java.util.List;
import java.util.Optional;

/** Reads the conversation the responders need out of a recorded request, through its dialect's {@link WireView}. */
final class Conversation {
  private Conversation() {}

  /** The result of a tool run that ends the conversation, with the name of the tool that ran. */
  record ToolResult(String toolName, String content) {}

  /** The text of the last user message that says something (not only tool results), or the empty string. */
  static String lastUserText(RecordedRequest request) {
    List<Turn> turns = request.view().turns();
    for (int i = turns.size() - 1; i >= 0; i--) {
      Turn t = turns.get(i);
      if (t.role().equals("user") && (!t.text().isEmpty() || t.results().isEmpty())) {
        return t.text();
      }
    }
    return "";
  }

  /**
   * The tool result the conversation ends with, if it does (a {@code tool} message, or results in the
   * last user turn); the tool name is looked up from the assistant turn that made the call.
   */
  static Optional<ToolResult> trailingToolResult(RecordedRequest request) {
    List<Turn> turns = request.view().turns();
    if (turns.isEmpty() || turns.get(turns.size() - 1).results().isEmpty()) {
      return Optional.empty();
    }
    Result result = turns.get(turns.size() - 1).results().get(0);
    String name = turns.stream().flatMap(t -> t.calls().stream())
        .filter(c -> c.id().equals(result.callId()))
        .map(Call::name)
        .findFirst()
        .orElse("tool");
    return Optional.of(new ToolResult(name, result.content()));
  }
}
