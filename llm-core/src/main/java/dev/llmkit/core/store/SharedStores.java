package dev.llmkit.core.store;

import com.codahale.metrics.MetricRegistry;
import dev.llmkit.api.Cost;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.core.PluginDiscovery;
import dev.llmkit.core.budget.Budget;
import dev.llmkit.core.budget.BudgetStore;
import dev.llmkit.core.cache.ResponseCache;
import dev.llmkit.core.cache.ResponseCacheStore;
import dev.llmkit.core.resilience.CircuitBreakerStore;
import dev.llmkit.core.resilience.InMemoryBulkheadStore;
import dev.llmkit.core.resilience.RateLimitStore;
import dev.llmkit.core.resilience.ResilienceRegistry;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * State shared by every process of a fleet: budgets, rate-limit buckets, circuits and cached responses
 * kept on one server (Redis, with {@code llm-store-redis} on the class path), so that limits hold for
 * the whole fleet instead of for each process. Open it once per process and close it on shutdown:
 *
 * <pre>{@code
 * SharedStores shared = SharedStores.open(StoreSettings.builder("redis", URI.create("redis://cache:6379"))
 *     .password(Secret.of(System.getenv("REDIS_PASSWORD"))).build(), metrics);
 * Llm llm = Llms.builder().config(config).sharedStores(shared)
 *     .budget(shared.budget("team-a", Cost.usd("50")))
 *     .responseCache(shared.cachedResponses(Duration.ofHours(1))).build();
 * }</pre>
 */
public interface SharedStores extends AutoCloseable {

  BudgetStore budgets();

  RateLimitStore rateLimits();

  CircuitBreakerStore circuits();

  ResponseCacheStore responseCache();

  /** A budget kept in {@link #budgets()}: every process naming the same budget shares its cap. */
  default Budget budget(String name, Cost limit) {
    return Budget.of(name, limit, budgets());
  }

  /**
   * Response-cache options on {@link #responseCache()}: an answer paid for in one process is a hit in
   * every other ({@code Llms.builder().responseCache(shared.cachedResponses(Duration.ofHours(1)))}).
   */
  default ResponseCache cachedResponses(Duration timeToLive) {
    return ResponseCache.builder().store(responseCache()).timeToLive(timeToLive).build();
  }

  /**
   * Circuits and rate limits from this store; bulkheads stay per process (they bound this process's
   * connections, and a shared one would need a wait queue across processes).
   */
  default ResilienceRegistry resilienceRegistry() {
    return ResilienceRegistry.of(circuits(), rateLimits(), new InMemoryBulkheadStore());
  }

  /** Closes the connections to the server. */
  @Override
  void close();

  /** Opens the stores of {@code settings.type()} found by the thread's context class loader (as plugins are). */
  static SharedStores open(StoreSettings settings, MetricRegistry metrics) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return open(settings, metrics, loader != null ? loader : SharedStores.class.getClassLoader());
  }

  /** Opens the stores of {@code settings.type()} found with {@code loader}. */
  static SharedStores open(StoreSettings settings, MetricRegistry metrics, ClassLoader loader) {
    PluginDiscovery.Result<SharedStoreFactory> found = PluginDiscovery.load(SharedStoreFactory.class, loader);
    for (SharedStoreFactory factory : found.plugins()) {
      if (factory.id().equals(settings.type())) {
        return factory.create(settings, metrics);
      }
    }
    List<String> known = found.plugins().stream().map(SharedStoreFactory::id).sorted().toList();
    throw LlmException.builder(ErrorKind.CONFIGURATION, "no shared store of type '" + settings.type() + "' is on the class path"
        + (known.isEmpty() ? "" : " (found: " + String.join(", ", known) + ")")
        + "; add its jar (for redis: dev.llmkit:llm-store-redis)"
        + (found.problems().isEmpty() ? "" : "; problems: " + found.problems().stream().collect(Collectors.joining("; "))))
        .build();
  }
}
