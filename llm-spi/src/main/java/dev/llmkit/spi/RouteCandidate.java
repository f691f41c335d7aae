package dev.llmkit.spi;

import dev.llmkit.api.ModelInfo;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A model a router may choose, under the name the user gave it in the routing config, with what the
 * host knows about it: its model info (context window, features), its prices, its health and recent
 * stats.
 *
 * @param healthy whether it may be used now: circuit closed and not cooling down (the first SPI's flag;
 *     {@link #health()} says more)
 * @param prices per-token prices, or {@code null} when unknown
 */
public record RouteCandidate(
    String name, ModelInfo model, boolean healthy, @Nullable CandidatePrices prices, CandidateHealth health,
    CandidateStats stats) {

  public RouteCandidate {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(stats, "stats");
  }

  /** A candidate with no prices, no cooldown and no stats (the first SPI's shape). */
  public RouteCandidate(String name, ModelInfo model, boolean healthy) {
    this(name, model, healthy, null, new CandidateHealth(!healthy, null), CandidateStats.EMPTY);
  }

  /** A healthy candidate with no prices and no stats. */
  public static RouteCandidate of(String name, ModelInfo model) {
    return new RouteCandidate(name, model, true);
  }

  /** The model's context window in tokens, or {@link Long#MAX_VALUE} when unknown. */
  public long contextWindow() {
    Integer window = model.contextWindow();
    return window != null ? window : Long.MAX_VALUE;
  }
}
