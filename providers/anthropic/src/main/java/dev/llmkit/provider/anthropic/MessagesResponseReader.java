package dev.llmkit.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.ResponseMetadata;
import dev.llmkit.api.ToolCall;
import dev.llmkit.spi.ProviderResponse;
import dev.llmkit.spi.support.Redactor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Reads a non-streaming Messages response: text blocks concatenated, {@code tool_use} blocks as tool
 * calls (input re-serialized as JSON text), {@code thinking} and {@code redacted_thinking} blocks as
 * reasoning in their order, the stop reason and the usage, with the metadata of the response headers
 * (the body reports no cost).
 */
final class MessagesResponseReader {
  private final ObjectMapper mapper;
  private final Redactor redactor;

  MessagesResponseReader(ObjectMapper mapper, Redactor redactor) {
    this.mapper = mapper;
    this.redactor = redactor;
  }

  ProviderResponse read(byte[] body, String requestedModel, ResponseMetadata metadata) {
    JsonNode root = tree(body, requestedModel);
    StringBuilder text = new StringBuilder();
    boolean hasText = false;
    List<ToolCall> calls = new ArrayList<>();
    List<Reasoning> reasoning = new ArrayList<>();
    for (JsonNode block : root.path("content")) {
      String type = block.path("type").asText();
      switch (type) {
        case "text":
          text.append(block.path("text").asText());
          hasText = true;
          break;
        case "thinking":
          reasoning.add(new Reasoning(block.path("thinking").asText(), nonEmpty(block, "signature"), null));
          break;
        case "redacted_thinking":
          reasoning.add(Reasoning.redacted(block.path("data").asText()));
          break;
        case "tool_use":
          calls.add(new ToolCall(block.path("id").asText(), block.path("name").asText(), json(block.get("input"))));
          break;
        default:
          break; // server tool results, citations' sources and newer block types carry nothing we model
      }
    }
    String rawReason = nonEmpty(root, "stop_reason");
    FinishReason finish = StopReasons.map(rawReason, !calls.isEmpty());
    String model = nonEmpty(root, "model");
    return new ProviderResponse(
        root.path("id").asText(""),
        model != null ? model : requestedModel,
        new AssistantMessage(hasText ? text.toString() : null, calls, reasoning),
        finish,
        rawReason,
        UsageCounts.parse(root.path("usage")),
        metadata);
  }

  /** The {@code input_tokens} of a {@code count_tokens} answer. */
  OptionalLong readTokenCount(byte[] body, String requestedModel) {
    JsonNode count = tree(body, requestedModel).get("input_tokens");
    if (count == null || !count.isIntegralNumber()) {
      throw malformed("anthropic count_tokens answer has no input_tokens: " + redactor.snippet(body), requestedModel, null);
    }
    return OptionalLong.of(count.asLong());
  }

  private JsonNode tree(byte[] body, String requestedModel) {
    try {
      JsonNode root = mapper.readTree(body);
      if (root == null || !root.isObject()) {
        throw malformed("anthropic answered with something other than a JSON object: " + redactor.snippet(body),
            requestedModel, null);
      }
      return root;
    } catch (IOException e) {
      throw malformed("anthropic answered with JSON that cannot be read: " + redactor.snippet(body), requestedModel, e);
    }
  }

  private String json(@Nullable JsonNode input) {
    if (input == null || input.isNull()) {
      return "{}";
    }
    try {
      return mapper.writeValueAsString(input);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed JSON tree always serializes", e);
    }
  }

  private LlmException malformed(String message, String model, @Nullable Exception cause) {
    return LlmException.builder(ErrorKind.MALFORMED_RESPONSE, message)
        .provider(AnthropicProviderFactory.ID).model(model).cause(redactor.safeCause(cause)).build();
  }

  private static @Nullable String nonEmpty(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
  }
}
