package dev.llmkit.api;

import java.util.Map;
import java.util.Objects;

/**
 * A call the model made: the provider's call id, the tool name and the arguments as JSON text.
 *
 * <p>{@code providerMetadata} holds opaque values a provider attached to this very call and wants back
 * when the call is replayed in a later turn, such as Gemini's {@code thoughtSignature} (under
 * {@code gemini.thoughtSignature}). Keys start with the id of the provider that set them, so a provider
 * sends back only its own entries. Keep the map as it came and pass the call back unchanged in the
 * {@link AssistantMessage} of the next request: the provider echoes each value verbatim on the same
 * call, and some (Gemini 3) reject a follow-up turn whose calls lost them. Each call of a parallel set
 * has its own map. Empty for most providers.
 *
 * @param providerMetadata provider values echoed back verbatim on the next turn; an immutable copy,
 *     empty when the provider attached none
 */
public record ToolCall(String id, String name, String arguments, Map<String, String> providerMetadata)
    implements AssistantBlock {
  public ToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arguments, "arguments");
    providerMetadata = Map.copyOf(Objects.requireNonNull(providerMetadata, "providerMetadata"));
  }

  /** A call without provider metadata. */
  public ToolCall(String id, String name, String arguments) {
    this(id, name, arguments, Map.of());
  }
}
