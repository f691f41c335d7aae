package dev.llmkit.testkit.mock;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The one ObjectMapper of the mock server, and the small readings every dialect's reader shares. */
final class Json {
  static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private Json() {}

  /** The parsed body, or a missing node when it is empty or not JSON (a test may send anything). */
  static JsonNode parseLenient(byte[] body) {
    if (body.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      return node == null ? MissingNode.getInstance() : node;
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialize a JSON tree", e);
    }
  }

  static String text(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialize a JSON tree", e);
    }
  }

  /** A content value as text: a string, or the {@code type: text} parts of an array joined with newlines. */
  /**
   * The {@link WireView.Turn#blocks()} of a message with fields instead of ordered blocks (OpenAI, Ollama):
   * reasoning (any of {@code reasoning_content}, {@code reasoning}, {@code reasoning_details},
   * {@code thinking}), then text, then one {@code call} per tool call.
   */
  static List<String> fieldBlocks(JsonNode message, String text, int calls) {
    List<String> blocks = new ArrayList<>();
    for (String field : new String[] {"reasoning_content", "reasoning", "reasoning_details", "thinking"}) {
      JsonNode value = message.path(field);
      if (!value.isMissingNode() && !value.isNull() && !(value.isTextual() && value.asText().isEmpty())) {
        blocks.add("reasoning");
        break;
      }
    }
    if (!text.isEmpty()) {
      blocks.add("text");
    }
    for (int i = 0; i < calls; i++) {
      blocks.add("call");
    }
    return blocks;
  }

  static String contentText(JsonNode content) {
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

  /** A text field, or {@code null} when it is missing or not text. */
  static @Nullable String textOrNull(JsonNode node) {
    return node.isTextual() ? node.textValue() : null;
  }

  /** The token of an {@code authorization: Bearer …} header. */
  static @Nullable String bearer(RecordedRequest request) {
    Optional<String> header = request.header("authorization");
    return header.filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7)).map(h -> h.substring(7)).orElse(null);
  }
}
