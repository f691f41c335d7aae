package dev.llmkit.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One piece of a streamed response. The final event of a successful stream is {@link Completed}.
 *
 * <p>Content events carry {@code blockIndex}: the position, in {@link AssistantMessage#blocks()} of the
 * final response, of the block they belong to. Events with the same block index build one block, so a
 * caller can show interleaved thinking, tool calls and text as they arrive; the final response's blocks
 * are what the events built. Events a caller makes itself (without an index) have
 * {@link #UNKNOWN_BLOCK}.
 */
public sealed interface ChatEvent {

  /** The block index of an event that does not know its block (one made without an index). */
  int UNKNOWN_BLOCK = -1;

  /** A fragment of the answer text, in block {@code blockIndex}. */
  record TextDelta(String text, int blockIndex) implements ChatEvent {
    public TextDelta {
      Objects.requireNonNull(text, "text");
    }

    /** A fragment whose block is not known. */
    public TextDelta(String text) {
      this(text, UNKNOWN_BLOCK);
    }
  }

  /**
   * A fragment of the model's reasoning, in block {@code blockIndex}. {@code signature} is set on the
   * fragment that carries a provider's integrity signature for the reasoning block it belongs to.
   */
  record ReasoningDelta(String text, @Nullable String signature, int blockIndex) implements ChatEvent {
    public ReasoningDelta {
      Objects.requireNonNull(text, "text");
    }

    /** A fragment whose block is not known. */
    public ReasoningDelta(String text, @Nullable String signature) {
      this(text, signature, UNKNOWN_BLOCK);
    }
  }

  /**
   * A fragment of a tool call. Fragments with the same {@code index} (the call's position among the
   * response's tool calls) belong to one call, which is block {@code blockIndex}; {@code id} and
   * {@code name} arrive on the first fragment, the argument JSON in pieces.
   */
  record ToolCallDelta(int index, @Nullable String id, @Nullable String name, String argumentsFragment, int blockIndex)
      implements ChatEvent {
    public ToolCallDelta {
      Objects.requireNonNull(argumentsFragment, "argumentsFragment");
    }

    /** A fragment whose block is not known. */
    public ToolCallDelta(int index, @Nullable String id, @Nullable String name, String argumentsFragment) {
      this(index, id, name, argumentsFragment, UNKNOWN_BLOCK);
    }
  }

  /**
   * A block that arrives whole rather than in fragments: a redacted {@link Reasoning} block or an
   * {@link AssistantBlock.Opaque} one (a server tool's use or result, a block type llmkit does not
   * model). Nothing to show as text; it is there so the blocks built from the events are complete.
   */
  record BlockDelta(AssistantBlock block, int blockIndex) implements ChatEvent {
    public BlockDelta {
      Objects.requireNonNull(block, "block");
    }
  }

  /** Token usage, as reported by the provider (usually near the end of the stream). */
  record UsageUpdate(Usage usage) implements ChatEvent {
    public UsageUpdate {
      Objects.requireNonNull(usage, "usage");
    }
  }

  /** The stream finished; {@code response} is what {@link ChatStream#collect()} returns. */
  record Completed(ChatResponse response) implements ChatEvent {
    public Completed {
      Objects.requireNonNull(response, "response");
    }
  }
}
