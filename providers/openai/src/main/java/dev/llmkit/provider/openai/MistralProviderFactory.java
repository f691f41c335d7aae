package dev.llmkit.provider.openai;

import com.google.auto.service.AutoService;
import dev.llmkit.spi.ProviderFactory;

/**
 * Mistral AI ({@code https://api.mistral.ai/v1}, key from {@code MISTRAL_API_KEY}); claims {@code mistral-*},
 * {@code codestral-*} and {@code magistral-*}. Sends {@code random_seed} and {@code max_tokens}.
 *
 * <pre>{@code
 * Llm llm = Llms.create(LlmConfig.builder().model("mistral/mistral-large-latest").build());
 * }</pre>
 */
@AutoService(ProviderFactory.class)
public final class MistralProviderFactory extends OpenAiCompatibleFactory {
  /** The provider id, the model prefix in {@code mistral/<model>}. */
  public static final String ID = "mistral";

  public MistralProviderFactory() {
    super(Dialects.MISTRAL);
  }
}
