/**
 * The llmkit API: the {@link dev.llmkit.api.Llm} port an application calls, and the immutable values
 * that travel through it. This package has no runtime dependencies.
 *
 * <pre>{@code
 * Llm llm = Llms.create(LlmConfig.builder().model("openai/gpt-4o").build());
 * ChatResponse reply = llm.complete(ChatRequest.of(Message.user("Hello")));
 * }</pre>
 */
@NullMarked
package dev.llmkit.api;

import org.jspecify.annotations.NullMarked;
