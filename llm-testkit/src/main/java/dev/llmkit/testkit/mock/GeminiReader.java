package dev.llmkit.testkit.mock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.testkit.mock.WireView.Call;
import dev.llmkit.testkit.mock.WireView.Image;
import dev.llmkit.testkit.mock.WireView.Result;
import dev.llmkit.testkit.mock.WireView.Tool;
import dev.llmkit.testkit.mock.WireView.Turn;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Gemini request back: the model and the method from the path, {@code systemInstruction},
 * {@code contents} of parts, {@code functionDeclarations}. A {@code countTokens} body that wraps a whole
 * request in {@code generateContentRequest} is read through the wrapper.
 */
final class GeminiReader {
  static final Pattern PATH = Pattern.compile(".*/models/([^/]+):(generateContent|streamGenerateContent|countTokens)");

  private GeminiReader() {}

  static WireView read(RecordedRequest request) {
    Matcher path = PATH.matcher(request.path());
    boolean matched = path.matches();
    JsonNode body = request.json().has("generateContentRequest")
        ? request.json().path("generateContentRequest") : request.json();
    JsonNode system = body.path("systemInstruction");
    List<Turn> turns = new ArrayList<>();
    for (JsonNode content : body.path("contents")) {
      turns.add(turn(content));
    }
    List<Tool> tools = new ArrayList<>();
    for (JsonNode t : body.path("tools")) {
      for (JsonNode fn : t.path("functionDeclarations")) {
        tools.add(new Tool(fn.path("name").asText(),
            fn.has("parameters") ? fn.path("parameters") : fn.path("parametersJsonSchema")));
      }
    }
    return new WireView(matched ? path.group(1) : "", matched && path.group(2).equals("streamGenerateContent"),
        system.isMissingNode() ? null : text(system.path("parts")), turns, tools, apiKey(request),
        turns.isEmpty() ? List.of("contents is missing or empty") : List.of());
  }

  private static Turn turn(JsonNode content) {
    List<Image> images = new ArrayList<>();
    List<Call> calls = new ArrayList<>();
    List<Result> results = new ArrayList<>();
    List<String> blocks = new ArrayList<>();
    for (JsonNode part : content.path("parts")) {
      blocks.add(part.path("thought").asBoolean(false) ? "reasoning"
          : part.has("functionCall") ? "call" : part.has("text") ? "text" : "other");
      if (part.has("inlineData")) {
        images.add(new Image(part.at("/inlineData/mimeType").asText(), part.at("/inlineData/data").asText()));
      } else if (part.has("fileData")) {
        images.add(new Image(Json.textOrNull(part.at("/fileData/mimeType")), part.at("/fileData/fileUri").asText()));
      } else if (part.has("functionCall")) {
        JsonNode call = part.path("functionCall");
        String name = call.path("name").asText();
        calls.add(new Call(call.path("id").asText(name), name, call.path("args").toString()));
      } else if (part.has("functionResponse")) {
        JsonNode response = part.path("functionResponse");
        results.add(new Result(response.path("id").asText(response.path("name").asText()),
            unwrapped(response.path("response"))));
      }
    }
    String role = content.path("role").asText("user");
    return new Turn(role.equals("model") ? "assistant" : role, text(content.path("parts")), images, calls, results,
        blocks);
  }

  /** The text parts, thoughts left out, joined with newlines. */
  private static String text(JsonNode parts) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode part : parts) {
      if (part.path("text").isTextual() && !part.path("thought").asBoolean(false)) {
        if (sb.length() > 0) {
          sb.append('\n');
        }
        sb.append(part.path("text").textValue());
      }
    }
    return sb.toString();
  }

  /** A response object wrapping a single string (Gemini takes objects only, so text is wrapped) as that string. */
  private static String unwrapped(JsonNode response) {
    if (response.isObject() && response.size() == 1) {
      Map.Entry<String, JsonNode> only = response.properties().iterator().next();
      if (only.getValue().isTextual()) {
        return only.getValue().textValue();
      }
    }
    return response.toString();
  }

  /** {@code x-goog-api-key}, else the {@code key} query parameter. */
  private static @Nullable String apiKey(RecordedRequest request) {
    return request.header("x-goog-api-key").orElseGet(() -> {
      for (String pair : request.query().split("&")) {
        if (pair.startsWith("key=")) {
          return URLDecoder.decode(pair.substring(4), StandardCharsets.UTF_8);
        }
      }
      return null;
    });
  }
}
