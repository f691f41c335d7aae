package dev.llmkit.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of one call. {@code cost} is {@code null} when no price is known for the model;
 * {@code latency} is the wall time of the provider exchange as measured by the engine;
 * {@code metadata} holds what came with the answer (request id, rate limits, provider-reported cost)
 * and what the pipeline recorded for the call ({@link ResponseMetadata#attributes()}).
 */
public record ChatResponse(
    String id,
    String provider,
    String model,
    AssistantMessage message,
    FinishReason finishReason,
    @Nullable String rawFinishReason,
    Usage usage,
    @Nullable Cost cost,
    Duration latency,
    ResponseMetadata metadata) {

  public ChatResponse {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(finishReason, "finishReason");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(metadata, "metadata");
  }

  /** A response without metadata. */
  public ChatResponse(String id, String provider, String model, AssistantMessage message, FinishReason finishReason,
      @Nullable String rawFinishReason, Usage usage, @Nullable Cost cost, Duration latency) {
    this(id, provider, model, message, finishReason, rawFinishReason, usage, cost, latency, ResponseMetadata.NONE);
  }

  /** The answer text, or the empty string when the model only called tools. */
  public String text() {
    return message.textOrEmpty();
  }

  public List<ToolCall> toolCalls() {
    return message.toolCalls();
  }

  public boolean hasToolCalls() {
    return !message.toolCalls().isEmpty();
  }

  public ChatResponse withLatency(Duration newLatency) {
    return new ChatResponse(id, provider, model, message, finishReason, rawFinishReason, usage, cost, newLatency, metadata);
  }

  public ChatResponse withCost(@Nullable Cost newCost) {
    return new ChatResponse(id, provider, model, message, finishReason, rawFinishReason, usage, newCost, latency, metadata);
  }

  public ChatResponse withMessage(AssistantMessage newMessage, FinishReason newReason) {
    return new ChatResponse(id, provider, model, newMessage, newReason, rawFinishReason, usage, cost, latency, metadata);
  }

  public ChatResponse withMetadata(ResponseMetadata newMetadata) {
    return new ChatResponse(id, provider, model, message, finishReason, rawFinishReason, usage, cost, latency, newMetadata);
  }
}
