package dev.llmkit.provider.openai;

import com.google.auto.service.AutoService;
import dev.llmkit.spi.ProviderFactory;

/**
 * OpenAI's Chat Completions API ({@code https://api.openai.com/v1}, key from {@code OPENAI_API_KEY}).
 * Claims the bare names {@code gpt-*}, {@code o1*}, {@code o3*}, {@code o4*}, {@code chatgpt-*} and {@code ft:gpt-*}.
 *
 * <pre>{@code
 * Llm llm = Llms.create(LlmConfig.builder().model("openai/gpt-4o").build());
 * }</pre>
 */
@AutoService(ProviderFactory.class)
public final class OpenAiProviderFactory extends OpenAiCompatibleFactory {
  /** The provider id, the model prefix in {@code openai/<model>}. */
  public static final String ID = "openai";

  public OpenAiProviderFactory() {
    super(Dialects.OPENAI);
  }
}
