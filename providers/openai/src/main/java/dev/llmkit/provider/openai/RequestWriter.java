package dev.llmkit.provider.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmkit.api.AssistantBlock;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.ReasoningEffort;
import dev.llmkit.api.ResponseFormat;
import dev.llmkit.api.SystemMessage;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolChoice;
import dev.llmkit.api.ToolMessage;
import dev.llmkit.api.ToolSpec;
import dev.llmkit.api.UserMessage;
import dev.llmkit.spi.ProviderRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link ProviderRequest} as a Chat Completions body in one dialect, straight to bytes.
 * Sampling settings come only from the chat request (the engine has merged config defaults into it);
 * {@code extraParams} go in last so that they can override anything.
 */
final class RequestWriter {
  /** OpenAI accepts at most four stop sequences. */
  static final int MAX_STOP = 4;

  private final Dialect dialect;
  private final System.Logger logger;

  RequestWriter(Dialect dialect, System.Logger logger) {
    this.dialect = dialect;
    this.logger = logger;
  }

  byte[] write(ProviderRequest request, boolean stream) {
    ChatRequest chat = request.chat();
    String model = request.model().name();
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("model", model);
    writeMessages(root.putArray("messages"), chat.messages(), model);

    if (!chat.tools().isEmpty()) {
      // OpenAI rejects tool_choice and parallel_tool_calls when no tools are given.
      writeTools(root.putArray("tools"), chat.tools());
      if (chat.toolChoice() != null) {
        writeToolChoice(root, chat.toolChoice());
      }
      if (chat.parallelToolCalls() != null) {
        root.put("parallel_tool_calls", chat.parallelToolCalls());
      }
    }
    if (chat.responseFormat() != null) {
      writeResponseFormat(root.putObject("response_format"), chat.responseFormat());
    }
    // Reasoning models reject a non-default temperature or top_p with unsupported_value.
    if (!ModelNames.rejectsSampling(model)) {
      if (chat.temperature() != null) {
        root.put("temperature", chat.temperature());
      }
      if (chat.topP() != null) {
        root.put("top_p", chat.topP());
      }
    }
    if (dialect.topK() && chat.topK() != null) {
      root.put("top_k", chat.topK());
    }
    if (chat.maxOutputTokens() != null) {
      root.put(dialect.maxTokensField(), chat.maxOutputTokens());
    }
    if (!chat.stop().isEmpty()) {
      writeStop(root.putArray("stop"), chat.stop());
    }
    if (chat.seed() != null) {
      root.put(dialect.seedField(), chat.seed());
    }
    if (chat.reasoningEffort() != null && request.model().features().reasoningEffort()) {
      writeReasoningEffort(root, chat.reasoningEffort());
    }
    if (stream) {
      root.put("stream", true);
      if (dialect.streamUsage()) {
        root.putObject("stream_options").put("include_usage", true);
      }
    }
    for (Map.Entry<String, Object> e : chat.extraParams().entrySet()) {
      root.set(e.getKey(), tree(e.getValue(), "extraParams '" + e.getKey() + "'"));
    }
    try {
      return Json.MAPPER.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw LlmException.builder(ErrorKind.INVALID_REQUEST, "the request cannot be written as JSON: " + e.getOriginalMessage())
          .provider(dialect.id()).model(model).cause(e).build();
    }
  }

  private void writeMessages(ArrayNode out, List<Message> messages, String model) {
    String systemRole = dialect.developerRole() && ModelNames.isOSeries(model) ? "developer" : "system";
    List<ToolMessage> withImages = new ArrayList<>();
    for (Message m : messages) {
      if (!(m instanceof ToolMessage) && !withImages.isEmpty()) {
        writeToolImages(out, withImages, model);
      }
      ObjectNode node = out.addObject();
      if (m instanceof SystemMessage s) {
        node.put("role", systemRole).put("content", s.text());
      } else if (m instanceof UserMessage u) {
        node.put("role", "user");
        writeUserContent(node, u, model);
      } else if (m instanceof AssistantMessage a) {
        writeAssistant(node, a);
      } else if (m instanceof ToolMessage t) {
        node.put("role", "tool").put("tool_call_id", t.toolCallId()).put("content", t.content());
        if (t.hasImages()) {
          withImages.add(t);
        }
      }
    }
    if (!withImages.isEmpty()) {
      writeToolImages(out, withImages, model);
    }
  }

  /**
   * Chat Completions takes only text in a tool message, so the images of tool results go in one user
   * message right after the run of tool messages (the results must directly follow the calls), each
   * introduced by the tool and call it came from, as OpenHands and LiteLLM do.
   */
  private void writeToolImages(ArrayNode out, List<ToolMessage> results, String model) {
    logger.log(System.Logger.Level.DEBUG, () -> dialect.id() + " takes no images in tool messages; sending the images of "
        + results.size() + " tool result(s) in a user message after them");
    List<ContentPart> parts = new ArrayList<>();
    for (ToolMessage t : results) {
      parts.add(ContentPart.text("Image(s) returned by tool '" + t.toolName() + "' (call " + t.toolCallId() + "):"));
      parts.addAll(t.images());
    }
    ObjectNode node = out.addObject().put("role", "user");
    writeUserContent(node, new UserMessage(parts), model);
    results.clear();
  }

  private void writeUserContent(ObjectNode node, UserMessage u, String model) {
    boolean textOnly = u.content().stream().allMatch(p -> p instanceof ContentPart.Text);
    if (textOnly) {
      // A plain string is what every compatible server accepts, including text-only local models.
      node.put("content", u.text());
      return;
    }
    ArrayNode parts = node.putArray("content");
    for (ContentPart part : u.content()) {
      if (part instanceof ContentPart.Text t) {
        parts.addObject().put("type", "text").put("text", t.text());
      } else if (part instanceof ContentPart.Image img) {
        String url = img.asUrl();
        if (dialect.inlineImagesOnly() && !url.startsWith("data:")) {
          throw LlmException.builder(ErrorKind.INVALID_REQUEST, dialect.displayName()
                  + " accepts images only as inline data, not by URL; pass the bytes with ContentPart.Image.ofBytes")
              .provider(dialect.id()).model(model).build();
        }
        ObjectNode image = parts.addObject().put("type", "image_url").putObject("image_url").put("url", url);
        if (img.detail() != ContentPart.ImageDetail.AUTO) {
          image.put("detail", img.detail().name().toLowerCase(Locale.ROOT));
        }
      } else if (part instanceof ContentPart.Document doc) {
        parts.addObject().put("type", "file").putObject("file")
            .put("filename", doc.title() != null ? doc.title() : defaultFileName(doc.mediaType()))
            .put("file_data", "data:" + doc.mediaType() + ";base64," + doc.base64Data());
      }
    }
  }

  /**
   * An assistant turn: its text, its calls and, where the dialect takes it back, its reasoning
   * ({@link Dialect.ReasoningReplay}). Chat Completions has fields, not ordered blocks, so the order within
   * the turn is the fields'. What the server does not take back is left out and said in a debug log.
   */
  private void writeAssistant(ObjectNode node, AssistantMessage a) {
    node.put("role", "assistant");
    String text = a.text();
    boolean hasText = text != null && !text.isEmpty();
    if (hasText) {
      node.put("content", text);
    } else if (a.toolCalls().isEmpty()) {
      node.put("content", "");
    } else {
      node.putNull("content");
    }
    if (!a.toolCalls().isEmpty()) {
      ArrayNode calls = node.putArray("tool_calls");
      for (ToolCall c : a.toolCalls()) {
        calls.addObject().put("id", c.id()).put("type", "function")
            .putObject("function").put("name", c.name()).put("arguments", c.arguments());
      }
    }
    writeReasoning(node, a);
  }

  private void writeReasoning(ObjectNode node, AssistantMessage a) {
    List<String> dropped = new ArrayList<>();
    String reasoning = a.reasoningText();
    Dialect.ReasoningReplay replay = dialect.reasoningReplay();
    if (!reasoning.isEmpty()) {
      if (replay == Dialect.ReasoningReplay.REASONING_CONTENT_WITH_TOOL_CALLS && !a.toolCalls().isEmpty()) {
        node.put("reasoning_content", reasoning);
      } else {
        dropped.add("reasoning text");
      }
    }
    for (AssistantBlock.Opaque o : a.opaqueBlocks()) {
      com.fasterxml.jackson.databind.JsonNode details = replay == Dialect.ReasoningReplay.REASONING_DETAILS
          && o.provider().equals(dialect.id()) && ReasoningDetails.TYPE.equals(o.type()) ? parsed(o.json()) : null;
      if (details != null && details.isArray()) {
        node.set("reasoning_details", details);
      } else {
        dropped.add(o.provider() + " " + o.type());
      }
    }
    if (!dropped.isEmpty()) {
      logger.log(System.Logger.Level.DEBUG, () -> dialect.id() + ": an assistant turn is sent without what "
          + dialect.displayName() + " does not take back: " + String.join(", ", dropped));
    }
  }

  private static com.fasterxml.jackson.databind.@Nullable JsonNode parsed(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /**
   * {@code value} as a JSON tree; a value Jackson cannot write (an arbitrary object in a schema map) is
   * an invalid request naming {@code what}, not an unknown failure.
   */
  private static com.fasterxml.jackson.databind.JsonNode tree(Object value, String what) {
    try {
      return Json.MAPPER.valueToTree(value);
    } catch (IllegalArgumentException e) {
      String reason = e.getCause() instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new InvalidRequestException(List.of(
          what + " cannot be written as JSON (" + reason + "); use maps, lists, strings, numbers and booleans"));
    }
  }

  private static void writeTools(ArrayNode out, List<ToolSpec> tools) {
    for (ToolSpec t : tools) {
      ObjectNode fn = out.addObject().put("type", "function").putObject("function").put("name", t.name());
      if (!t.description().isEmpty()) {
        fn.put("description", t.description());
      }
      if (t.parameters().isEmpty()) {
        // Several compatible servers require a schema; an empty object schema means "no arguments".
        fn.putObject("parameters").put("type", "object").putObject("properties");
      } else {
        fn.set("parameters", tree(t.parameters(), "the parameters of tool '" + t.name() + "'"));
      }
    }
  }

  private static void writeToolChoice(ObjectNode root, ToolChoice choice) {
    switch (choice.mode()) {
      case AUTO -> root.put("tool_choice", "auto");
      case NONE -> root.put("tool_choice", "none");
      case REQUIRED -> root.put("tool_choice", "required");
      case TOOL -> root.putObject("tool_choice").put("type", "function")
          .putObject("function").put("name", choice.toolName());
    }
  }

  private static void writeResponseFormat(ObjectNode node, ResponseFormat format) {
    switch (format.type()) {
      case TEXT -> node.put("type", "text");
      case JSON_OBJECT -> node.put("type", "json_object");
      case JSON_SCHEMA -> {
        node.put("type", "json_schema");
        ObjectNode schema = node.putObject("json_schema").put("name", format.name());
        schema.set("schema", tree(format.schema(), "the responseFormat schema"));
        schema.put("strict", format.strict());
      }
    }
  }

  private void writeStop(ArrayNode out, List<String> stop) {
    if (stop.size() > MAX_STOP) {
      logger.log(System.Logger.Level.DEBUG,
          () -> dialect.id() + " takes at most " + MAX_STOP + " stop sequences; sending the first " + MAX_STOP
              + " of " + stop.size());
    }
    stop.stream().limit(MAX_STOP).forEach(out::add);
  }

  private void writeReasoningEffort(ObjectNode root, ReasoningEffort effort) {
    if (dialect.reasoningStyle() == Dialect.ReasoningStyle.TOP_LEVEL) {
      root.put("reasoning_effort", dialect.effortOnScale(effort).wireName());
      return;
    }
    ObjectNode reasoning = root.putObject("reasoning");
    switch (effort) {
      case NONE -> reasoning.put("enabled", false);
      // OpenRouter's scale tops out at high.
      case XHIGH, MAX -> reasoning.put("effort", "high");
      default -> reasoning.put("effort", effort.wireName());
    }
  }

  private static String defaultFileName(String mediaType) {
    int slash = mediaType.indexOf('/');
    String subtype = slash >= 0 ? mediaType.substring(slash + 1) : "bin";
    int plus = subtype.indexOf('+');
    return "document." + (plus >= 0 ? subtype.substring(0, plus) : subtype);
  }
}
