package dev.llmkit.store.redis;

import com.codahale.metrics.MetricRegistry;
import dev.llmkit.core.budget.BudgetStore;
import dev.llmkit.core.cache.ResponseCacheStore;
import dev.llmkit.core.resilience.CircuitBreakerStore;
import dev.llmkit.core.resilience.InMemoryBulkheadStore;
import dev.llmkit.core.resilience.RateLimitStore;
import dev.llmkit.core.resilience.ResilienceRegistry;
import dev.llmkit.core.store.SharedStoreKind;
import dev.llmkit.core.store.SharedStores;
import dev.llmkit.core.store.StoreSettings;
import java.time.Duration;

/** Every shared store on one Redis server, over one connection pool. */
final class RedisSharedStores implements SharedStores {
  private final RedisConnection connection;
  private final StoreSettings settings;
  private final RedisBudgetStore budgets;
  private final RedisRateLimitStore rateLimits;
  private final RedisCircuitBreakerStore circuits;
  private final RedisResponseCacheStore responseCache;
  private final ResilienceRegistry registry;

  RedisSharedStores(StoreSettings settings, MetricRegistry metrics) {
    Duration probeLease = probeLease(settings);
    this.settings = settings;
    this.connection = new RedisConnection(settings);
    String prefix = settings.keyPrefix();
    this.budgets = new RedisBudgetStore(prefix, guard(SharedStoreKind.BUDGET, metrics));
    this.rateLimits = new RedisRateLimitStore(prefix, guard(SharedStoreKind.RATE_LIMIT, metrics));
    this.circuits = new RedisCircuitBreakerStore(prefix, guard(SharedStoreKind.CIRCUIT, metrics), probeLease);
    this.responseCache = new RedisResponseCacheStore(prefix, guard(SharedStoreKind.RESPONSE_CACHE, metrics),
        settings.maxValueBytes(), metrics.meter(StoreGuard.metricName(SharedStoreKind.RESPONSE_CACHE, "refused")));
    this.registry = ResilienceRegistry.of(circuits, rateLimits, new InMemoryBulkheadStore());
  }

  private StoreGuard guard(SharedStoreKind kind, MetricRegistry metrics) {
    return new StoreGuard(kind, settings.failPolicy(kind), connection, metrics);
  }

  @Override
  public BudgetStore budgets() {
    return budgets;
  }

  @Override
  public RateLimitStore rateLimits() {
    return rateLimits;
  }

  @Override
  public CircuitBreakerStore circuits() {
    return circuits;
  }

  @Override
  public ResponseCacheStore responseCache() {
    return responseCache;
  }

  /** One registry per connection, so that every {@code Llm} given these stores also shares its bulkheads. */
  @Override
  public ResilienceRegistry resilienceRegistry() {
    return registry;
  }

  @Override
  public void close() {
    connection.close();
  }

  @Override
  public String toString() {
    return "RedisSharedStores[" + settings + "]";
  }

  private static Duration probeLease(StoreSettings settings) {
    String v = settings.options().get(RedisCircuitBreakerStore.PROBE_LEASE_OPTION);
    if (v == null) {
      return Duration.ofSeconds(60);
    }
    try {
      Duration d = Duration.parse(v.trim());
      if (!d.isNegative() && !d.isZero()) {
        return d;
      }
    } catch (RuntimeException e) {
      // reported below
    }
    throw RedisConnection.invalid("store option " + RedisCircuitBreakerStore.PROBE_LEASE_OPTION
        + " must be a positive ISO-8601 duration such as PT60S, was '" + v + "'");
  }
}
