package dev.llmkit.core;

import com.codahale.metrics.MetricRegistry;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.core.budget.Budget;
import dev.llmkit.core.cache.ResponseCache;
import dev.llmkit.core.cost.PriceCatalog;
import dev.llmkit.core.features.FeaturePatterns;
import dev.llmkit.core.features.ModelFeatureRegistry;
import dev.llmkit.core.internal.ConfigSupport;
import dev.llmkit.core.internal.DefaultLlm;
import dev.llmkit.core.internal.DefaultMetrics;
import dev.llmkit.core.internal.DefaultStages;
import dev.llmkit.core.internal.ModelResolver;
import dev.llmkit.core.internal.ResolvedModel;
import dev.llmkit.core.resilience.ResilienceOptions;
import dev.llmkit.core.resilience.ResilienceRegistry;
import dev.llmkit.core.tokens.TokenCounters;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderContext;
import java.util.List;

/**
 * Assembles one {@link Llm} without Guice: model resolution, the config check, the provider, and the
 * default {@link dev.llmkit.core.internal.Pipeline} with the application's interceptors. {@link LlmModule}
 * builds the same graph through Guice bindings.
 */
final class LlmAssembly {
  private LlmAssembly() {}

  static Llm assemble(LlmConfig config, PluginRegistry registry, ProviderContext context, MetricRegistry metricRegistry,
      List<LlmInterceptor> interceptors, PriceCatalog catalog, List<Budget> budgets, boolean checkContextWindow,
      ResilienceOptions resilience, ResponseCache responseCache) {
    ResolvedModel resolved = resolve(config, registry, catalog);
    ChatProvider provider = resolved.factory().create(config, context);
    DefaultMetrics metrics = new DefaultMetrics();
    return new DefaultLlm(resolved.info(), provider,
        DefaultStages.pipeline(config, resolved.info(), provider, interceptors, metrics, metricRegistry, context.clock(),
            catalog, budgets, checkContextWindow, resilience, registryOf(resilience), context.executor(), responseCache),
        DefaultStages.preparation(config, resolved.info()), TokenCounters.forModel(resolved.info(), config.customTokenizer()),
        metrics);
  }

  /** The options' registry, or a new in-memory one: an {@code Llm} built without one keeps its own state. */
  static ResilienceRegistry registryOf(ResilienceOptions options) {
    return options.registry() != null ? options.registry() : ResilienceRegistry.inMemory();
  }

  /**
   * The model and its provider, with every config field checked against what that provider supports;
   * features and limits come from the provider, the catalog (the one calls are costed with) and name
   * patterns.
   */
  static ResolvedModel resolve(LlmConfig config, PluginRegistry registry, PriceCatalog catalog) {
    ModelFeatureRegistry features = new ModelFeatureRegistry(catalog, FeaturePatterns.bundled());
    ResolvedModel resolved = new ModelResolver(registry, features).resolve(config);
    ConfigSupport.check(config, resolved.factory().descriptor());
    return resolved;
  }
}
