package dev.llmkit.spi.support;

import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.Cost;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.ResponseMetadata;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.Usage;
import dev.llmkit.spi.ProviderResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Assembles the final response of a stream from its deltas: text, reasoning blocks (with signatures,
 * in block order), tool-call fragments joined by index, usage where later counts replace earlier ones,
 * the last raw finish reason, and the exchange's {@link ResponseMetadata} (from the response headers,
 * plus a cost the body reported). Each recording method returns the event to emit, so a decoder writes
 * {@code out.accept(assembler.text(t))}. What has arrived so far is {@link #partial}, for the error
 * that ends a stream early. Not thread-safe.
 */
public final class ResponseAssembler {
  private final StringBuilder text = new StringBuilder();
  private boolean hasText;
  private final Map<Integer, ReasoningBuilder> reasoning = new TreeMap<>();
  private final Map<Integer, ToolCallBuilder> toolCalls = new TreeMap<>();
  private Usage usage = Usage.UNKNOWN;
  private @Nullable String id;
  private @Nullable String model;
  private @Nullable String rawFinishReason;
  private ResponseMetadata metadata = ResponseMetadata.NONE;
  private @Nullable Cost providerCost;

  public ChatEvent.TextDelta text(String fragment) {
    text.append(fragment);
    hasText = true;
    return new ChatEvent.TextDelta(fragment);
  }

  /** A fragment of the reasoning block {@code blockIndex} (use 0 where a provider has one block). */
  public ChatEvent.ReasoningDelta reasoning(int blockIndex, String fragment) {
    reasoning.computeIfAbsent(blockIndex, i -> new ReasoningBuilder()).text.append(fragment);
    return new ChatEvent.ReasoningDelta(fragment, null);
  }

  /** The signature of reasoning block {@code blockIndex}; fragments are concatenated. */
  public ChatEvent.ReasoningDelta reasoningSignature(int blockIndex, String signatureFragment) {
    ReasoningBuilder b = reasoning.computeIfAbsent(blockIndex, i -> new ReasoningBuilder());
    b.signature = b.signature == null ? signatureFragment : b.signature + signatureFragment;
    return new ChatEvent.ReasoningDelta("", signatureFragment);
  }

  /** A redacted reasoning block, kept opaque so it can be sent back. Nothing to show, so no event. */
  public void redactedReasoning(int blockIndex, String data) {
    reasoning.computeIfAbsent(blockIndex, i -> new ReasoningBuilder()).redactedData = data;
  }

  /** A fragment of tool call {@code index}; {@code id} and {@code name} usually arrive first. */
  public ChatEvent.ToolCallDelta toolCall(int index, @Nullable String callId, @Nullable String name, String argumentsFragment) {
    ToolCallBuilder b = toolCalls.computeIfAbsent(index, i -> new ToolCallBuilder());
    if (callId != null && !callId.isEmpty()) {
      b.id = callId;
    }
    if (name != null && !name.isEmpty()) {
      b.name = b.name == null ? name : b.name;
    }
    b.arguments.append(argumentsFragment);
    return new ChatEvent.ToolCallDelta(index, callId, name, argumentsFragment);
  }

  /**
   * Provider metadata for tool call {@code index}, to be echoed back on the next turn (Gemini's
   * {@code thoughtSignature}); lands in {@link ToolCall#providerMetadata()} of the built call. A later
   * value for the same key replaces an earlier one. No event: {@link ChatEvent.ToolCallDelta} carries no
   * metadata, so only the final response (and {@link #partial}) has it.
   */
  public void toolCallMetadata(int index, String key, String value) {
    toolCalls.computeIfAbsent(index, i -> new ToolCallBuilder()).metadata.put(key, value);
  }

  /** Known counts of {@code update} replace the ones held (provider counts are cumulative). */
  public ChatEvent.UsageUpdate usage(Usage update) {
    usage = usage.overlay(update);
    return new ChatEvent.UsageUpdate(usage);
  }

  public void id(@Nullable String value) {
    if (value != null && !value.isEmpty()) {
      id = value;
    }
  }

  public void model(@Nullable String value) {
    if (value != null && !value.isEmpty()) {
      model = value;
    }
  }

  /** The provider's finish reason as sent; a later one replaces an earlier one. */
  public void finishReason(@Nullable String raw) {
    if (raw != null && !raw.isEmpty()) {
      rawFinishReason = raw;
    }
  }

  /** The last raw finish reason recorded, or {@code null}. */
  public @Nullable String rawFinishReason() {
    return rawFinishReason;
  }

  /** What the response headers said (see {@link ResponseHeaders#metadata}). */
  public void metadata(ResponseMetadata value) {
    metadata = value;
  }

  /**
   * A cost the provider reported in the body (OpenRouter's {@code usage.cost}); it wins over a cost from
   * the headers, whichever was recorded first, as the body speaks of this very response.
   */
  public void providerCost(@Nullable Cost value) {
    if (value != null) {
      providerCost = value;
    }
  }

  /** Records any delta event (for consumers that rebuild a response from the events they saw). */
  public void accept(ChatEvent event) {
    // Java 17: no pattern switch, so an instanceof chain over the sealed type.
    if (event instanceof ChatEvent.TextDelta t) {
      text(t.text());
    } else if (event instanceof ChatEvent.ReasoningDelta r) {
      if (!r.text().isEmpty()) {
        reasoning(0, r.text());
      }
      if (r.signature() != null) {
        reasoningSignature(0, r.signature());
      }
    } else if (event instanceof ChatEvent.ToolCallDelta c) {
      toolCall(c.index(), c.id(), c.name(), c.argumentsFragment());
    } else if (event instanceof ChatEvent.UsageUpdate u) {
      usage(u.usage());
    }
  }

  public Usage currentUsage() {
    return usage;
  }

  public boolean hasToolCalls() {
    return !toolCalls.isEmpty();
  }

  /**
   * The response so far, as the final {@link dev.llmkit.api.ChatEvent.Completed} event carries it:
   * {@link #buildResponse} of {@code provider}, with no latency and no cost (the engine adds those).
   */
  public ChatResponse build(String provider, String requestedModel, FinishReason reason, @Nullable String rawReason) {
    return buildResponse(requestedModel, reason, rawReason).toChatResponse(provider);
  }

  /**
   * What arrived before a stream failed, for {@link dev.llmkit.api.LlmException#partialResponse()}:
   * finish reason {@link FinishReason#ERROR} (the stream did not finish), with the last raw reason seen.
   */
  public ChatResponse partial(String provider, String requestedModel) {
    return build(provider, requestedModel, FinishReason.ERROR, rawFinishReason);
  }

  /**
   * The response so far. A "stop" that comes with tool calls is reported as {@link FinishReason#TOOL_CALLS}
   * (Gemini, Ollama and forced tool choice say "stop" when they call tools). A tool call whose id never
   * arrived gets a synthetic one, {@code call_<index>}.
   */
  public ProviderResponse buildResponse(String requestedModel, FinishReason reason, @Nullable String rawReason) {
    List<ToolCall> calls = new ArrayList<>(toolCalls.size());
    toolCalls.forEach((index, b) -> calls.add(new ToolCall(
        b.id != null ? b.id : "call_" + index,
        b.name != null ? b.name : "",
        b.arguments.length() == 0 ? "{}" : b.arguments.toString(),
        b.metadata)));
    List<Reasoning> blocks = new ArrayList<>(reasoning.size());
    reasoning.values().forEach(b -> blocks.add(new Reasoning(b.text.toString(), b.signature, b.redactedData)));
    FinishReason finish = reason == FinishReason.STOP && !calls.isEmpty() ? FinishReason.TOOL_CALLS : reason;
    return new ProviderResponse(
        id != null ? id : "",
        model != null ? model : requestedModel,
        new AssistantMessage(hasText ? text.toString() : null, calls, blocks),
        finish,
        rawReason,
        usage,
        providerCost != null ? metadata.withProviderCost(providerCost) : metadata);
  }

  private static final class ReasoningBuilder {
    final StringBuilder text = new StringBuilder();
    @Nullable String signature;
    @Nullable String redactedData;
  }

  private static final class ToolCallBuilder {
    @Nullable String id;
    @Nullable String name;
    final StringBuilder arguments = new StringBuilder();
    final Map<String, String> metadata = new TreeMap<>();
  }
}
