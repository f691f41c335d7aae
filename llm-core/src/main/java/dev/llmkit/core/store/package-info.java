/**
 * Shared stores: the plugin interface ({@link dev.llmkit.core.store.SharedStoreFactory}) and settings
 * of stores that keep budgets, rate limits, circuits and cached responses for a whole fleet of
 * processes. Nothing here knows a particular server; {@code llm-store-redis} provides Redis.
 */
@NullMarked
package dev.llmkit.core.store;

import org.jspecify.annotations.NullMarked;
