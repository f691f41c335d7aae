package dev.llmkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.testkit.mock.MockLlmServer.WireFormat;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads what a provider sent out of a recorded request body, hiding the differences between the
 * wire formats, so the contract suite states each expectation once.
 */
final class WireView {
  private final WireFormat format;
  private final JsonNode body;

  WireView(WireFormat format, JsonNode body) {
    this.format = format;
    this.body = body;
  }

  /** The system prompt text: OpenAI's system/developer message, Anthropic's top-level {@code system}. */
  @Nullable String systemText() {
    if (format == WireFormat.ANTHROPIC) {
      JsonNode system = body.path("system");
      return system.isMissingNode() || system.isNull() ? null : text(system);
    }
    for (JsonNode m : body.path("messages")) {
      String role = m.path("role").asText();
      if (role.equals("system") || role.equals("developer")) {
        return text(m.path("content"));
      }
    }
    return null;
  }

  /** The conversation turns (system prompt excluded) as {@code role: text}. */
  List<String> turns() {
    List<String> out = new ArrayList<>();
    for (JsonNode m : body.path("messages")) {
      String role = m.path("role").asText();
      if (!role.equals("system") && !role.equals("developer")) {
        out.add(role + ": " + text(m.path("content")));
      }
    }
    return out;
  }

  /** The conversation messages (system prompt excluded). */
  List<JsonNode> messages() {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode m : body.path("messages")) {
      String role = m.path("role").asText();
      if (!role.equals("system") && !role.equals("developer")) {
        out.add(m);
      }
    }
    return out;
  }

  /** The images of a message as {@code mediaType;base64data} or the URL. */
  static List<String> images(WireFormat format, JsonNode message) {
    List<String> out = new ArrayList<>();
    for (JsonNode part : message.path("content")) {
      String type = part.path("type").asText();
      if (format == WireFormat.OPENAI && type.equals("image_url")) {
        out.add(part.path("image_url").path("url").asText());
      } else if (format == WireFormat.ANTHROPIC && type.equals("image")) {
        JsonNode source = part.path("source");
        out.add(source.path("type").asText().equals("base64")
            ? "data:" + source.path("media_type").asText() + ";base64," + source.path("data").asText()
            : source.path("url").asText());
      }
    }
    return out;
  }

  /** The tool calls an assistant message carries, as {@code id name arguments-json}. */
  static List<String[]> toolCalls(WireFormat format, JsonNode message) {
    List<String[]> out = new ArrayList<>();
    if (format == WireFormat.OPENAI) {
      for (JsonNode c : message.path("tool_calls")) {
        out.add(new String[] {c.path("id").asText(), c.path("function").path("name").asText(),
            c.path("function").path("arguments").asText()});
      }
    } else {
      for (JsonNode block : message.path("content")) {
        if (block.path("type").asText().equals("tool_use")) {
          out.add(new String[] {block.path("id").asText(), block.path("name").asText(), block.path("input").toString()});
        }
      }
    }
    return out;
  }

  /** The tool results in the messages, as {@code toolCallId content}. */
  List<String[]> toolResults() {
    List<String[]> out = new ArrayList<>();
    for (JsonNode m : body.path("messages")) {
      if (format == WireFormat.OPENAI && m.path("role").asText().equals("tool")) {
        out.add(new String[] {m.path("tool_call_id").asText(), text(m.path("content"))});
      } else if (format == WireFormat.ANTHROPIC) {
        for (JsonNode block : m.path("content")) {
          if (block.path("type").asText().equals("tool_result")) {
            out.add(new String[] {block.path("tool_use_id").asText(), text(block.path("content"))});
          }
        }
      }
    }
    return out;
  }

  /** The names of the tools declared. */
  List<String> toolNames() {
    List<String> out = new ArrayList<>();
    for (JsonNode t : body.path("tools")) {
      out.add(format == WireFormat.OPENAI ? t.path("function").path("name").asText() : t.path("name").asText());
    }
    return out;
  }

  /** A content value as text: a string, or the text parts joined with newlines. */
  static String text(JsonNode content) {
    if (content.isTextual()) {
      return content.textValue();
    }
    StringBuilder sb = new StringBuilder();
    for (JsonNode part : content) {
      if (part.path("type").asText().equals("text")) {
        if (sb.length() > 0) {
          sb.append('\n');
        }
        sb.append(part.path("text").asText());
      }
    }
    return sb.toString();
  }
}
