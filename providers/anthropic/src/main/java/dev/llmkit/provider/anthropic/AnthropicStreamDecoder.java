package dev.llmkit.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Block indexes of {@code tool_use} blocks become tool-call indexes 0, 1, ... in order; thinking
 * blocks keep their block index so their order (and signatures) survive for the next turn. Ends
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
    switch (block.path("type").asText()) {
      case "text":
        String text = block.path("text").asText("");
        if (!text.isEmpty()) {
          out.accept(assembler.text(text));
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
        assembler.redactedReasoning(index, block.path("data").asText(""));
        break;
      case "tool_use":
        ToolBlock tool = new ToolBlock(nextToolIndex++, block.get("input"));
        toolBlocks.put(index, tool);
        out.accept(assembler.toolCall(tool.callIndex, block.path("id").asText(null), block.path("name").asText(null), ""));
        break;
      default:
        break; // server tool blocks and newer types
    }
  }

  private void blockDelta(int index, JsonNode delta, Consumer<ChatEvent> out) {
    switch (delta.path("type").asText()) {
      case "text_delta":
        String text = delta.path("text").asText("");
        if (!text.isEmpty()) {
          out.accept(assembler.text(text));
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
        ToolBlock tool = toolBlocks.get(index);
        if (tool == null) {
          break; // input of a server tool block, which is not a call for the caller to run
        }
        tool.sawDelta = true;
        String fragment = delta.path("partial_json").asText("");
        if (!fragment.isEmpty()) {
          out.accept(assembler.toolCall(tool.callIndex, null, null, fragment));
        }
        break;
      default:
        break; // citations_delta and newer delta types
    }
  }

  private void blockStop(int index, Consumer<ChatEvent> out) {
    ToolBlock tool = toolBlocks.get(index);
    // The start event carries a stub input ({}); only a sender that streams no deltas puts the real input there.
    if (tool != null && !tool.sawDelta && tool.startInput != null && tool.startInput.isObject()
        && tool.startInput.size() > 0) {
      out.accept(assembler.toolCall(tool.callIndex, null, null, tool.startInput.toString()));
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
