package dev.llmkit.provider.openai;

import com.google.auto.service.AutoService;
import dev.llmkit.spi.ProviderFactory;

/**
 * Groq ({@code https://api.groq.com/openai/v1}, key from {@code GROQ_API_KEY}).
 *
 * <pre>{@code
 * Llm llm = Llms.create(LlmConfig.builder().model("groq/llama-3.3-70b-versatile").build());
 * }</pre>
 */
@AutoService(ProviderFactory.class)
public final class GroqProviderFactory extends OpenAiCompatibleFactory {
  /** The provider id, the model prefix in {@code groq/<model>}. */
  public static final String ID = "groq";

  public GroqProviderFactory() {
    super(Dialects.GROQ);
  }
}
