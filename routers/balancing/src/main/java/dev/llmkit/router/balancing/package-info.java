/**
 * The {@code balancing} router: spreads calls over deployments of the same model by weighted random
 * choice (the default), fewest calls in flight, lowest latency, lowest cost or RPM/TPM headroom,
 * skipping deployments in cooldown and waiting a bounded time when all of them are cooling down.
 */
@NullMarked
package dev.llmkit.router.balancing;

import org.jspecify.annotations.NullMarked;
