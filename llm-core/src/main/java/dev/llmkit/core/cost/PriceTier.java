package dev.llmkit.core.cost;

import java.util.Objects;

/**
 * Long-context prices of a model: they apply when the prompt of a call (all its input tokens, cached
 * ones included) is greater than {@code aboveInputTokens}.
 *
 * @param aboveInputTokens the prompt size the tier starts above, in tokens
 * @param wholeRequest {@code true}: every token of the call is charged at this tier's prices (how
 *     Anthropic, Google and OpenAI bill long contexts, and what every tier of the bundled catalog
 *     means); {@code false}: only the prompt tokens beyond {@code aboveInputTokens} are, the rest at
 *     the prices below this tier (see {@link CostCalculator#cost})
 * @param pricing the prices of the tier; it has no tiers of its own
 */
public record PriceTier(long aboveInputTokens, boolean wholeRequest, ModelPricing pricing) {

  public PriceTier {
    if (aboveInputTokens < 0) {
      throw new IllegalArgumentException("aboveInputTokens must not be negative, was " + aboveInputTokens);
    }
    Objects.requireNonNull(pricing, "pricing");
    if (!pricing.tiers().isEmpty()) {
      throw new IllegalArgumentException("the pricing of a tier has no tiers of its own");
    }
  }
}
