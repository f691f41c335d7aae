package dev.llmkit.spi;

import java.math.BigDecimal;
import java.util.Objects;

/** The USD prices of a route candidate, per token, when the host knows them. */
public record CandidatePrices(BigDecimal inputPerToken, BigDecimal outputPerToken) {
  public CandidatePrices {
    Objects.requireNonNull(inputPerToken, "inputPerToken");
    Objects.requireNonNull(outputPerToken, "outputPerToken");
  }

  /** The cost of {@code inputTokens} in and {@code outputTokens} out. */
  public BigDecimal estimate(long inputTokens, long outputTokens) {
    return inputPerToken.multiply(BigDecimal.valueOf(inputTokens))
        .add(outputPerToken.multiply(BigDecimal.valueOf(outputTokens)));
  }
}
