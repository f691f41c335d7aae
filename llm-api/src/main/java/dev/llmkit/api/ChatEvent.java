package dev.llmkit.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One piece of a streamed response. The final event of a successful stream is {@link Completed}. */
public sealed interface ChatEvent {

  /** A fragment of the answer text. */
  record TextDelta(String text) implements ChatEvent {
    public TextDelta {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * A fragment of the model's reasoning. {@code signature} is set on the fragment that carries a
   * provider's integrity signature for the reasoning block it belongs to.
   */
  record ReasoningDelta(String text, @Nullable String signature) implements ChatEvent {
    public ReasoningDelta {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * A fragment of a tool call. Fragments with the same {@code index} belong to one call; {@code id}
   * and {@code name} arrive on the first fragment, the argument JSON in pieces.
   */
  record ToolCallDelta(int index, @Nullable String id, @Nullable String name, String argumentsFragment)
      implements ChatEvent {
    public ToolCallDelta {
      Objects.requireNonNull(argumentsFragment, "argumentsFragment");
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
