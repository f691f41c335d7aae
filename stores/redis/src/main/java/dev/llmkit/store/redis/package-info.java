/**
 * The {@code redis} shared store plugin: budgets, rate limits, circuits and cached responses of a
 * fleet of processes on one Redis server. Open it with {@link dev.llmkit.core.store.SharedStores#open}.
 */
@NullMarked
package dev.llmkit.store.redis;

import org.jspecify.annotations.NullMarked;
