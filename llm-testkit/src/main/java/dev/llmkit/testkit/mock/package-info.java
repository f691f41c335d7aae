/**
 * A local mock LLM server that speaks the OpenAI Chat Completions and the Anthropic Messages wire
 * formats, for tests and offline demos. Replies are scripted per request ({@link
 * dev.llmkit.testkit.mock.MockReply}), streamed when the request asks for it, and every request is
 * recorded for assertions.
 *
 * <pre>{@code
 * try (MockLlmServer mock = MockLlmServer.start()) {
 *   mock.reply(MockReply.text("Hello"));
 *   Llm llm = Llms.create(LlmConfig.builder().model("openai/gpt-4o").baseUrl(mock.baseUrl()).apiKey("test").build());
 *   llm.complete(ChatRequest.of(Message.user("Hi")));      // -> "Hello"
 *   mock.lastRequest().json().at("/messages/0/content");    // what the provider sent
 * }
 * }</pre>
 */
@NullMarked
package dev.llmkit.testkit.mock;

import org.jspecify.annotations.NullMarked;
