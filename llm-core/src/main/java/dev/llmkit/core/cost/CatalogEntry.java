package dev.llmkit.core.cost;

import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the price catalog knows of one model: its prices and, when known, its limits and
 * capabilities.
 *
 * @param provider the llmkit provider id ({@code openai}, {@code anthropic}, {@code gemini},
 *     {@code bedrock}, {@code openrouter}, ...)
 * @param model the model's canonical id at that provider
 * @param pricing per-token prices
 * @param maxInputTokens the context window, when known
 * @param maxOutputTokens the most tokens one answer may have, when known
 * @param capabilities some of {@link #FUNCTION_CALLING}, {@link #VISION}, {@link #PROMPT_CACHING},
 *     {@link #REASONING}, {@link #RESPONSE_SCHEMA}; an absent name means "not known to", not
 *     "known not to"
 */
public record CatalogEntry(
    String provider,
    String model,
    ModelPricing pricing,
    @Nullable Integer maxInputTokens,
    @Nullable Integer maxOutputTokens,
    Set<String> capabilities) {

  /** Calls tools (functions) natively. */
  public static final String FUNCTION_CALLING = "function_calling";
  /** Takes images. */
  public static final String VISION = "vision";
  /** Caches prompt prefixes (explicitly or automatically) and bills cached tokens apart. */
  public static final String PROMPT_CACHING = "prompt_caching";
  /** Reasons before answering (thinking tokens, reasoning effort). */
  public static final String REASONING = "reasoning";
  /** Answers in a JSON schema given with the request (structured output). */
  public static final String RESPONSE_SCHEMA = "response_schema";

  /** Every capability name an entry may list. */
  public static final Set<String> CAPABILITIES =
      Set.of(FUNCTION_CALLING, VISION, PROMPT_CACHING, REASONING, RESPONSE_SCHEMA);

  public CatalogEntry {
    requireText(provider, "provider");
    requireText(model, "model");
    Objects.requireNonNull(pricing, "pricing");
    requirePositive(maxInputTokens, "maxInputTokens");
    requirePositive(maxOutputTokens, "maxOutputTokens");
    capabilities = Set.copyOf(Objects.requireNonNull(capabilities, "capabilities"));
    for (String c : capabilities) {
      if (!CAPABILITIES.contains(c)) {
        throw new IllegalArgumentException("unknown capability \"" + c + "\", expected one of " + CAPABILITIES);
      }
    }
  }

  /** Whether the catalog says the model has this capability (one of the constants). */
  public boolean supports(String capability) {
    return capabilities.contains(capability);
  }

  /** {@code provider/model}. */
  public String qualifiedName() {
    return provider + "/" + model;
  }

  private static void requireText(String value, String field) {
    if (Objects.requireNonNull(value, field).isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
  }

  private static void requirePositive(@Nullable Integer value, String field) {
    if (value != null && value <= 0) {
      throw new IllegalArgumentException(field + " must be positive, was " + value);
    }
  }
}
