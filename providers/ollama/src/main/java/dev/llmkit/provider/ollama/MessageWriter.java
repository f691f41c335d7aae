package dev.llmkit.provider.ollama;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.Message;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.SystemMessage;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolMessage;
import dev.llmkit.api.UserMessage;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes the {@code messages} array: one wire message per message, in order, roles as they are
 * (Ollama needs no merging). User text parts are joined with newlines and images go to {@code images}
 * as raw base64; Ollama fetches nothing, so an image by URL (and any document) is refused before
 * sending, naming the message. Assistant tool calls carry their arguments as a JSON object; tool
 * results name the tool ({@code tool_name}) and the call ({@code tool_call_id}, read by newer servers),
 * and carry their images in {@code images} like user messages.
 * Problems of all messages are reported together.
 */
final class MessageWriter {
  private static final String DATA_URL_BASE64 = ";base64,";

  private static final System.Logger LOG = System.getLogger(MessageWriter.class.getName());

  private final ObjectMapper mapper;

  MessageWriter(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  ArrayNode write(List<Message> messages) {
    ArrayNode wire = mapper.createArrayNode();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      Message message = messages.get(i);
      ObjectNode m = wire.addObject();
      m.put("role", message.role());
      if (message instanceof SystemMessage s) {
        m.put("content", s.text());
      } else if (message instanceof UserMessage u) {
        user(m, u, i, problems);
      } else if (message instanceof AssistantMessage a) {
        assistant(m, a, i, problems);
      } else {
        ToolMessage t = (ToolMessage) message;
        m.put("tool_name", t.toolName());
        m.put("tool_call_id", t.toolCallId());
        m.put("content", t.content());
        images(m, t.parts(), i, problems); // an Ollama message carries images whatever its role
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return wire;
  }

  private static void user(ObjectNode m, UserMessage u, int index, List<String> problems) {
    m.put("content", u.text());
    images(m, u.content(), index, problems);
  }

  /** The image parts as raw base64 in {@code images}; URLs and documents are problems. */
  private static void images(ObjectNode m, List<ContentPart> parts, int index, List<String> problems) {
    ArrayNode images = null;
    for (ContentPart part : parts) {
      if (part instanceof ContentPart.Image image) {
        String base64 = base64(image);
        if (base64 == null) {
          problems.add("messages[" + index + "] has an image given by URL, which Ollama cannot fetch:"
              + " pass the image bytes instead (ContentPart.Image.ofBytes)");
        } else {
          images = images != null ? images : m.putArray("images");
          images.add(base64);
        }
      } else if (part instanceof ContentPart.Document doc) {
        problems.add("messages[" + index + "] has a document (" + doc.mediaType() + "), which Ollama cannot read:"
            + " send its text as a text part instead");
      }
    }
  }

  /** The raw base64 of an inline image (a {@code data:} URL is inline too), or null for a remote URL. */
  private static @Nullable String base64(ContentPart.Image image) {
    String url = image.url();
    if (url == null) {
      return image.base64Data();
    }
    int data = url.indexOf(DATA_URL_BASE64);
    return url.startsWith("data:") && data > 0 ? url.substring(data + DATA_URL_BASE64.length()) : null;
  }

  /**
   * An assistant turn as Ollama's fields ({@code content}, {@code thinking}, {@code tool_calls}); the order
   * within the turn is the fields'. Blocks Ollama has no field for (other providers' opaque blocks,
   * redacted reasoning) are left out, said in a debug log.
   */
  private void assistant(ObjectNode m, AssistantMessage a, int index, List<String> problems) {
    m.put("content", a.textOrEmpty());
    String thinking = a.reasoningText();
    if (!thinking.isEmpty()) {
      m.put("thinking", thinking); // the model's template decides whether earlier thinking is shown again
    }
    List<String> dropped = new ArrayList<>();
    a.reasoning().stream().filter(Reasoning::isRedacted).forEach(r -> dropped.add("redacted reasoning"));
    a.opaqueBlocks().forEach(o -> dropped.add(o.provider() + " " + o.type()));
    if (!dropped.isEmpty()) {
      LOG.log(System.Logger.Level.DEBUG, () -> "ollama: messages[" + index + "] is sent without blocks Ollama has no field for: "
          + String.join(", ", dropped));
    }
    if (a.toolCalls().isEmpty()) {
      return;
    }
    ArrayNode calls = m.putArray("tool_calls");
    for (int c = 0; c < a.toolCalls().size(); c++) {
      ToolCall call = a.toolCalls().get(c);
      ObjectNode wire = calls.addObject();
      wire.put("id", call.id());
      ObjectNode function = wire.putObject("function");
      function.put("index", c);
      function.put("name", call.name());
      JsonNode arguments = arguments(call);
      if (arguments == null) {
        problems.add("messages[" + index + "] tool call '" + call.id() + "' (" + call.name()
            + ") has arguments that are not a JSON object; Ollama takes tool-call arguments as an object");
      } else {
        function.set("arguments", arguments);
      }
    }
  }

  /** The arguments as a JSON object (blank text as an empty one), or null when they are not one. */
  private @Nullable JsonNode arguments(ToolCall call) {
    if (call.arguments().isBlank()) {
      return mapper.createObjectNode();
    }
    try {
      JsonNode node = mapper.readTree(call.arguments());
      return node != null && node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
