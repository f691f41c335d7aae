package dev.llmkit.provider.ollama;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ResponseFormat;
import dev.llmkit.api.ToolChoice;
import dev.llmkit.api.ToolSpec;
import dev.llmkit.spi.ProviderRequest;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Serializes a {@link ProviderRequest} into an {@code /api/chat} body, once, straight to bytes.
 * {@code stream} is always sent, as Ollama streams by default. Sampling settings come from the chat
 * request (the engine has merged config defaults into it) and go under {@code options}, with
 * {@code num_ctx} from the configured context window. Ollama has no tool choice: "none" leaves the
 * tools out, a forced choice sends them and lets the model decide. {@code extraParams} are merged last
 * ({@code keep_alive}, {@code truncate}, ...), except that an {@code options} object is merged into the
 * options field by field, so that {@code num_gpu} does not wipe out the temperature.
 */
final class ChatRequestWriter {
  private static final String OPTIONS = "options";

  private final ObjectMapper mapper;
  private final MessageWriter messages;
  private final @Nullable Integer contextLength;

  /** {@code contextLength} is sent as {@code num_ctx} when set. */
  ChatRequestWriter(ObjectMapper mapper, @Nullable Integer contextLength) {
    this.mapper = mapper;
    this.messages = new MessageWriter(mapper);
    this.contextLength = contextLength;
  }

  /** The body of {@code POST /api/chat}. */
  byte[] chat(ProviderRequest request, boolean stream) {
    ChatRequest chat = request.chat();
    String model = request.model().name();
    ObjectNode body = mapper.createObjectNode();
    body.put("model", model);
    body.set("messages", messages.write(chat.messages()));
    body.put("stream", stream);
    writeTools(body, chat);
    writeFormat(body, chat.responseFormat());
    Object think = ThinkOption.of(chat.reasoningEffort(), model);
    if (think != null) {
      body.set("think", mapper.valueToTree(think));
    }
    ObjectNode options = options(chat);
    mergeExtra(body, options, chat.extraParams());
    if (!options.isEmpty()) {
      body.set(OPTIONS, options);
    }
    return bytes(body);
  }

  private void writeTools(ObjectNode body, ChatRequest chat) {
    ToolChoice choice = chat.toolChoice();
    if (chat.tools().isEmpty() || (choice != null && choice.mode() == ToolChoice.Mode.NONE)) {
      return;
    }
    var tools = body.putArray("tools");
    for (ToolSpec spec : chat.tools()) {
      ObjectNode function = tools.addObject().put("type", "function").putObject("function");
      function.put("name", spec.name());
      function.put("description", spec.description());
      if (spec.parameters().isEmpty()) {
        function.putObject("parameters").put("type", "object").putObject("properties");
      } else {
        function.set("parameters", tree(spec.parameters(), "the parameters of tool '" + spec.name() + "'"));
      }
    }
  }

  private void writeFormat(ObjectNode body, @Nullable ResponseFormat format) {
    if (format == null || format.type() == ResponseFormat.Type.TEXT) {
      return;
    }
    if (format.type() == ResponseFormat.Type.JSON_OBJECT) {
      body.put("format", "json");
    } else {
      body.set("format", tree(format.schema(), "the responseFormat schema"));
    }
  }

  private ObjectNode options(ChatRequest chat) {
    ObjectNode options = mapper.createObjectNode();
    if (chat.temperature() != null) {
      options.put("temperature", chat.temperature());
    }
    if (chat.topP() != null) {
      options.put("top_p", chat.topP());
    }
    if (chat.topK() != null) {
      options.put("top_k", chat.topK());
    }
    if (contextLength != null) {
      options.put("num_ctx", contextLength);
    }
    if (chat.maxOutputTokens() != null) {
      options.put("num_predict", chat.maxOutputTokens());
    }
    if (chat.seed() != null) {
      options.put("seed", chat.seed());
    }
    if (!chat.stop().isEmpty()) {
      options.putArray("stop").addAll(chat.stop().stream().map(mapper.getNodeFactory()::textNode).toList());
    }
    return options;
  }

  private void mergeExtra(ObjectNode body, ObjectNode options, Map<String, Object> extra) {
    for (Map.Entry<String, Object> e : extra.entrySet()) {
      JsonNode value = extraValue(e.getKey(), e.getValue());
      if (OPTIONS.equals(e.getKey()) && value.isObject()) {
        options.setAll((ObjectNode) value);
      } else {
        body.set(e.getKey(), value);
      }
    }
  }

  private JsonNode extraValue(String key, Object value) {
    try {
      return mapper.valueToTree(value);
    } catch (IllegalArgumentException e) {
      throw LlmException.builder(ErrorKind.INVALID_REQUEST,
              "extraParams." + key + " cannot be written as JSON (" + value.getClass().getName() + ")")
          .provider(OllamaProviderFactory.ID).cause(e).build();
    }
  }

  /**
   * {@code value} as a JSON tree; a value Jackson cannot write (an arbitrary object in a schema map) is
   * an invalid request naming {@code what}, not an unknown failure.
   */
  private JsonNode tree(Object value, String what) {
    try {
      return mapper.valueToTree(value);
    } catch (IllegalArgumentException e) {
      String reason = e.getCause() instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new InvalidRequestException(List.of(
          what + " cannot be written as JSON (" + reason + "); use maps, lists, strings, numbers and booleans"));
    }
  }

  private byte[] bytes(ObjectNode body) {
    try {
      return mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of JSON nodes always serializes", e);
    }
  }
}
