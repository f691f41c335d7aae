package dev.llmkit.testkit.mock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.testkit.mock.WireView.Call;
import dev.llmkit.testkit.mock.WireView.Image;
import dev.llmkit.testkit.mock.WireView.Result;
import dev.llmkit.testkit.mock.WireView.Tool;
import dev.llmkit.testkit.mock.WireView.Turn;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/** Reads an OpenAI Chat Completions request back; its message-list shape is shared with Ollama's reader. */
final class OpenAiReader {
  private OpenAiReader() {}

  /** The system prompt (the first system or developer message) and the other turns of a request. */
  record Messages(@Nullable String system, List<Turn> turns) {}

  static WireView read(RecordedRequest request) {
    JsonNode body = request.json();
    Messages messages = messages(body, OpenAiReader::turn);
    String key = Json.bearer(request);
    return new WireView(body.path("model").asText(""), body.path("stream").asBoolean(false), messages.system(),
        messages.turns(), tools(body), key != null ? key : request.header("api-key").orElse(null), List.of());
  }

  static Messages messages(JsonNode body, BiFunction<String, JsonNode, Turn> turnReader) {
    String system = null;
    List<Turn> turns = new ArrayList<>();
    for (JsonNode m : body.path("messages")) {
      String role = m.path("role").asText();
      if (role.equals("system") || role.equals("developer")) {
        system = system != null ? system : Json.contentText(m.path("content"));
      } else {
        turns.add(turnReader.apply(role, m));
      }
    }
    return new Messages(system, turns);
  }

  /** {@code tools[].function}: name and parameters. */
  static List<Tool> tools(JsonNode body) {
    List<Tool> out = new ArrayList<>();
    for (JsonNode t : body.path("tools")) {
      out.add(new Tool(t.path("function").path("name").asText(), t.path("function").path("parameters")));
    }
    return out;
  }

  private static Turn turn(String role, JsonNode m) {
    List<Image> images = new ArrayList<>();
    for (JsonNode part : m.path("content")) {
      if (part.path("type").asText().equals("image_url")) {
        images.add(image(part.path("image_url").path("url").asText()));
      }
    }
    List<Call> calls = new ArrayList<>();
    for (JsonNode c : m.path("tool_calls")) {
      JsonNode fn = c.path("function");
      calls.add(new Call(c.path("id").asText(), fn.path("name").asText(), fn.path("arguments").asText()));
    }
    String text = Json.contentText(m.path("content"));
    List<Result> results = role.equals("tool") ? List.of(new Result(m.path("tool_call_id").asText(), text)) : List.of();
    return new Turn(role, text, images, calls, results, Json.fieldBlocks(m, text, calls.size()));
  }

  /** A {@code data:<type>;base64,<data>} URL split into type and data; any other URL as it is. */
  private static Image image(String url) {
    int semicolon = url.indexOf(';');
    int comma = url.indexOf(',');
    if (url.startsWith("data:") && semicolon > 0 && comma > semicolon) {
      return new Image(url.substring(5, semicolon), url.substring(comma + 1));
    }
    return new Image(null, url);
  }
}
