package dev.llmkit.spi.support;

import dev.llmkit.api.AssistantBlock;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Assembles the final response of a stream from its deltas: the content blocks by block index (text,
 * reasoning with signatures, tool-call fragments, whole blocks), usage where later counts replace
 * earlier ones, the last raw finish reason, and the exchange's {@link ResponseMetadata} (from the
 * response headers, plus a cost the body reported). Each recording method returns the event to emit,
 * carrying the block index, so a decoder writes {@code out.accept(assembler.text(t))} and the final
 * response's blocks are what the events built. What has arrived so far is {@link #partial}, for the
 * error that ends a stream early. Not thread-safe.
 *
 * <p>A provider that numbers its blocks (Anthropic's {@code index}) passes the block index; one that
 * does not uses the methods without it, which continue the current block while the kind stays the same
 * (text after text) and open the next block when it changes, so the blocks keep the order of arrival.
 */
public final class ResponseAssembler {
  private final TreeMap<Integer, BlockBuilder> blocks = new TreeMap<>();
  private int lastIndex = -1;
  private @Nullable BlockBuilder lastBlock; // blocks.get(lastIndex): entries are never replaced or removed
  /** The block of each tool call, by tool-call index. */
  private final Map<Integer, Integer> callBlocks = new TreeMap<>();
  private int current = -1;
  private Usage usage = Usage.UNKNOWN;
  private @Nullable String id;
  private @Nullable String model;
  private @Nullable String rawFinishReason;
  private ResponseMetadata metadata = ResponseMetadata.NONE;
  private @Nullable Cost providerCost;

  /** A fragment of answer text, continuing the current text block or opening the next block. */
  public ChatEvent.TextDelta text(String fragment) {
    return text(sequential(Kind.TEXT), fragment);
  }

  /** A fragment of answer text in block {@code blockIndex}. */
  public ChatEvent.TextDelta text(int blockIndex, String fragment) {
    block(blockIndex, Kind.TEXT).text.append(fragment);
    return new ChatEvent.TextDelta(fragment, blockIndex);
  }

  /**
   * Provider metadata for the current text block (or the next one, when the current block is not text),
   * to be echoed back on the same part (Gemini's {@code thoughtSignature} on a text part); lands in
   * {@link AssistantBlock.Text#providerMetadata()}. No event.
   */
  public void textMetadata(String key, String value) {
    textMetadata(sequential(Kind.TEXT), key, value);
  }

  /** Provider metadata for text block {@code blockIndex} (Anthropic's citations of a text block). No event. */
  public void textMetadata(int blockIndex, String key, String value) {
    block(blockIndex, Kind.TEXT).metadata.put(key, value);
  }

  /**
   * Ends the current block: the next fragment without an index opens a new block even when it is of the
   * same kind (Gemini's signed parts are separate parts, each to be sent back with its own signature).
   */
  public void endBlock() {
    current = -1;
  }

  /** A fragment of reasoning, continuing the current reasoning block or opening the next block. */
  public ChatEvent.ReasoningDelta reasoning(String fragment) {
    return reasoning(sequential(Kind.REASONING), fragment);
  }

  /** A fragment of the reasoning block {@code blockIndex}. */
  public ChatEvent.ReasoningDelta reasoning(int blockIndex, String fragment) {
    block(blockIndex, Kind.REASONING).text.append(fragment);
    return new ChatEvent.ReasoningDelta(fragment, null, blockIndex);
  }

  /** The signature of the current reasoning block (or of the next block); fragments are concatenated. */
  public ChatEvent.ReasoningDelta reasoningSignature(String signatureFragment) {
    return reasoningSignature(sequential(Kind.REASONING), signatureFragment);
  }

  /** The signature of reasoning block {@code blockIndex}; fragments are concatenated. */
  public ChatEvent.ReasoningDelta reasoningSignature(int blockIndex, String signatureFragment) {
    BlockBuilder b = block(blockIndex, Kind.REASONING);
    b.signature = b.signature == null ? signatureFragment : b.signature + signatureFragment;
    return new ChatEvent.ReasoningDelta("", signatureFragment, blockIndex);
  }

  /** A redacted reasoning block, kept opaque so it can be sent back. */
  public ChatEvent.BlockDelta redactedReasoning(int blockIndex, String data) {
    return whole(blockIndex, Reasoning.redacted(data));
  }

  /**
   * A block that arrives whole (a redacted reasoning block or an {@link AssistantBlock.Opaque} one) as
   * block {@code blockIndex}; a later one for the same index replaces it (a server tool block whose input
   * arrived in fragments is recorded again once complete).
   */
  public ChatEvent.BlockDelta whole(int blockIndex, AssistantBlock block) {
    block(blockIndex, Kind.WHOLE).whole = block;
    return new ChatEvent.BlockDelta(block, blockIndex);
  }

  /** A block that arrives whole, as the next block. */
  public ChatEvent.BlockDelta whole(AssistantBlock block) {
    int index = nextIndex();
    current = index;
    return whole(index, block);
  }

  /**
   * A fragment of tool call {@code index}; {@code id} and {@code name} usually arrive first. The first
   * fragment of a call opens the next block.
   */
  public ChatEvent.ToolCallDelta toolCall(int index, @Nullable String callId, @Nullable String name, String argumentsFragment) {
    Integer blockIndex = callBlocks.get(index);
    if (blockIndex == null) {
      blockIndex = nextIndex();
      current = blockIndex;
    }
    return toolCall(blockIndex, index, callId, name, argumentsFragment);
  }

  /** A fragment of tool call {@code index}, which is block {@code blockIndex}. */
  public ChatEvent.ToolCallDelta toolCall(int blockIndex, int index, @Nullable String callId, @Nullable String name,
      String argumentsFragment) {
    callBlocks.put(index, blockIndex);
    BlockBuilder b = block(blockIndex, Kind.TOOL_CALL);
    b.callIndex = index;
    if (callId != null && !callId.isEmpty()) {
      b.id = callId;
    }
    if (name != null && !name.isEmpty()) {
      b.name = b.name == null ? name : b.name;
    }
    b.text.append(argumentsFragment);
    return new ChatEvent.ToolCallDelta(index, callId, name, argumentsFragment, blockIndex);
  }

  /**
   * Provider metadata for tool call {@code index}, to be echoed back on the next turn (Gemini's
   * {@code thoughtSignature}); lands in {@link ToolCall#providerMetadata()} of the built call. A later
   * value for the same key replaces an earlier one. No event: {@link ChatEvent.ToolCallDelta} carries no
   * metadata, so only the final response (and {@link #partial}) has it.
   */
  public void toolCallMetadata(int index, String key, String value) {
    Integer blockIndex = callBlocks.get(index);
    if (blockIndex == null) {
      toolCall(index, null, null, "");
      blockIndex = callBlocks.get(index);
    }
    blocks.get(blockIndex).metadata.put(key, value);
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
      if (t.blockIndex() < 0) {
        text(t.text());
      } else {
        text(t.blockIndex(), t.text());
      }
    } else if (event instanceof ChatEvent.ReasoningDelta r) {
      int index = r.blockIndex() < 0 ? sequential(Kind.REASONING) : r.blockIndex();
      if (!r.text().isEmpty()) {
        reasoning(index, r.text());
      }
      if (r.signature() != null) {
        reasoningSignature(index, r.signature());
      }
    } else if (event instanceof ChatEvent.ToolCallDelta c) {
      if (c.blockIndex() < 0) {
        toolCall(c.index(), c.id(), c.name(), c.argumentsFragment());
      } else {
        toolCall(c.blockIndex(), c.index(), c.id(), c.name(), c.argumentsFragment());
      }
    } else if (event instanceof ChatEvent.BlockDelta b) {
      if (b.blockIndex() < 0) {
        whole(b.block());
      } else {
        whole(b.blockIndex(), b.block());
      }
    } else if (event instanceof ChatEvent.UsageUpdate u) {
      usage(u.usage());
    }
  }

  public Usage currentUsage() {
    return usage;
  }

  public boolean hasToolCalls() {
    return !callBlocks.isEmpty();
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
    List<BlockBuilder> order = new ArrayList<>(blocks.values());
    // Tool calls take the places of tool-call blocks in order of their call index, the one order every
    // provider gives (a sender may start call 3 before call 1).
    List<BlockBuilder> calls = new ArrayList<>();
    order.stream().filter(b -> b.kind == Kind.TOOL_CALL).forEach(calls::add);
    calls.sort(Comparator.comparingInt(b -> b.callIndex));
    List<AssistantBlock> built = new ArrayList<>(order.size());
    int nextCall = 0;
    for (BlockBuilder b : order) {
      built.add((b.kind == Kind.TOOL_CALL ? calls.get(nextCall++) : b).build());
    }
    AssistantMessage message = AssistantMessage.ofBlocks(built);
    FinishReason finish = reason == FinishReason.STOP && !message.toolCalls().isEmpty() ? FinishReason.TOOL_CALLS : reason;
    return new ProviderResponse(
        id != null ? id : "",
        model != null ? model : requestedModel,
        message,
        finish,
        rawReason,
        usage,
        providerCost != null ? metadata.withProviderCost(providerCost) : metadata);
  }

  /** The block to continue for a fragment of {@code kind} without an index: the current one, or the next. */
  private int sequential(Kind kind) {
    BlockBuilder open = current < 0 ? null : current == lastIndex ? lastBlock : blocks.get(current);
    if (open == null || open.kind != kind) {
      current = nextIndex();
    }
    return current;
  }

  private int nextIndex() {
    return blocks.isEmpty() ? 0 : blocks.lastKey() + 1;
  }

  private BlockBuilder block(int index, Kind kind) {
    // Nearly every delta goes to the block the previous one went to: skip the map for it.
    if (index == lastIndex && lastBlock != null) {
      return lastBlock;
    }
    BlockBuilder b = blocks.get(index);
    if (b == null) {
      b = new BlockBuilder(kind);
      blocks.put(index, b);
    }
    lastIndex = index;
    lastBlock = b;
    return b;
  }

  private enum Kind { TEXT, REASONING, TOOL_CALL, WHOLE }

  /** One block being assembled; which fields count depends on its kind. */
  private static final class BlockBuilder {
    final Kind kind;
    /** Text, reasoning text or argument JSON. */
    final StringBuilder text = new StringBuilder();
    final Map<String, String> metadata = new TreeMap<>();
    @Nullable String signature;
    int callIndex;
    @Nullable String id;
    @Nullable String name;
    @Nullable AssistantBlock whole;

    BlockBuilder(Kind kind) {
      this.kind = kind;
    }

    /** The block; a tool call whose id never arrived gets a synthetic one, {@code call_<index>}. */
    AssistantBlock build() {
      switch (kind) {
        case TEXT:
          return new AssistantBlock.Text(text.toString(), metadata);
        case REASONING:
          return new Reasoning(text.toString(), signature, null);
        case TOOL_CALL:
          return new ToolCall(
              id != null ? id : "call_" + callIndex,
              name != null ? name : "",
              text.length() == 0 ? "{}" : text.toString(),
              metadata);
        default:
          return whole != null ? whole : new AssistantBlock.Text("");
      }
    }
  }
}
