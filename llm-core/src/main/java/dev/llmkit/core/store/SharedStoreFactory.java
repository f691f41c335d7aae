package dev.llmkit.core.store;

import com.codahale.metrics.MetricRegistry;

/**
 * The plugin interface of shared stores: a jar on the class path (such as {@code llm-store-redis})
 * registers one with {@link java.util.ServiceLoader}, and {@link SharedStores#open} picks it by
 * {@link StoreSettings#type()}.
 */
public interface SharedStoreFactory {

  /** The type it serves, as {@link StoreSettings#type()} names it, e.g. {@code redis}. */
  String id();

  /**
   * Connects to the store's server as {@code settings} say and reports its round trips, latency,
   * errors and fallbacks to {@code metrics}. Does not fail when the server is down: operations then
   * follow the {@link FailPolicy} of their store, and the stores reconnect by themselves.
   *
   * @throws dev.llmkit.api.LlmException of kind {@code CONFIGURATION} when a setting is invalid
   */
  SharedStores create(StoreSettings settings, MetricRegistry metrics);
}
