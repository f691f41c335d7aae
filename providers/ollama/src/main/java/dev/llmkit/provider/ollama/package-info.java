/**
 * Ollama's native chat API ({@code POST /api/chat}) as an llmkit provider plugin: request mapping
 * (system prompts as messages, base64 images, tool calls with object arguments, tool results by name,
 * {@code think}, {@code format}, sampling under {@code options}), response and NDJSON stream decoding,
 * and error classification, with a connection error that says how to start the server.
 *
 * <p>Applications do not use these types directly: add the jar and ask llmkit for
 * {@code ollama/llama3.2:3b} (any name {@code ollama list} shows, after the {@code ollama/} prefix).
 */
@NullMarked
package dev.llmkit.provider.ollama;

import org.jspecify.annotations.NullMarked;
