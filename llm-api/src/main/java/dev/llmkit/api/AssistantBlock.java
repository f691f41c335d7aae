package dev.llmkit.api;

import java.util.Map;
import java.util.Objects;

/**
 * One block of an assistant turn, in the order the model produced it: answer {@link Text}, model
 * {@link Reasoning} (with its signature, or redacted), a {@link ToolCall}, or an {@link Opaque} block
 * that llmkit does not model (server tool use and results, newer block types), kept as the provider's
 * own JSON.
 *
 * <p>Providers that check the previous turn (Anthropic's signed thinking, Gemini's thought signatures)
 * need the blocks back exactly as they came, in the same order: pass the {@link AssistantMessage} of a
 * response back unchanged in the next request.
 */
public sealed interface AssistantBlock permits AssistantBlock.Text, Reasoning, ToolCall, AssistantBlock.Opaque {

  /** A piece of answer text. */
  static Text text(String text) {
    return new Text(text);
  }

  /**
   * A piece of answer text. {@code providerMetadata} holds opaque values a provider attached to this very
   * part and wants back on it in the next turn (Gemini's {@code thoughtSignature} on a text part, under
   * {@code gemini.thoughtSignature}); keys start with the provider id. Empty for most providers.
   */
  record Text(String text, Map<String, String> providerMetadata) implements AssistantBlock {
    public Text {
      Objects.requireNonNull(text, "text");
      providerMetadata = Map.copyOf(Objects.requireNonNull(providerMetadata, "providerMetadata"));
    }

    /** Text without provider metadata. */
    public Text(String text) {
      this(text, Map.of());
    }
  }

  /**
   * A block llmkit does not model, kept verbatim so it can be sent back: Anthropic's
   * {@code server_tool_use} and {@code web_search_tool_result}, OpenRouter's {@code reasoning_details},
   * or any block type newer than this library. Its text never shows in {@link AssistantMessage#text()}.
   * Only the provider that produced it ({@code provider}) sends it back; others drop it.
   *
   * @param provider the id of the provider whose wire format {@code json} is in
   * @param type the provider's block type, e.g. {@code server_tool_use}
   * @param json the block as the provider sent it, as JSON text
   */
  record Opaque(String provider, String type, String json) implements AssistantBlock {
    public Opaque {
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(json, "json");
    }
  }
}
