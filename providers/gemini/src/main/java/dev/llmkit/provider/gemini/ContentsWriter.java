package dev.llmkit.provider.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmkit.api.AssistantBlock;
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
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes the conversation part of a {@code generateContent} request: {@code systemInstruction} (every
 * system message, in order) and {@code contents}, whose roles are {@code user} and {@code model}.
 * Consecutive messages of one wire role are merged into one content, so the tool results answering
 * one model turn travel together as {@code functionResponse} parts (named after the tool, as Gemini
 * matches them by name and order; ids are not sent).
 *
 * <p>A model turn goes back part by part in the order of its blocks, and thought signatures on the part
 * they came on: a call's {@code gemini.thoughtSignature} on its {@code functionCall} part; a signed
 * thought summary as a {@code thought} part; a text block's signature on its text part (or, from older
 * messages, a signed reasoning block without text on the next text part). Unsigned reasoning is not sent:
 * summaries are for the reader, the model's state is in the signatures.
 */
final class ContentsWriter {
  private static final Map<String, String> IMAGE_TYPES = Map.of(
      "png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg", "webp", "image/webp",
      "gif", "image/gif", "heic", "image/heic", "heif", "image/heif");

  private static final System.Logger LOG = System.getLogger(ContentsWriter.class.getName());

  private final ObjectMapper mapper;

  ContentsWriter(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Sets {@code systemInstruction} (when there is one) and {@code contents} on {@code body}. */
  void write(ObjectNode body, List<Message> messages) {
    write(body, messages, false);
  }

  /**
   * As above; with {@code multimodalToolResults} (Gemini 3 and later) a tool result's inline images go
   * inside its {@code functionResponse} as {@code parts}, else as parts of the user turn right after it.
   */
  void write(ObjectNode body, List<Message> messages, boolean multimodalToolResults) {
    ArrayNode system = mapper.createArrayNode();
    ArrayNode contents = mapper.createArrayNode();
    String lastRole = null;
    ArrayNode parts = null;
    for (Message message : messages) {
      if (message instanceof SystemMessage s) {
        if (!s.text().isBlank()) {
          system.addObject().put("text", s.text());
        }
        continue;
      }
      List<ObjectNode> newParts = parts(message, multimodalToolResults);
      if (newParts.isEmpty()) {
        continue; // an assistant turn with nothing to replay
      }
      String role = message instanceof AssistantMessage ? "model" : "user";
      if (!role.equals(lastRole)) {
        ObjectNode content = contents.addObject();
        content.put("role", role);
        parts = content.putArray("parts");
        lastRole = role;
      }
      parts.addAll(newParts);
    }
    if (contents.isEmpty()) {
      throw new InvalidRequestException(List.of("messages has no user message" + (system.isEmpty() ? "" : ", only a system prompt")
          + "; Gemini needs at least one user message in contents, e.g. Message.user(\"Hello\")"));
    }
    if (!system.isEmpty()) {
      body.putObject("systemInstruction").set("parts", system);
    }
    body.set("contents", contents);
  }

  private List<ObjectNode> parts(Message message, boolean multimodalToolResults) {
    List<ObjectNode> out = new ArrayList<>();
    if (message instanceof UserMessage u) {
      u.content().forEach(part -> out.add(userPart(part)));
    } else if (message instanceof ToolMessage t) {
      ObjectNode call = mapper.createObjectNode();
      ObjectNode response = call.putObject("functionResponse").put("name", t.toolName());
      response.set("response", toolResponse(t));
      out.add(call);
      for (ContentPart.Image image : t.images()) {
        ObjectNode part = userPart(image);
        if (multimodalToolResults && part.has("inlineData")) {
          // A FunctionResponsePart takes inline bytes only (no file URIs on the Gemini API).
          response.withArray("parts").addObject().set("inlineData", part.get("inlineData"));
        } else {
          out.add(part);
        }
      }
    } else if (message instanceof AssistantMessage a) {
      modelParts(a, out);
    }
    return out;
  }

  /**
   * The turn's blocks as parts, in the order they came, each signature on its own part. Dropped (and said
   * in a debug log): unsigned and redacted reasoning (summaries are for the reader; the model's state is in
   * the signatures), empty text (Gemini rejects empty text parts) and opaque blocks of another provider.
   */
  private void modelParts(AssistantMessage a, List<ObjectNode> out) {
    List<String> dropped = new ArrayList<>();
    String pendingTextSignature = null; // a text signature recorded as an empty signed reasoning block
    for (AssistantBlock block : a.blocks()) {
      if (block instanceof Reasoning r) {
        if (r.isRedacted() || r.signature() == null) {
          dropped.add(r.isRedacted() ? "redacted reasoning" : "unsigned reasoning");
        } else if (r.text().isEmpty()) {
          pendingTextSignature = r.signature();
        } else {
          out.add(signed(mapper.createObjectNode().put("text", r.text()).put("thought", true), r.signature()));
        }
      } else if (block instanceof AssistantBlock.Text t) {
        if (t.text().isEmpty()) {
          dropped.add("empty text");
          continue;
        }
        String signature = t.providerMetadata().get(GeminiProviderFactory.THOUGHT_SIGNATURE);
        out.add(signed(mapper.createObjectNode().put("text", t.text()),
            signature != null ? signature : pendingTextSignature));
        pendingTextSignature = null;
      } else if (block instanceof ToolCall call) {
        ObjectNode part = mapper.createObjectNode();
        part.putObject("functionCall").put("name", call.name()).set("args", arguments(call));
        out.add(signed(part, call.providerMetadata().get(GeminiProviderFactory.THOUGHT_SIGNATURE)));
      } else if (block instanceof AssistantBlock.Opaque o) {
        JsonNode verbatim = GeminiProviderFactory.ID.equals(o.provider()) ? parse(o.json()) : null;
        if (verbatim instanceof ObjectNode part) {
          out.add(part);
        } else {
          dropped.add(o.provider() + " " + o.type());
        }
      }
    }
    if (!dropped.isEmpty()) {
      LOG.log(System.Logger.Level.DEBUG, () -> "gemini: an assistant turn is sent without blocks it does not take back: "
          + String.join(", ", dropped));
    }
  }

  private static ObjectNode signed(ObjectNode part, @Nullable String signature) {
    return signature == null ? part : part.put("thoughtSignature", signature);
  }

  private JsonNode arguments(ToolCall call) {
    if (call.arguments().isBlank()) {
      return mapper.createObjectNode();
    }
    JsonNode args = parse(call.arguments());
    if (args == null || !args.isObject()) {
      throw new InvalidRequestException(List.of("tool call '" + call.id() + "' (" + call.name()
          + ") has arguments that are not a JSON object; Gemini needs functionCall args as an object"));
    }
    return args;
  }

  /**
   * {@code response} must be a JSON object: a result that is one goes as it is, anything else as
   * {@code {"output": text}}; a failed run as {@code {"error": ...}}, the keys Gemini documents.
   */
  private JsonNode toolResponse(ToolMessage t) {
    JsonNode parsed = parse(t.content());
    JsonNode value = parsed != null && parsed.isObject() ? parsed : mapper.getNodeFactory().textNode(t.content());
    if (t.isError()) {
      return mapper.createObjectNode().set("error", value);
    }
    return value.isObject() ? value : mapper.createObjectNode().set("output", value);
  }

  private @Nullable JsonNode parse(String json) {
    if (json.isBlank()) {
      return null;
    }
    try {
      return mapper.readTree(json);
    } catch (JsonProcessingException notJson) {
      return null;
    }
  }

  private ObjectNode userPart(ContentPart part) {
    ObjectNode out = mapper.createObjectNode();
    if (part instanceof ContentPart.Text t) {
      return out.put("text", t.text());
    }
    if (part instanceof ContentPart.Document doc) {
      out.putObject("inlineData").put("mimeType", doc.mediaType()).put("data", doc.base64Data());
      return out;
    }
    ContentPart.Image image = (ContentPart.Image) part;
    String url = image.url();
    if (url == null) {
      out.putObject("inlineData").put("mimeType", image.mediaType()).put("data", image.base64Data());
    } else if (url.startsWith("data:") && url.contains(";base64,")) {
      // A data: URL is inline bytes: Gemini takes those only as inlineData.
      int comma = url.indexOf(";base64,");
      out.putObject("inlineData").put("mimeType", url.substring("data:".length(), comma))
          .put("data", url.substring(comma + ";base64,".length()));
    } else {
      ObjectNode file = out.putObject("fileData");
      String mimeType = mimeTypeOf(url);
      if (mimeType != null) {
        file.put("mimeType", mimeType);
      }
      file.put("fileUri", url);
    }
    return out;
  }

  /** The image type a URL's file extension names, or null (Files API URIs have none). */
  static @Nullable String mimeTypeOf(String url) {
    String path = url;
    int cut = path.indexOf('?');
    path = cut < 0 ? path : path.substring(0, cut);
    cut = path.indexOf('#');
    path = cut < 0 ? path : path.substring(0, cut);
    int dot = path.lastIndexOf('.');
    return dot < path.lastIndexOf('/') || dot < 0 ? null : IMAGE_TYPES.get(path.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
