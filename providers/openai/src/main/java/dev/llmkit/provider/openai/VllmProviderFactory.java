package dev.llmkit.provider.openai;

import com.google.auto.service.AutoService;
import dev.llmkit.spi.ProviderFactory;

/**
 * A vLLM server ({@code http://localhost:8000/v1} unless {@code baseUrl} says otherwise). A key
 * ({@code VLLM_API_KEY}) is needed only when the server was started with {@code --api-key}.
 *
 * <pre>{@code
 * Llm llm = Llms.create(LlmConfig.builder().model("vllm/Qwen/Qwen3-8B").build());
 * }</pre>
 */
@AutoService(ProviderFactory.class)
public final class VllmProviderFactory extends OpenAiCompatibleFactory {
  /** The provider id, the model prefix in {@code vllm/<model>}. */
  public static final String ID = "vllm";

  public VllmProviderFactory() {
    super(Dialects.VLLM);
  }
}
