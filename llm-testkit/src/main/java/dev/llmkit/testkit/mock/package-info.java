/**
 * A local mock LLM server for tests and offline demos that speaks any wire format a {@link
 * dev.llmkit.testkit.mock.WireDialect} describes: OpenAI Chat Completions, Anthropic Messages, Gemini and
 * Ollama ship as {@link dev.llmkit.testkit.mock.WireDialects}. Replies are scripted per request ({@link
 * dev.llmkit.testkit.mock.MockReply}), streamed when the request asks for it, and every request is
 * recorded for assertions and read back into a neutral {@link dev.llmkit.testkit.mock.WireView}.
 *
 * <pre>{@code
 * try (MockLlmServer mock = MockLlmServer.start()) {
 *   mock.reply(MockReply.text("Hello"));
 *   Llm llm = Llms.create(LlmConfig.builder().model("openai/gpt-4o").baseUrl(mock.baseUrl()).apiKey("test").build());
 *   llm.complete(ChatRequest.of(Message.user("Hi")));      // -> "Hello"
 *   mock.lastRequest().view().transcript();                 // ["user: Hi"]: what the provider sent
 * }
 * }</pre>
 */
@NullMarked
package dev.llmkit.testkit.mock;

import org.jspecify.annotations.NullMarked;
