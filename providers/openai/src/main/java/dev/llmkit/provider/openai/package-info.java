/**
 * The OpenAI Chat Completions wire format as an llmkit provider plugin, for OpenAI itself and the
 * servers that speak the same dialect: Azure OpenAI, Groq, DeepSeek, OpenRouter, Mistral, Together,
 * xAI, Fireworks, vLLM, LM Studio and Ollama's {@code /v1} endpoint. Each server is its own
 * {@link dev.llmkit.spi.ProviderFactory} (an id such as {@code groq}); they share one implementation and
 * differ only in their dialect: endpoint, auth header, field names and model knowledge.
 *
 * <pre>{@code
 * Llm llm = Llms.create(LlmConfig.builder().model("openai/gpt-4o").build());     // reads OPENAI_API_KEY
 * Llm local = Llms.create(LlmConfig.builder().model("vllm/Qwen/Qwen3-8B")
 *     .baseUrl("http://gpu-box:8000/v1").build());                                // no key needed
 * }</pre>
 */
@NullMarked
package dev.llmkit.provider.openai;

import org.jspecify.annotations.NullMarked;
