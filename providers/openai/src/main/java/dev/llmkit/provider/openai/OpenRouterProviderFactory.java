package dev.llmkit.provider.openai;

import com.google.auto.service.AutoService;
import dev.llmkit.spi.ProviderFactory;

/**
 * OpenRouter ({@code https://openrouter.ai/api/v1}, key from {@code OPENROUTER_API_KEY}). Model names keep
 * OpenRouter's vendor prefix. {@link dev.llmkit.api.LlmConfig#openrouterSiteUrl()} and
 * {@link dev.llmkit.api.LlmConfig#openrouterAppName()} are sent as {@code HTTP-Referer} and {@code X-Title}.
 *
 * <pre>{@code
 * Llm llm = Llms.create(LlmConfig.builder().model("openrouter/anthropic/claude-sonnet-4.5").build());
 * }</pre>
 */
@AutoService(ProviderFactory.class)
public final class OpenRouterProviderFactory extends OpenAiCompatibleFactory {
  /** The provider id, the model prefix in {@code openrouter/<model>}. */
  public static final String ID = "openrouter";

  public OpenRouterProviderFactory() {
    super(Dialects.OPENROUTER);
  }
}
