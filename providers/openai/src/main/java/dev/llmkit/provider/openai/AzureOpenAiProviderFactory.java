package dev.llmkit.provider.openai;

import com.google.auto.service.AutoService;
import dev.llmkit.spi.ProviderFactory;

/**
 * Azure OpenAI. The base URL is your resource ({@code https://{resource}.openai.azure.com}, or
 * {@code AZURE_OPENAI_ENDPOINT}); the model name is the deployment name; {@link dev.llmkit.api.LlmConfig#apiVersion()}
 * picks the {@code api-version} (default {@code 2024-10-21}). A base URL ending in {@code /openai/v1} uses
 * Azure's v1 API instead. The key ({@code AZURE_API_KEY} or {@code AZURE_OPENAI_API_KEY}) goes in the
 * {@code api-key} header; an {@code Authorization} header in {@code extraHeaders} (an Entra ID token) replaces it.
 *
 * <pre>{@code
 * Llm llm = Llms.create(LlmConfig.builder().model("azure/my-gpt4o-deployment").build());
 * }</pre>
 */
@AutoService(ProviderFactory.class)
public final class AzureOpenAiProviderFactory extends OpenAiCompatibleFactory {
  /** The provider id, the model prefix in {@code azure/<model>}. */
  public static final String ID = "azure";

  public AzureOpenAiProviderFactory() {
    super(Dialects.AZURE);
  }
}
