package dev.llmkit.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmkit.api.AssistantBlock;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.support.ResponseAssembler;
import dev.llmkit.spi.support.ResponseHeaders;
import dev.llmkit.spi.support.SseDecoder;
import dev.llmkit.spi.support.SseEvent;
import dev.llmkit.spi.support.StreamDecoder;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Decodes Anthropic's SSE stream ({@code message_start}, {@code content_block_start/delta/stop},
 * {@code message_delta}, {@code message_stop}, {@code ping}, {@code error}) into {@link ChatEvent}s.
 * Every event carries Anthropic's block {@code index}, so interleaved thinking, tool calls and text keep
 * their order (and signatures) for the next turn; {@code tool_use} blocks are also tool calls 0, 1, ...
 * in order. Blocks llmkit does not model (server tool use and results, newer types) are kept verbatim
 * and recorded whole when they stop. Ends
 * with {@link ChatEvent.Completed} at {@code message_stop}, carrying the metadata of the response
 * headers; a stream that ends before it is an error, as is an {@code event: error}, and either comes with
 * {@link #partial()}. One instance per stream; not thread-safe.
 */
final class AnthropicStreamDecoder implements StreamDecoder {
  private final ObjectMapper mapper;
  private final AnthropicErrors errors;
  private final String requestedModel;
  private final Clock clock;
  private final SseDecoder sse = new SseDecoder();
  private final ResponseAssembler assembler = new ResponseAssembler();
  private final UsageCounts usage = new UsageCounts();
  private final Map<Integer, ToolBlock> toolBlocks = new HashMap<>();
  private final Map<Integer, OpaqueBlock> opaqueBlocks = new HashMap<>();
  /** The citations of text blocks, by block index, recorded when the block stops. */
  private final Map<Integer, ArrayNode> citations = new HashMap<>();
  private int nextToolIndex;
  private boolean completed;

  AnthropicStreamDecoder(ObjectMapper mapper, AnthropicErrors errors, String requestedModel, Clock clock) {
    this.mapper = mapper;
    this.errors = errors;
    this.requestedModel = requestedModel;
    this.clock = clock;
  }

  @Override
  public void responseHeaders(HttpHeaders headers) {
    assembler.metadata(ResponseHeaders.metadata(headers, clock));
  }

  @Override
  public ChatResponse partial() {
    return assembler.partial(AnthropicProviderFactory.ID, requestedModel);
  }

  @Override
  public void feed(ByteBuffer buffer, Consumer<ChatEvent> out) {
    sse.feed(buffer, event -> onEvent(event, out));
  }

  @Override
  public void finish(Consumer<ChatEvent> out) {
    sse.finish(event -> onEvent(event, out));
    if (!completed) {
      throw LlmException.builder(ErrorKind.MALFORMED_RESPONSE,
              "anthropic closed the stream before message_stop (truncated stream)")
          .provider(AnthropicProviderFactory.ID).model(requestedModel).midStream(true).retryable(true).build();
    }
  }

  private void onEvent(SseEvent event, Consumer<ChatEvent> out) {
    if (completed || event.data().isBlank()) {
      return; // nothing after message_stop; a data-less keep-alive carries nothing
    }
    JsonNode data = parse(event);
    String type = data.path("type").asText(event.event() == null ? "" : event.event());
    switch (type) {
      case "message_start":
        JsonNode message = data.path("message");
        assembler.id(message.path("id").asText(null));
        assembler.model(message.path("model").asText(null));
        updateUsage(message.get("usage"), out);
        break;
      case "content_block_start":
        blockStart(data.path("index").asInt(), data.path("content_block"), out);
        break;
      case "content_block_delta":
        blockDelta(data.path("index").asInt(), data.path("delta"), out);
        break;
      case "content_block_stop":
        blockStop(data.path("index").asInt(), out);
        break;
      case "message_delta":
        JsonNode reason = data.path("delta").get("stop_reason");
        if (reason != null && reason.isTextual()) {
          assembler.finishReason(reason.asText());
        }
        updateUsage(data.get("usage"), out);
        break;
      case "message_stop":
        completed = true;
        String stopReason = assembler.rawFinishReason();
        out.accept(new ChatEvent.Completed(assembler.build(
            AnthropicProviderFactory.ID, requestedModel, StopReasons.map(stopReason), stopReason)));
        break;
      case "error":
        throw errors.fromStreamEvent(data, requestedModel);
      default:
        break; // ping, and event types newer than this plugin
    }
  }

  private void blockStart(int index, JsonNode block, Consumer<ChatEvent> out) {
    String type = block.path("type").asText();
    switch (type) {
      case "text":
        String text = block.path("text").asText("");
        if (!text.isEmpty()) {
          out.accept(assembler.text(index, text));
        }
        if (block.path("citations").isArray()) {
          citations.put(index, (ArrayNode) block.get("citations").deepCopy());
        }
        break;
      case "thinking":
        String thinking = block.path("thinking").asText("");
        if (!thinking.isEmpty()) {
          out.accept(assembler.reasoning(index, thinking));
        }
        String signature = block.path("signature").asText("");
        if (!signature.isEmpty()) {
          out.accept(assembler.reasoningSignature(index, signature));
        }
        break;
      case "redacted_thinking":
        out.accept(assembler.redactedReasoning(index, block.path("data").asText("")));
        break;
      case "tool_use":
        ToolBlock tool = new ToolBlock(nextToolIndex++, block.get("input"));
        toolBlocks.put(index, tool);
        out.accept(assembler.toolCall(index, tool.callIndex, block.path("id").asText(null), block.path("name").asText(null), ""));
        break;
      default:
        // Server tool use and results, and newer types: kept verbatim, recorded whole at content_block_stop.
        if (block.isObject()) {
          opaqueBlocks.put(index, new OpaqueBlock(type, (ObjectNode) block.deepCopy()));
        }
        break;
    }
  }

  private void blockDelta(int index, JsonNode delta, Consumer<ChatEvent> out) {
    switch (delta.path("type").asText()) {
      case "text_delta":
        String text = delta.path("text").asText("");
        if (!text.isEmpty()) {
          out.accept(assembler.text(index, text));
        }
        break;
      case "thinking_delta":
        String thinking = delta.path("thinking").asText("");
        if (!thinking.isEmpty()) {
          out.accept(assembler.reasoning(index, thinking));
        }
        break;
      case "signature_delta":
        String signature = delta.path("signature").asText("");
        if (!signature.isEmpty()) {
          out.accept(assembler.reasoningSignature(index, signature));
        }
        break;
      case "input_json_delta":
        String fragment = delta.path("partial_json").asText("");
        ToolBlock tool = toolBlocks.get(index);
        if (tool != null) {
          tool.sawDelta = true;
          if (!fragment.isEmpty()) {
            out.accept(assembler.toolCall(index, tool.callIndex, null, null, fragment));
          }
        } else if (opaqueBlocks.containsKey(index)) {
          opaqueBlocks.get(index).input.append(fragment); // the input of a server tool use
        }
        break;
      case "citations_delta":
        citations.computeIfAbsent(index, i -> mapper.createArrayNode()).add(delta.path("citation"));
        break;
      default:
        break; // newer delta types
    }
  }

  private void blockStop(int index, Consumer<ChatEvent> out) {
    ToolBlock tool = toolBlocks.get(index);
    // The start event carries a stub input ({}); only a sender that streams no deltas puts the real input there.
    if (tool != null && !tool.sawDelta && tool.startInput != null && tool.startInput.isObject()
        && tool.startInput.size() > 0) {
      out.accept(assembler.toolCall(index, tool.callIndex, null, null, tool.startInput.toString()));
    }
    ArrayNode blockCitations = citations.remove(index);
    if (blockCitations != null && !blockCitations.isEmpty()) {
      assembler.textMetadata(index, AnthropicProviderFactory.CITATIONS, blockCitations.toString());
    }
    OpaqueBlock opaque = opaqueBlocks.remove(index);
    if (opaque != null) {
      if (opaque.input.length() > 0) {
        opaque.block.set("input", parseInput(opaque.input.toString()));
      }
      out.accept(assembler.whole(index,
          new AssistantBlock.Opaque(AnthropicProviderFactory.ID, opaque.type, opaque.block.toString())));
    }
  }

  private JsonNode parseInput(String json) {
    try {
      return mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw LlmException.builder(ErrorKind.MALFORMED_RESPONSE,
              "anthropic streamed a server tool input that is not JSON: " + errors.redactor().snippet(json))
          .provider(AnthropicProviderFactory.ID).model(requestedModel).midStream(true)
          .cause(errors.redactor().safeCause(e)).build();
    }
  }

  private void updateUsage(@Nullable JsonNode node, Consumer<ChatEvent> out) {
    if (node != null && node.isObject()) {
      usage.update(node);
      out.accept(assembler.usage(usage.toUsage()));
    }
  }

  private JsonNode parse(SseEvent event) {
    try {
      JsonNode node = mapper.readTree(event.data());
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (JsonProcessingException e) {
      throw malformed(event, e);
    }
    throw malformed(event, null);
  }

  private LlmException malformed(SseEvent event, @Nullable Exception cause) {
    return LlmException.builder(ErrorKind.MALFORMED_RESPONSE,
            "anthropic sent a stream event that is not a JSON object: " + errors.redactor().snippet(event.data()))
        .provider(AnthropicProviderFactory.ID).model(requestedModel).midStream(true)
        .cause(errors.redactor().safeCause(cause)).build();
  }

  /** A block kept verbatim: its start event's block, and the input JSON streamed for it. */
  private static final class OpaqueBlock {
    final String type;
    final ObjectNode block;
    final StringBuilder input = new StringBuilder();

    OpaqueBlock(String type, ObjectNode block) {
      this.type = type;
      this.block = block;
    }
  }

  /** A {@code tool_use} block: its tool-call index and the input from its start event. */
  private static final class ToolBlock {
    final int callIndex;
    final @Nullable JsonNode startInput;
    boolean sawDelta;

    ToolBlock(int callIndex, @Nullable JsonNode startInput) {
      this.callIndex = callIndex;
      this.startInput = startInput;
    }
  }
}
