package dev.llmkit.provider.openai;

import com.google.auto.service.AutoService;
import dev.llmkit.spi.ProviderFactory;

/**
 * DeepSeek ({@code https://api.deepseek.com/v1}, key from {@code DEEPSEEK_API_KEY}); claims {@code deepseek-*}.
 * The reasoning of {@code deepseek-reasoner} arrives as {@code reasoning_content}.
 *
 * <pre>{@code
 * Llm llm = Llms.create(LlmConfig.builder().model("deepseek/deepseek-chat").build());
 * }</pre>
 */
@AutoService(ProviderFactory.class)
public final class DeepSeekProviderFactory extends OpenAiCompatibleFactory {
  /** The provider id, the model prefix in {@code deepseek/<model>}. */
  public static final String ID = "deepseek";

  public DeepSeekProviderFactory() {
    super(Dialects.DEEPSEEK);
  }
}
