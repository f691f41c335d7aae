package dev.llmkit.core.internal;

import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.Cost;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.PriceSource;
import dev.llmkit.api.Usage;
import dev.llmkit.core.cost.CatalogEntry;
import dev.llmkit.core.cost.CostCalculator;
import dev.llmkit.core.cost.ModelPricing;
import dev.llmkit.core.cost.PriceCatalog;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Prices the calls of one model, in this order: the per-token prices of {@link LlmConfig} (the user's
 * own figures), the cost the provider or a proxy reported, zero for a local model, the price catalog
 * (runtime registrations and user files over the bundled prices). A model with no price gets no cost
 * and one warning, never a silent zero.
 */
final class CallPricer {
  private static final System.Logger LOG = System.getLogger(CallPricer.class.getName());

  private final ModelInfo model;
  private final @Nullable ModelPricing configured;
  private final boolean local;
  private final PriceCatalog catalog;
  private final AtomicBoolean warned = new AtomicBoolean();
  private volatile @Nullable Lookup lookup; // the catalog's answer for this model, per catalog revision

  CallPricer(LlmConfig config, ModelInfo model, PriceCatalog catalog) {
    this.model = model;
    this.configured = configured(config);
    this.local = CostCalculator.isLocal(model.provider(), config.baseUrl());
    this.catalog = catalog;
  }

  /** The cost of one response and where it came from; the cost is {@code null} when unknown. */
  Priced price(Usage usage, @Nullable Cost providerCost) {
    if (configured != null) {
      return new Priced(CostCalculator.cost(usage, configured), PriceSource.CONFIG);
    }
    if (providerCost != null) {
      return new Priced(providerCost, PriceSource.PROVIDER);
    }
    if (local) {
      return new Priced(Cost.ZERO, PriceSource.LOCAL);
    }
    Optional<CatalogEntry> entry = catalogEntry();
    if (entry.isPresent()) {
      Cost cost = CostCalculator.cost(usage, entry.get().pricing());
      return new Priced(cost, cost == null ? PriceSource.UNKNOWN : catalog.sourceOf(entry.get()));
    }
    if (warned.compareAndSet(false, true)) {
      LOG.log(System.Logger.Level.WARNING, "no price is known for " + model.qualifiedName()
          + ": its calls have no cost. Set LlmConfig.inputCostPerToken and outputCostPerToken, or register a price");
    }
    return new Priced(null, PriceSource.UNKNOWN);
  }

  /**
   * The prices this model's calls are expected to be charged at, before a call is sent: the config's,
   * zero for a local model, or the catalog's; {@code null} when unknown (a provider-reported cost is
   * only known afterwards).
   */
  @Nullable ModelPricing expectedPricing() {
    if (configured != null) {
      return configured;
    }
    if (local) {
      return ModelPricing.of(BigDecimal.ZERO, BigDecimal.ZERO);
    }
    return catalogEntry().map(CatalogEntry::pricing).orElse(null);
  }

  Priced price(ChatResponse response) {
    return price(response.usage(), response.metadata().providerCost());
  }

  private Optional<CatalogEntry> catalogEntry() {
    long revision = catalog.revision();
    Lookup l = lookup;
    if (l == null || l.revision != revision) {
      l = new Lookup(revision, catalog.find(model.provider(), model.name()));
      lookup = l;
    }
    return l.entry;
  }

  private static @Nullable ModelPricing configured(LlmConfig c) {
    if (c.inputCostPerToken() == null || c.outputCostPerToken() == null) {
      return null; // ConfigSupport refuses a config that sets only one of the two
    }
    return new ModelPricing(c.inputCostPerToken(), c.outputCostPerToken(), c.cacheReadCostPerToken(),
        c.cacheWriteCostPerToken(), null, null, List.of());
  }

  /** A cost and its source. */
  record Priced(@Nullable Cost cost, PriceSource source) {}

  private record Lookup(long revision, Optional<CatalogEntry> entry) {}
}
