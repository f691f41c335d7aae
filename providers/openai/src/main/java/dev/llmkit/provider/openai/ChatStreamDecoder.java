package dev.llmkit.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.api.AssistantBlock;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.support.ResponseAssembler;
import dev.llmkit.spi.support.ResponseHeaders;
import dev.llmkit.spi.support.SseDecoder;
import dev.llmkit.spi.support.SseEvent;
import dev.llmkit.spi.support.StreamDecoder;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a Chat Completions SSE stream: text, reasoning ({@code reasoning_content} or
 * {@code reasoning}), refusal and tool-call fragments keyed by {@code index}, usage from the final
 * {@code choices: []} chunk, and {@code data: [DONE]} as the only successful end. A stream that ends
 * without {@code [DONE]} is truncated even if a finish reason and usage had arrived, because the
 * server may have been cut off before more choices, usage or an error. The final response carries the
 * metadata of the response headers and OpenRouter's {@code usage.cost}; an in-band error chunk is read
 * for its finish reason and usage before it fails the stream, so that the partial response has them.
 * Not thread-safe; one per stream.
 */
final class ChatStreamDecoder implements StreamDecoder {
  private static final String DONE = "[DONE]";

  private final String provider;
  private final String model;
  private final ErrorMapper errors;
  private final Clock clock;
  private final SseDecoder sse = new SseDecoder();
  private final ResponseAssembler assembler = new ResponseAssembler();
  private final ReasoningDetails reasoningDetails = new ReasoningDetails();
  private int detailsBlock = -1;
  private final Map<String, Integer> toolIndexById = new HashMap<>();
  private boolean done;
  private boolean sawContent;
  private boolean sawRefusal;
  private int lastToolIndex = -1;
  private int maxToolIndex = -1;

  ChatStreamDecoder(String provider, String model, ErrorMapper errors, Clock clock) {
    this.provider = provider;
    this.model = model;
    this.errors = errors;
    this.clock = clock;
  }

  @Override
  public void responseHeaders(HttpHeaders headers) {
    assembler.metadata(ResponseHeaders.metadata(headers, clock));
  }

  @Override
  public ChatResponse partial() {
    recordDetails(); // the details so far
    return assembler.partial(provider, model);
  }

  @Override
  public void feed(ByteBuffer buffer, Consumer<ChatEvent> out) {
    sse.feed(buffer, event -> onEvent(event, out));
  }

  @Override
  public void finish(Consumer<ChatEvent> out) {
    if (!done) {
      sse.finish(event -> onEvent(event, out)); // a last "data: [DONE]" without its blank line
    }
    if (!done) {
      String rawFinish = assembler.rawFinishReason();
      String got = rawFinish != null
          ? " (finish_reason '" + rawFinish + "' had arrived, but not [DONE])"
          : " (no finish_reason arrived)";
      throw LlmException.builder(ErrorKind.MALFORMED_RESPONSE,
              provider + " closed the stream before data: [DONE]; the response is truncated" + got)
          .provider(provider).model(model).midStream(true).retryable(true).build();
    }
  }

  private void onEvent(SseEvent event, Consumer<ChatEvent> out) {
    if (done) {
      return;
    }
    String data = event.data();
    // The terminator is not JSON: compare the raw text before parsing.
    if (DONE.equals(data) || DONE.equals(data.strip())) {
      complete(out);
      return;
    }
    if (data.isBlank()) {
      return;
    }
    Wire.Completion chunk = parse(data);
    assembler.id(chunk.id);
    assembler.model(chunk.model);
    List<Wire.Choice> choices = chunk.choices;
    if (choices != null) {
      for (Wire.Choice choice : choices) {
        // n > 1 is not supported: only the first choice is assembled.
        if (choice.index == null || choice.index == 0) {
          onChoice(choice, out);
        }
      }
    }
    Wire.WireUsage usage = chunk.usage != null ? chunk.usage
        : chunk.xGroq != null ? chunk.xGroq.usage : null;
    if (usage != null) {
      out.accept(assembler.usage(UsageMapping.of(usage)));
      assembler.providerCost(UsageMapping.cost(usage));
    }
    // Last, so that an error chunk's finish_reason ("error" at OpenRouter) and usage are in the partial response.
    if (chunk.error != null && !chunk.error.isNull()) {
      throw errors.inBand(chunk.error, true).build();
    }
    if ("error".equals(event.event())) {
      throw errors.inBand(parseTree(data), true).build();
    }
  }

  private void onChoice(Wire.Choice choice, Consumer<ChatEvent> out) {
    Wire.Delta delta = choice.delta != null ? choice.delta : choice.message;
    if (delta != null) {
      String reasoning = ContentText.reasoning(delta);
      if (reasoning != null && !reasoning.isEmpty()) {
        out.accept(assembler.reasoning(reasoning));
      }
      reasoningDetails.add(delta.reasoningDetails); // one block once whole, at the end
      String text = ContentText.answer(delta.content);
      if (text != null && !text.isEmpty()) {
        sawContent = true;
        out.accept(assembler.text(text));
      }
      if (delta.refusal != null && !delta.refusal.isEmpty()) {
        sawRefusal = true;
        out.accept(assembler.text(delta.refusal));
      }
      if (delta.toolCalls != null) {
        for (Wire.WireToolCall call : delta.toolCalls) {
          Wire.Function fn = call.function;
          String args = fn == null || fn.arguments == null ? "" : fn.arguments;
          out.accept(assembler.toolCall(toolIndex(call), call.id, fn == null ? null : fn.name, args));
        }
      }
    }
    assembler.finishReason(choice.finishReason);
  }

  /**
   * The call a fragment belongs to. Always keyed by {@code index} when present (some servers
   * interleave parallel calls); servers that omit it send whole calls, told apart by their ids.
   */
  private int toolIndex(Wire.WireToolCall call) {
    String id = call.id == null || call.id.isEmpty() ? null : call.id;
    int index;
    if (call.index != null) {
      index = call.index;
    } else if (id != null) {
      Integer known = toolIndexById.get(id);
      index = known != null ? known : maxToolIndex + 1;
    } else {
      index = Math.max(lastToolIndex, 0);
    }
    if (id != null) {
      toolIndexById.putIfAbsent(id, index);
    }
    lastToolIndex = index;
    maxToolIndex = Math.max(maxToolIndex, index);
    return index;
  }

  private void complete(Consumer<ChatEvent> out) {
    done = true;
    ChatEvent.BlockDelta details = recordDetails();
    if (details != null) {
      out.accept(details);
    }
    String rawFinish = assembler.rawFinishReason();
    FinishReason reason = FinishReasons.map(rawFinish);
    if (!sawContent && sawRefusal) {
      reason = FinishReason.CONTENT_FILTER;
    }
    out.accept(new ChatEvent.Completed(assembler.build(provider, model, reason, rawFinish)));
  }

  /**
   * Records the reasoning details joined so far as the last block (the same block when called again), as
   * the non-streaming reader places them; {@code null} when there are none.
   */
  private ChatEvent.@Nullable BlockDelta recordDetails() {
    if (reasoningDetails.isEmpty()) {
      return null;
    }
    AssistantBlock.Opaque block = reasoningDetails.block(provider);
    ChatEvent.BlockDelta event = detailsBlock < 0 ? assembler.whole(block) : assembler.whole(detailsBlock, block);
    detailsBlock = event.blockIndex();
    return event;
  }

  private Wire.Completion parse(String data) {
    try {
      return WireReader.completion(data);
    } catch (IOException e) {
      throw malformed(data, e);
    }
  }

  private JsonNode parseTree(String data) {
    try {
      return Json.MAPPER.readTree(data);
    } catch (IOException e) {
      throw malformed(data, e);
    }
  }

  private LlmException malformed(String data, IOException e) {
    return LlmException.builder(ErrorKind.MALFORMED_RESPONSE,
            provider + " sent a stream chunk that is not valid JSON: " + errors.redactor().snippet(data))
        .provider(provider).model(model).midStream(true).cause(errors.redactor().safeCause(e)).build();
  }
}
