package dev.llmkit.api;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What came with a response besides the answer: the provider's request id, its rate-limit figures,
 * a retry hint, the cost the provider (or a proxy such as OpenRouter or a LiteLLM proxy) reported for
 * the call, and the attributes the pipeline recorded for it.
 *
 * @param requestId the provider's id for the HTTP request ({@code x-request-id}, {@code request-id}),
 *     the one its support asks for
 * @param providerCost the cost the provider itself reported, or {@code null}
 */
public record ResponseMetadata(
    @Nullable String requestId,
    RateLimits rateLimits,
    @Nullable Duration retryAfter,
    @Nullable Cost providerCost,
    CallAttributes attributes) {

  public static final ResponseMetadata NONE = new ResponseMetadata(null, RateLimits.NONE, null, null, CallAttributes.EMPTY);

  public ResponseMetadata {
    Objects.requireNonNull(rateLimits, "rateLimits");
    Objects.requireNonNull(attributes, "attributes");
  }

  /** What the wire said, with no attributes yet. */
  public static ResponseMetadata of(@Nullable String requestId, RateLimits rateLimits, @Nullable Duration retryAfter,
      @Nullable Cost providerCost) {
    return new ResponseMetadata(requestId, rateLimits, retryAfter, providerCost, CallAttributes.EMPTY);
  }

  public ResponseMetadata withAttributes(CallAttributes newAttributes) {
    return new ResponseMetadata(requestId, rateLimits, retryAfter, providerCost, newAttributes);
  }

  public ResponseMetadata withProviderCost(@Nullable Cost cost) {
    return new ResponseMetadata(requestId, rateLimits, retryAfter, cost, attributes);
  }
}
