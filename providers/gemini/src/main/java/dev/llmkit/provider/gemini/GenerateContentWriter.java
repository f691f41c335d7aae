package dev.llmkit.provider.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.ResponseFormat;
import dev.llmkit.api.ToolChoice;
import dev.llmkit.api.ToolSpec;
import dev.llmkit.spi.ProviderRequest;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Serializes a {@link ProviderRequest} into a {@code generateContent} body, once, straight to bytes:
 * contents, tools and {@code toolConfig}, {@code generationConfig} (sampling, limits, stop sequences,
 * seed, structured output, thinking) and the configured {@code safetySettings}. Sampling settings come
 * only from the chat request (the engine has merged config defaults into it). {@code extraParams} are
 * merged last, objects into objects, so that a caller can add one {@code generationConfig} field
 * without replacing the others. Schemas go through {@link SchemaAdapter}; what it drops is logged at
 * DEBUG.
 */
final class GenerateContentWriter {
  private final ObjectMapper mapper;
  private final ContentsWriter contents;
  private final List<Map<String, String>> safetySettings;
  private final System.Logger logger;

  GenerateContentWriter(ObjectMapper mapper, List<Map<String, String>> safetySettings, System.Logger logger) {
    this.mapper = mapper;
    this.contents = new ContentsWriter(mapper);
    this.safetySettings = List.copyOf(safetySettings);
    this.logger = logger;
  }

  /** The body of {@code generateContent} and {@code streamGenerateContent} (they take the same). */
  byte[] generateContent(ProviderRequest request) {
    return bytes(body(request));
  }

  /**
   * The body of {@code countTokens}: the whole request as {@code generateContentRequest}, so that the
   * system instruction and the tools are counted too, as they are when the request is sent.
   */
  byte[] countTokens(ProviderRequest request) {
    ObjectNode inner = mapper.createObjectNode().put("model", "models/" + GeminiModels.canonical(request.model().name()));
    inner.setAll(body(request));
    ObjectNode body = mapper.createObjectNode();
    body.set("generateContentRequest", inner);
    return bytes(body);
  }

  private ObjectNode body(ProviderRequest request) {
    ChatRequest chat = request.chat();
    ObjectNode body = mapper.createObjectNode();
    contents.write(body, chat.messages(), GeminiModels.multimodalFunctionResponses(request.model().name()));
    writeTools(body, chat);
    ObjectNode config = generationConfig(chat, request.model());
    if (!config.isEmpty()) {
      body.set("generationConfig", config);
    }
    if (!safetySettings.isEmpty()) {
      body.set("safetySettings", mapper.valueToTree(safetySettings));
    }
    merge(body, tree(chat.extraParams(), "extraParams"));
    return body;
  }

  private void writeTools(ObjectNode body, ChatRequest chat) {
    if (chat.tools().isEmpty()) {
      return; // a toolConfig without tools is meaningless; both go or neither
    }
    ArrayNode declarations = body.putArray("tools").addObject().putArray("functionDeclarations");
    for (ToolSpec spec : chat.tools()) {
      ObjectNode declaration = declarations.addObject();
      declaration.put("name", spec.name());
      if (!spec.description().isEmpty()) {
        declaration.put("description", spec.description());
      }
      ObjectNode parameters = schema(spec.parameters(), "tool '" + spec.name() + "' parameters");
      // Gemini rejects an OBJECT without properties: a tool that takes nothing declares no parameters.
      if (parameters.path("properties").size() > 0 || !"OBJECT".equals(parameters.path("type").asText("OBJECT"))) {
        declaration.set("parameters", parameters);
      }
    }
    ToolChoice choice = chat.toolChoice();
    if (choice == null) {
      return;
    }
    ObjectNode calling = body.putObject("toolConfig").putObject("functionCallingConfig");
    switch (choice.mode()) {
      case NONE:
        calling.put("mode", "NONE");
        break;
      case REQUIRED:
        calling.put("mode", "ANY");
        break;
      case TOOL:
        calling.put("mode", "ANY");
        calling.putArray("allowedFunctionNames").add(choice.toolName());
        break;
      default:
        calling.put("mode", "AUTO");
        break;
    }
  }

  private ObjectNode generationConfig(ChatRequest chat, ModelInfo model) {
    ObjectNode config = mapper.createObjectNode();
    if (chat.temperature() != null) {
      config.put("temperature", chat.temperature());
    }
    if (chat.topP() != null) {
      config.put("topP", chat.topP());
    }
    if (chat.topK() != null) {
      config.put("topK", chat.topK());
    }
    if (chat.maxOutputTokens() != null) {
      config.put("maxOutputTokens", chat.maxOutputTokens());
    }
    if (!chat.stop().isEmpty()) {
      config.set("stopSequences", mapper.valueToTree(chat.stop()));
    }
    if (chat.seed() != null) {
      config.put("seed", seed(chat.seed()));
    }
    writeResponseFormat(config, chat.responseFormat());
    // The resolved features decide whether the model may think; the name decides how it is asked.
    GeminiModels.Spec spec = GeminiModels.lookup(model.name(), model.features());
    ThinkingPlan thinking = model.features().reasoningEffort() ? ThinkingPlan.plan(chat.reasoningEffort(), spec) : null;
    if (thinking != null) {
      ObjectNode wire = config.putObject("thinkingConfig");
      if (thinking.budget() != null) {
        wire.put("thinkingBudget", thinking.budget());
      }
      if (thinking.level() != null) {
        wire.put("thinkingLevel", thinking.level());
      }
      wire.put("includeThoughts", thinking.includeThoughts());
    }
    return config;
  }

  /** Gemini's seed is an int32; a larger one would be refused by the API with a less clear message. */
  private static int seed(long seed) {
    if (seed < Integer.MIN_VALUE || seed > Integer.MAX_VALUE) {
      throw new InvalidRequestException(List.of("seed must fit in 32 bits for Gemini, was " + seed));
    }
    return (int) seed;
  }

  private void writeResponseFormat(ObjectNode config, @Nullable ResponseFormat format) {
    if (format == null || format.type() == ResponseFormat.Type.TEXT) {
      return;
    }
    config.put("responseMimeType", "application/json");
    if (format.type() == ResponseFormat.Type.JSON_SCHEMA && format.schema() != null) {
      config.set("responseSchema", schema(format.schema(), "response schema '" + format.name() + "'"));
    }
  }

  private ObjectNode schema(Map<String, Object> jsonSchema, String what) {
    SchemaAdapter.Result adapted = SchemaAdapter.adapt(tree(jsonSchema, what));
    if (!adapted.dropped().isEmpty()) {
      logger.log(System.Logger.Level.DEBUG, () -> "gemini: " + what + ": left out what Gemini does not take: "
          + String.join(", ", adapted.dropped()));
    }
    return adapted.schema();
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

  /** {@code extra} laid over {@code target}: objects merged key by key, anything else replaced. */
  private static void merge(ObjectNode target, JsonNode extra) {
    extra.properties().forEach(e -> {
      JsonNode current = target.get(e.getKey());
      if (current != null && current.isObject() && e.getValue().isObject()) {
        merge((ObjectNode) current, e.getValue());
      } else {
        target.set(e.getKey(), e.getValue());
      }
    });
  }

  private byte[] bytes(ObjectNode body) {
    try {
      return mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw LlmException.builder(ErrorKind.INVALID_REQUEST, "cannot serialize the Gemini request: " + e.getOriginalMessage())
          .provider(GeminiProviderFactory.ID).cause(e).build();
    }
  }
}
