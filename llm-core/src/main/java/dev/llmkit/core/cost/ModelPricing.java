package dev.llmkit.core.cost;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a model's tokens cost, in US dollars per token, exact.
 *
 * @param input an uncached prompt token
 * @param output a generated token (reasoning included, unless {@code reasoningOutput} is set)
 * @param cacheRead a prompt token read from the prompt cache; {@code null}: charged as {@code input}
 * @param cacheWrite a prompt token written to the prompt cache (the 5-minute TTL where the TTLs are
 *     priced differently); {@code null}: charged as {@code input}
 * @param cacheWrite1h a prompt token written to the cache with a 1-hour TTL, where that differs;
 *     informational: {@link dev.llmkit.api.Usage} does not tell the TTLs apart, so {@link CostCalculator}
 *     charges every cache write at {@code cacheWrite}
 * @param reasoningOutput a reasoning token, where priced apart from other output; {@code null}:
 *     reasoning tokens are charged as {@code output}
 * @param tiers long-context prices, ascending by {@link PriceTier#aboveInputTokens()} (sorted here)
 */
public record ModelPricing(
    BigDecimal input,
    BigDecimal output,
    @Nullable BigDecimal cacheRead,
    @Nullable BigDecimal cacheWrite,
    @Nullable BigDecimal cacheWrite1h,
    @Nullable BigDecimal reasoningOutput,
    List<PriceTier> tiers) {

  public ModelPricing {
    requireNonNegative(Objects.requireNonNull(input, "input"), "input");
    requireNonNegative(Objects.requireNonNull(output, "output"), "output");
    requireNonNegative(cacheRead, "cacheRead");
    requireNonNegative(cacheWrite, "cacheWrite");
    requireNonNegative(cacheWrite1h, "cacheWrite1h");
    requireNonNegative(reasoningOutput, "reasoningOutput");
    List<PriceTier> sorted = new ArrayList<>(Objects.requireNonNull(tiers, "tiers"));
    sorted.forEach(t -> Objects.requireNonNull(t, "tiers must not contain null"));
    sorted.sort(Comparator.comparingLong(PriceTier::aboveInputTokens));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).aboveInputTokens() == sorted.get(i - 1).aboveInputTokens()) {
        throw new IllegalArgumentException("two tiers start above " + sorted.get(i).aboveInputTokens() + " tokens");
      }
    }
    tiers = List.copyOf(sorted);
  }

  /** Input and output prices only: cache reads and writes at the input price, no tiers. */
  public static ModelPricing of(BigDecimal input, BigDecimal output) {
    return new ModelPricing(input, output, null, null, null, null, List.of());
  }

  /** This pricing with other tiers. */
  public ModelPricing withTiers(List<PriceTier> newTiers) {
    return new ModelPricing(input, output, cacheRead, cacheWrite, cacheWrite1h, reasoningOutput, newTiers);
  }

  private static void requireNonNegative(@Nullable BigDecimal price, String field) {
    if (price != null && price.signum() < 0) {
      throw new IllegalArgumentException(field + " must not be negative, was " + price.toPlainString());
    }
  }
}
