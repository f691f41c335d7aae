package dev.llmkit.testkit.mock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.testkit.mock.WireView.Call;
import dev.llmkit.testkit.mock.WireView.Image;
import dev.llmkit.testkit.mock.WireView.Result;
import dev.llmkit.testkit.mock.WireView.Tool;
import dev.llmkit.testkit.mock.WireView.Turn;
import java.util.ArrayList;
import java.util.List;

/** Reads an Anthropic Messages request back: top-level {@code system}, content blocks, {@code tool_result} blocks. */
final class AnthropicReader {
  private AnthropicReader() {}

  static WireView read(RecordedRequest request) {
    JsonNode body = request.json();
    JsonNode system = body.path("system");
    List<Turn> turns = new ArrayList<>();
    for (JsonNode m : body.path("messages")) {
      turns.add(turn(m));
    }
    List<Tool> tools = new ArrayList<>();
    for (JsonNode t : body.path("tools")) {
      tools.add(new Tool(t.path("name").asText(), t.path("input_schema")));
    }
    return new WireView(body.path("model").asText(""), body.path("stream").asBoolean(false),
        system.isMissingNode() || system.isNull() ? null : Json.contentText(system), turns, tools,
        request.header("x-api-key").orElse(null), problems(request));
  }

  /** What the real API refuses: no version header; on a message request, no positive {@code max_tokens}. */
  private static List<String> problems(RecordedRequest request) {
    List<String> out = new ArrayList<>();
    if (request.header("anthropic-version").isEmpty()) {
      out.add("the anthropic-version header is missing");
    }
    if (!request.path().endsWith("/count_tokens") && request.json().path("max_tokens").asLong(0) <= 0) {
      out.add("max_tokens is missing or not positive");
    }
    return out;
  }

  private static Turn turn(JsonNode m) {
    List<Image> images = new ArrayList<>();
    List<Call> calls = new ArrayList<>();
    List<Result> results = new ArrayList<>();
    List<String> blocks = new ArrayList<>();
    if (m.path("content").isTextual()) {
      blocks.add("text");
    }
    for (JsonNode block : m.path("content")) {
      blocks.add(switch (block.path("type").asText()) {
        case "thinking", "redacted_thinking" -> "reasoning";
        case "text" -> "text";
        case "tool_use" -> "call";
        default -> "other";
      });
      switch (block.path("type").asText()) {
        case "image" -> {
          JsonNode source = block.path("source");
          images.add(source.path("type").asText().equals("base64")
              ? new Image(source.path("media_type").asText(), source.path("data").asText())
              : new Image(null, source.path("url").asText()));
        }
        case "tool_use" -> calls.add(new Call(block.path("id").asText(), block.path("name").asText(),
            block.path("input").toString()));
        case "tool_result" -> results.add(new Result(block.path("tool_use_id").asText(),
            Json.contentText(block.path("content"))));
        default -> { }
      }
    }
    return new Turn(m.path("role").asText(), Json.contentText(m.path("content")), images, calls, results, blocks);
  }
}
