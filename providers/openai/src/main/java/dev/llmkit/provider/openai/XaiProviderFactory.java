package dev.llmkit.provider.openai;

import com.google.auto.service.AutoService;
import dev.llmkit.spi.ProviderFactory;

/**
 * xAI ({@code https://api.x.ai/v1}, key from {@code XAI_API_KEY}); claims {@code grok-*}.
 *
 * <pre>{@code
 * Llm llm = Llms.create(LlmConfig.builder().model("xai/grok-4").build());
 * }</pre>
 */
@AutoService(ProviderFactory.class)
public final class XaiProviderFactory extends OpenAiCompatibleFactory {
  /** The provider id, the model prefix in {@code xai/<model>}. */
  public static final String ID = "xai";

  public XaiProviderFactory() {
    super(Dialects.XAI);
  }
}
