package dev.llmkit.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.api.AssistantBlock;
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
import java.util.Map;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Reads a non-streaming Messages response: its content blocks in order ({@code text}, {@code thinking}
 * and {@code redacted_thinking} as reasoning, {@code tool_use} as tool calls with the input as JSON text,
 * anything else verbatim as an opaque block), the stop reason and the usage, with the metadata of the
 * response headers (the body reports no cost).
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
    List<AssistantBlock> blocks = new ArrayList<>();
    for (JsonNode block : root.path("content")) {
      blocks.add(block(block));
    }
    AssistantMessage message = AssistantMessage.ofBlocks(blocks);
    String rawReason = nonEmpty(root, "stop_reason");
    FinishReason finish = StopReasons.map(rawReason, !message.toolCalls().isEmpty());
    String model = nonEmpty(root, "model");
    return new ProviderResponse(
        root.path("id").asText(""),
        model != null ? model : requestedModel,
        message,
        finish,
        rawReason,
        UsageCounts.parse(root.path("usage")),
        metadata);
  }

  /**
   * One content block: text, thinking, redacted thinking and client tool calls as llmkit blocks; any other
   * type (server tool use and results, newer types) as an opaque block holding the block verbatim, which
   * the next turn sends back unchanged.
   */
  private AssistantBlock block(JsonNode block) {
    String type = block.path("type").asText();
    switch (type) {
      case "text":
        JsonNode citations = block.get("citations");
        return new AssistantBlock.Text(block.path("text").asText(), citations == null || citations.isEmpty()
            ? Map.of() : Map.of(AnthropicProviderFactory.CITATIONS, json(citations)));
      case "thinking":
        return new Reasoning(block.path("thinking").asText(), nonEmpty(block, "signature"), null);
      case "redacted_thinking":
        return Reasoning.redacted(block.path("data").asText());
      case "tool_use":
        return new ToolCall(block.path("id").asText(), block.path("name").asText(), json(block.get("input")));
      default:
        return new AssistantBlock.Opaque(AnthropicProviderFactory.ID, type, json(block));
    }
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
