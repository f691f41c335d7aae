/**
 * Token counting before a call: {@link dev.llmkit.core.tokens.TokenCounter} and its implementations,
 * {@link dev.llmkit.core.tokens.TokenCounters#forModel} to pick one for a model, and
 * {@link dev.llmkit.core.tokens.ContextWindowCheck}, the pre-flight check that refuses a prompt that
 * cannot fit the model's context window.
 *
 * <ul>
 *   <li>{@link dev.llmkit.core.tokens.TiktokenCounter}: OpenAI's own BPE vocabularies (jtokkit) for the
 *       OpenAI family, counting messages the way OpenAI's cookbook does. Text is exact; the message
 *       framing, tool definitions, images and documents are documented estimates.
 *   <li>{@link dev.llmkit.core.tokens.EstimateCounter}: a documented estimate for every other model (about
 *       four UTF-8 bytes a token), and {@link dev.llmkit.core.tokens.EstimateCounter#upperBound}, a count
 *       never below what a byte-level BPE tokenizer gives for the text, for budgets and pre-flight
 *       decisions where counting too few is worse than counting too many.
 * </ul>
 *
 * <p>A provider's own count endpoint (Anthropic, Gemini) is exact where it exists and is reached through
 * {@code Llm.countInputTokens}; these counters are what is left when there is none, or when a call to it
 * is not wanted before every request.
 *
 * <pre>{@code
 * TokenCounter counter = TokenCounters.forModel(llm.model(), null);
 * long tokens = counter.count(request);
 * new ContextWindowCheck(llm.model(), counter).check(request); // ContextWindowExceededException when it cannot fit
 * }</pre>
 *
 * <p>Every class here is immutable and thread-safe. The vocabularies are loaded once per JVM, on first
 * use, and shared.
 */
@NullMarked
package dev.llmkit.core.tokens;

import org.jspecify.annotations.NullMarked;
