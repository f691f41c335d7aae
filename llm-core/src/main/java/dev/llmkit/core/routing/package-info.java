/**
 * The routing {@link dev.llmkit.api.Llm}: one {@code Llm} over several named candidates, each built
 * with {@link dev.llmkit.core.Llms#builder()}, that asks a {@link dev.llmkit.spi.Router} (found by id
 * among the installed {@link dev.llmkit.spi.RouterFactory} plugins) for a plan per call, falls back
 * along it, and records the decision. Entry point: {@link dev.llmkit.core.routing.LlmRouting}.
 */
@NullMarked
package dev.llmkit.core.routing;

import org.jspecify.annotations.NullMarked;
