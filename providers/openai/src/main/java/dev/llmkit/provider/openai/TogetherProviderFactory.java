package dev.llmkit.provider.openai;

import com.google.auto.service.AutoService;
import dev.llmkit.spi.ProviderFactory;

/**
 * Together AI ({@code https://api.together.xyz/v1}, key from {@code TOGETHER_API_KEY} or {@code TOGETHERAI_API_KEY}).
 *
 * <pre>{@code
 * Llm llm = Llms.create(LlmConfig.builder().model("together/meta-llama/Llama-3.3-70B-Instruct-Turbo").build());
 * }</pre>
 */
@AutoService(ProviderFactory.class)
public final class TogetherProviderFactory extends OpenAiCompatibleFactory {
  /** The provider id, the model prefix in {@code together/<model>}. */
  public static final String ID = "together";

  public TogetherProviderFactory() {
    super(Dialects.TOGETHER);
  }
}
