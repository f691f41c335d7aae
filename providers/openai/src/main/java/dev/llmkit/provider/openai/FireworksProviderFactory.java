package dev.llmkit.provider.openai;

import com.google.auto.service.AutoService;
import dev.llmkit.spi.ProviderFactory;

/**
 * Fireworks AI ({@code https://api.fireworks.ai/inference/v1}, key from {@code FIREWORKS_API_KEY}).
 *
 * <pre>{@code
 * Llm llm = Llms.create(LlmConfig.builder().model("fireworks/accounts/fireworks/models/llama-v3p1-70b-instruct").build());
 * }</pre>
 */
@AutoService(ProviderFactory.class)
public final class FireworksProviderFactory extends OpenAiCompatibleFactory {
  /** The provider id, the model prefix in {@code fireworks/<model>}. */
  public static final String ID = "fireworks";

  public FireworksProviderFactory() {
    super(Dialects.FIREWORKS);
  }
}
