package dev.llmkit.testkit.mock;

import java.util.List;

/**
 * The wire dialects the testkit ships. {@link MockLlmServer#start()} mounts them all; their paths do
 * not overlap, so each request finds its dialect by path alone.
 *
 * <pre>{@code
 * try (MockLlmServer mock = MockLlmServer.start(WireDialects.gemini())) {
 *   String baseUrl = mock.baseUrl(WireDialects.gemini());   // http://127.0.0.1:PORT/v1beta
 * }
 * }</pre>
 */
public final class WireDialects {
  private WireDialects() {}

  /** OpenAI Chat Completions ({@code POST …/chat/completions}), also spoken by compatible servers. */
  public static WireDialect openAi() {
    return OpenAiDialect.INSTANCE;
  }

  /** Anthropic Messages ({@code POST /v1/messages}, {@code /v1/messages/count_tokens}). */
  public static WireDialect anthropic() {
    return AnthropicDialect.INSTANCE;
  }

  /** Google Gemini ({@code POST /v1beta/models/{model}:generateContent}, {@code :streamGenerateContent}, {@code :countTokens}). */
  public static WireDialect gemini() {
    return GeminiDialect.INSTANCE;
  }

  /** Ollama's native API ({@code POST /api/chat}, NDJSON streams). */
  public static WireDialect ollama() {
    return OllamaDialect.INSTANCE;
  }

  /** Every dialect above, in that order. */
  public static List<WireDialect> all() {
    return List.of(openAi(), anthropic(), gemini(), ollama());
  }
}
