/**
 * The Anthropic Messages API ({@code POST /v1/messages}) as an llmkit provider plugin: request
 * mapping (system prompt, merged roles, images, documents, tools, extended thinking, prompt-cache
 * marks), response and SSE stream decoding, error classification and token counting.
 *
 * <p>Applications do not use these types directly: add the jar and ask llmkit for
 * {@code anthropic/claude-sonnet-4-5} (or a bare {@code claude-*} name).
 */
@NullMarked
package dev.llmkit.provider.anthropic;

import org.jspecify.annotations.NullMarked;
