package dev.llmkit.store.redis;

import com.codahale.metrics.MetricRegistry;
import com.google.auto.service.AutoService;
import dev.llmkit.core.store.SharedStoreFactory;
import dev.llmkit.core.store.SharedStores;
import dev.llmkit.core.store.StoreSettings;

/**
 * The {@code redis} shared store: budgets, rate limits, circuits and the response cache on one Redis
 * server (5.0 or later, for {@code TIME} in scripts), through Jedis.
 */
@AutoService(SharedStoreFactory.class)
public final class RedisStoreFactory implements SharedStoreFactory {
  public static final String ID = "redis";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public SharedStores create(StoreSettings settings, MetricRegistry metrics) {
    return new RedisSharedStores(settings, metrics);
  }
}
