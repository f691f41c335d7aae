/**
 * Structured output: a {@link dev.llmkit.api.ResponseFormat} is sent natively to models that take
 * one, and emulated for the others by an instruction in the system prompt; either way the reply is
 * checked before it reaches the caller ({@link dev.llmkit.core.output.StructuredOutputGuard}).
 */
@NullMarked
package dev.llmkit.core.output;

import org.jspecify.annotations.NullMarked;
