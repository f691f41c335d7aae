/**
 * Prices and cost arithmetic: {@link dev.llmkit.core.cost.PriceCatalog}, the bundled catalog of
 * per-token prices, long-context tiers, limits and capabilities of chat models (with user files and
 * runtime registrations over it), and {@link dev.llmkit.core.cost.CostCalculator}, which turns a
 * {@link dev.llmkit.api.Usage} and a {@link dev.llmkit.core.cost.ModelPricing} into an exact
 * {@link dev.llmkit.api.Cost}.
 *
 * <pre>{@code
 * PriceCatalog catalog = PriceCatalog.bundled();
 * ModelPricing pricing = catalog.find("anthropic", "claude-sonnet-4-5-20250929").orElseThrow().pricing();
 * Cost cost = CostCalculator.cost(response.usage(), pricing);
 * }</pre>
 */
@NullMarked
package dev.llmkit.core.cost;

import org.jspecify.annotations.NullMarked;
