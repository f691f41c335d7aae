package dev.llmkit.provider.openai;

import com.google.auto.service.AutoService;
import dev.llmkit.spi.ProviderFactory;

/**
 * LM Studio's local server ({@code http://localhost:1234/v1}); no key needed.
 *
 * <pre>{@code
 * Llm llm = Llms.create(LlmConfig.builder().model("lmstudio/qwen2.5-7b-instruct").build());
 * }</pre>
 */
@AutoService(ProviderFactory.class)
public final class LmStudioProviderFactory extends OpenAiCompatibleFactory {
  /** The provider id, the model prefix in {@code lmstudio/<model>}. */
  public static final String ID = "lmstudio";

  public LmStudioProviderFactory() {
    super(Dialects.LMSTUDIO);
  }
}
