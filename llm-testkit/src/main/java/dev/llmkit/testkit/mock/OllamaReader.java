package dev.llmkit.testkit.mock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.testkit.mock.WireView.Call;
import dev.llmkit.testkit.mock.WireView.Image;
import dev.llmkit.testkit.mock.WireView.Result;
import dev.llmkit.testkit.mock.WireView.Turn;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads an Ollama {@code /api/chat} request back: OpenAI's message list, but raw base64 {@code images},
 * tool arguments as objects, tool results named by {@code tool_call_id} or {@code tool_name}, and
 * {@code stream} true unless the body says false. The problems are what Ollama refuses when it decodes
 * the body into its {@code api.ChatRequest} (400) or schedules the model (an {@code options} value of
 * the wrong type): no model, a {@code content} that is not a string, an image that is not plain padded
 * base64 (a {@code data:} URL or a URL fails Go's decoding), tool-call {@code arguments} that are not
 * an object, a {@code think} that is neither a boolean nor a level, and a {@code format} that is neither
 * {@code "json"} nor a schema object.
 */
final class OllamaReader {
  /** {@code think} levels Ollama accepts besides a boolean ({@code api.ThinkValue}). */
  private static final List<String> THINK_LEVELS = List.of("low", "medium", "high", "max");
  /** Go's {@code encoding/json} reads {@code []byte} as standard base64 with padding. */
  private static final Pattern STD_BASE64 = Pattern.compile("(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");
  /** The typed options this provider family sends, by the JSON type {@code api.Options.FromMap} requires. */
  private static final Map<String, String> OPTION_TYPES = Map.of(
      "temperature", "a number", "top_p", "a number", "top_k", "a number", "num_predict", "a number",
      "num_ctx", "a number", "seed", "a number", "stop", "an array of strings");

  private OllamaReader() {}

  static WireView read(RecordedRequest request) {
    JsonNode body = request.json();
    OpenAiReader.Messages messages = OpenAiReader.messages(body, OllamaReader::turn);
    return new WireView(body.path("model").asText(""), body.path("stream").asBoolean(true), messages.system(),
        messages.turns(), OpenAiReader.tools(body), Json.bearer(request), problems(body));
  }

  private static List<String> problems(JsonNode body) {
    List<String> out = new ArrayList<>();
    if (!body.isObject()) {
      out.add("the body is not a JSON object");
      return out;
    }
    if (body.path("model").asText("").isBlank()) {
      out.add("model is required");
    }
    JsonNode stream = body.get("stream");
    if (stream != null && !stream.isNull() && !stream.isBoolean()) {
      out.add("stream must be a boolean");
    }
    JsonNode messages = body.path("messages");
    if (!messages.isMissingNode() && !messages.isNull() && !messages.isArray()) {
      out.add("messages must be an array");
    }
    int i = 0;
    for (JsonNode m : elements(messages)) {
      message(m, "messages[" + i++ + "]", out);
    }
    JsonNode think = body.get("think");
    if (think != null && !think.isNull() && !think.isBoolean()
        && !(think.isTextual() && THINK_LEVELS.contains(think.textValue()))) {
      out.add("think must be true, false or one of " + THINK_LEVELS + ", was " + think);
    }
    JsonNode format = body.get("format");
    if (format != null && !format.isNull() && !format.isObject()
        && !(format.isTextual() && (format.textValue().equals("json") || format.textValue().isEmpty()))) {
      out.add("format must be \"json\" or a JSON schema object, was " + format);
    }
    options(body.get("options"), out);
    return out;
  }

  private static void message(JsonNode m, String where, List<String> out) {
    JsonNode content = m.get("content");
    if (content != null && !content.isNull() && !content.isTextual()) {
      out.add(where + ".content must be a string (Ollama has no content parts), was " + content.getNodeType());
    }
    int j = 0;
    for (JsonNode image : elements(m.path("images"))) {
      if (!image.isTextual() || !STD_BASE64.matcher(image.textValue()).matches()) {
        out.add(where + ".images[" + j + "] must be raw padded base64 (no data: prefix, no URL)");
      }
      j++;
    }
    j = 0;
    for (JsonNode call : elements(m.path("tool_calls"))) {
      JsonNode args = call.path("function").get("arguments");
      if (args != null && !args.isNull() && !args.isObject()) {
        out.add(where + ".tool_calls[" + j + "].function.arguments must be a JSON object, was " + args.getNodeType());
      }
      j++;
    }
  }

  private static void options(@Nullable JsonNode options, List<String> out) {
    if (options == null || options.isNull()) {
      return;
    }
    if (!options.isObject()) {
      out.add("options must be an object");
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String type = OPTION_TYPES.get(e.getKey());
      JsonNode v = e.getValue();
      boolean ok = type == null || v.isNull()
          || (type.equals("a number") ? v.isNumber() : v.isArray() && allText(v));
      if (!ok) {
        out.add("option \"" + e.getKey() + "\" must be " + type + ", was " + v);
      }
    }
  }

  /** The elements of an array, or none for anything else. */
  private static Iterable<JsonNode> elements(JsonNode node) {
    return node.isArray() ? node : List.of();
  }

  private static boolean allText(JsonNode array) {
    for (JsonNode item : array) {
      if (!item.isTextual()) {
        return false;
      }
    }
    return true;
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
    return new Turn(role, text, images, calls, results, Json.fieldBlocks(m, text, calls.size()));
  }
}
