package dev.llmkit.testkit.mock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.testkit.mock.WireView.Call;
import dev.llmkit.testkit.mock.WireView.Image;
import dev.llmkit.testkit.mock.WireView.Result;
import dev.llmkit.testkit.mock.WireView.Turn;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an Ollama {@code /api/chat} request back: OpenAI's message list, but raw base64 {@code images},
 * tool arguments as objects, tool results named by {@code tool_call_id} or {@code tool_name}, and
 * {@code stream} true unless the body says false.
 */
final class OllamaReader {
  private OllamaReader() {}

  static WireView read(RecordedRequest request) {
    JsonNode body = request.json();
    OpenAiReader.Messages messages = OpenAiReader.messages(body, OllamaReader::turn);
    return new WireView(body.path("model").asText(""), body.path("stream").asBoolean(true), messages.system(),
        messages.turns(), OpenAiReader.tools(body), Json.bearer(request), List.of());
  }

  private static Turn turn(String role, JsonNode m) {
    List<Image> images = new ArrayList<>();
    m.path("images").forEach(data -> images.add(new Image(null, data.asText())));
    List<Call> calls = new ArrayList<>();
    for (JsonNode c : m.path("tool_calls")) {
      JsonNode fn = c.path("function");
      JsonNode args = fn.path("arguments");
      String name = fn.path("name").asText();
      calls.add(new Call(c.path("id").asText(name), name, args.isTextual() ? args.textValue() : args.toString()));
    }
    String text = Json.contentText(m.path("content"));
    List<Result> results = role.equals("tool")
        ? List.of(new Result(m.path("tool_call_id").asText(m.path("tool_name").asText()), text)) : List.of();
    return new Turn(role, text, images, calls, results);
  }
}
