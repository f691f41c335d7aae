/**
 * Retries, circuit breakers, client-side rate limits and bulkheads: the policies an application sets
 * through {@code Llms.builder()} or {@code LlmModule.withResilience}, and the state they keep behind
 * small store interfaces ({@link dev.llmkit.core.resilience.CircuitBreakerStore},
 * {@link dev.llmkit.core.resilience.RateLimitStore}, {@link dev.llmkit.core.resilience.BulkheadStore})
 * with in-memory implementations, held together by a {@link dev.llmkit.core.resilience.ResilienceRegistry}
 * that several {@code Llm}s may share and that reports each circuit's state.
 */
@NullMarked
package dev.llmkit.core.resilience;

import org.jspecify.annotations.NullMarked;
