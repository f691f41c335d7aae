/**
 * What an llmkit plugin implements. A provider jar registers a {@link dev.llmkit.spi.ProviderFactory}
 * with {@code @AutoService(ProviderFactory.class)}; a router jar a {@link dev.llmkit.spi.RouterFactory}.
 * The engine hands each plugin what it owns through a context object ({@link dev.llmkit.spi.ProviderContext}).
 * New capabilities arrive as {@code default} methods so that older plugins keep working.
 */
@NullMarked
package dev.llmkit.spi;

import org.jspecify.annotations.NullMarked;
