package dev.llmkit.spi;

import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.ResponseMetadata;
import dev.llmkit.api.Usage;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a provider read off the wire for one call: the answer, usage, the finish reason mapped and as
 * sent, and the metadata of the exchange (request id, rate-limit headers, retry hint, provider-reported
 * cost). No engine fields: latency, cost and call attributes are the engine's to add when it builds
 * the {@link ChatResponse}.
 *
 * @param id the provider's response id, or the empty string when it sent none
 * @param model the model that answered, as the provider named it (may differ from the one requested)
 */
public record ProviderResponse(
    String id,
    String model,
    AssistantMessage message,
    FinishReason finishReason,
    @Nullable String rawFinishReason,
    Usage usage,
    ResponseMetadata metadata) {

  public ProviderResponse {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(finishReason, "finishReason");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(metadata, "metadata");
  }

  /** The wire part of a response built by an older provider that returns {@link ChatResponse}s. */
  public static ProviderResponse of(ChatResponse response) {
    return new ProviderResponse(response.id(), response.model(), response.message(), response.finishReason(),
        response.rawFinishReason(), response.usage(), response.metadata());
  }

  /**
   * As a {@link ChatResponse} of {@code provider} with no latency and no cost yet: the shape the final
   * {@link dev.llmkit.api.ChatEvent.Completed} event of a provider's stream carries.
   */
  public ChatResponse toChatResponse(String provider) {
    return new ChatResponse(id, provider, model, message, finishReason, rawFinishReason, usage, null, Duration.ZERO,
        metadata);
  }

  public ProviderResponse withMetadata(ResponseMetadata newMetadata) {
    return new ProviderResponse(id, model, message, finishReason, rawFinishReason, usage, newMetadata);
  }
}
