/**
 * The Google Gemini API ({@code models/{model}:generateContent}, {@code :streamGenerateContent?alt=sse}
 * and {@code :countTokens}) as an llmkit provider plugin: request mapping (system instruction, roles,
 * images, tools with their schemas adapted to Gemini's subset, tool choice, generation and thinking
 * config, safety settings, thought signatures), response and stream decoding, error classification and
 * token counting.
 *
 * <p>Applications do not use these types directly: add the jar and ask llmkit for
 * {@code gemini/gemini-2.5-flash} (or a bare {@code gemini-*} name).
 */
@NullMarked
package dev.llmkit.provider.gemini;

import org.jspecify.annotations.NullMarked;
