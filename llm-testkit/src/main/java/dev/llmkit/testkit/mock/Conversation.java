package dev.llmkit.testkit.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the conversation out of a recorded request body, the same way for both wire formats. */
final class Conversation {
  private Conversation() {}

  /** A tool the request offers: its name and JSON schema. */
  record Tool(String name, JsonNode schema) {}

  /** The result of a tool run that ends the conversation. */
  record ToolResult(String toolName, String content) {}

  /** The text of the last user message (text parts joined), or the empty string. */
  static String lastUserText(RecordedRequest request) {
    JsonNode messages = request.json().path("messages");
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode m = messages.get(i);
      if ("user".equals(m.path("role").asText())) {
        String text = text(m.path("content"));
        if (!text.isEmpty() || request.format() == MockLlmServer.WireFormat.OPENAI) {
          return text;
        }
      }
    }
    return "";
  }

  /** The tools on offer, in order. */
  static List<Tool> tools(RecordedRequest request) {
    List<Tool> out = new ArrayList<>();
    for (JsonNode t : request.json().path("tools")) {
      if (request.format() == MockLlmServer.WireFormat.OPENAI) {
        JsonNode fn = t.path("function");
        out.add(new Tool(fn.path("name").asText(), fn.path("parameters")));
      } else {
        out.add(new Tool(t.path("name").asText(), t.path("input_schema")));
      }
    }
    return out;
  }

  /**
   * The tool result the conversation ends with, if it does: OpenAI's trailing {@code tool} message,
   * Anthropic's {@code tool_result} block in the last user message. The tool name is looked up from
   * the assistant turn that called it.
   */
  static Optional<ToolResult> trailingToolResult(RecordedRequest request) {
    JsonNode messages = request.json().path("messages");
    if (messages.size() == 0) {
      return Optional.empty();
    }
    JsonNode last = messages.get(messages.size() - 1);
    if (request.format() == MockLlmServer.WireFormat.OPENAI) {
      if (!"tool".equals(last.path("role").asText())) {
        return Optional.empty();
      }
      String id = last.path("tool_call_id").asText();
      return Optional.of(new ToolResult(openAiToolName(messages, id), text(last.path("content"))));
    }
    if (!"user".equals(last.path("role").asText())) {
      return Optional.empty();
    }
    for (JsonNode block : last.path("content")) {
      if ("tool_result".equals(block.path("type").asText())) {
        String id = block.path("tool_use_id").asText();
        return Optional.of(new ToolResult(anthropicToolName(messages, id), text(block.path("content"))));
      }
    }
    return Optional.empty();
  }

  private static String openAiToolName(JsonNode messages, String id) {
    for (JsonNode m : messages) {
      for (JsonNode call : m.path("tool_calls")) {
        if (id.equals(call.path("id").asText())) {
          return call.path("function").path("name").asText("tool");
        }
      }
    }
    return "tool";
  }

  private static String anthropicToolName(JsonNode messages, String id) {
    for (JsonNode m : messages) {
      for (JsonNode block : m.path("content")) {
        if ("tool_use".equals(block.path("type").asText()) && id.equals(block.path("id").asText())) {
          return block.path("name").asText("tool");
        }
      }
    }
    return "tool";
  }

  /** A content value as text: a string, or the text parts / blocks of an array joined. */
  static String text(JsonNode content) {
    if (content.isTextual()) {
      return content.textValue();
    }
    StringBuilder sb = new StringBuilder();
    for (JsonNode part : content.isArray() ? content : MissingNode.getInstance()) {
      if ("text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
        if (sb.length() > 0) {
          sb.append('\n');
        }
        sb.append(part.path("text").textValue());
      }
    }
    return sb.toString();
  }
}
