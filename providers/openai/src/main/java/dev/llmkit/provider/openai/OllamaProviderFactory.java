package dev.llmkit.provider.openai;

import com.google.auto.service.AutoService;
import dev.llmkit.spi.ProviderFactory;

/**
 * Ollama through its OpenAI-compatible endpoint ({@code http://localhost:11434/v1}); no key needed.
 * Ollama takes images only inline ({@code data:} URLs), so image URLs are refused before sending.
 *
 * <pre>{@code
 * Llm llm = Llms.create(LlmConfig.builder().model("ollama/llama3.2").build());
 * }</pre>
 */
@AutoService(ProviderFactory.class)
public final class OllamaProviderFactory extends OpenAiCompatibleFactory {
  /** The provider id, the model prefix in {@code ollama/<model>}. */
  public static final String ID = "ollama";

  public OllamaProviderFactory() {
    super(Dialects.OLLAMA);
  }
}
