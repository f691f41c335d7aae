package dev.llmkit.provider.openai;

import com.google.auto.service.AutoService;
import dev.llmkit.spi.ProviderFactory;

/**
 * Ollama through its OpenAI-compatible endpoint ({@code http://localhost:11434/v1}); no key needed.
 * Ollama takes images only inline ({@code data:} URLs), so image URLs are refused before sending.
 * The id {@code ollama} belongs to the native provider ({@code llm-provider-ollama}, {@code /api/chat}),
 * which also reads thinking, {@code num_ctx} and Ollama's own errors; use this one for servers or
 * proxies that expose only the {@code /v1} API. Like the native provider, it claims no bare model names.
 *
 * <pre>{@code
 * Llm llm = Llms.create(LlmConfig.builder().model("ollama-openai/llama3.2").build());
 * }</pre>
 */
@AutoService(ProviderFactory.class)
public final class OllamaOpenAiProviderFactory extends OpenAiCompatibleFactory {
  /** The provider id, the model prefix in {@code ollama-openai/<model>}. */
  public static final String ID = "ollama-openai";

  public OllamaOpenAiProviderFactory() {
    super(Dialects.OLLAMA_OPENAI);
  }
}
