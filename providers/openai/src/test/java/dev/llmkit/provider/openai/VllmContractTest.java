package dev.llmkit.provider.openai;

import dev.llmkit.api.LlmConfig;
import dev.llmkit.testkit.ProviderContractTest;
import dev.llmkit.testkit.mock.WireDialect;
import dev.llmkit.testkit.mock.WireDialects;

/**
 * The provider contract once more for a compatible server's dialect (legacy {@code max_tokens},
 * {@code top_k}, no key required, a model name with a slash), against the same mock.
 */
class VllmContractTest extends ProviderContractTest {
  @Override
  protected String providerId() {
    return VllmProviderFactory.ID;
  }

  @Override
  protected String model() {
    return "Qwen/Qwen2.5-VL-7B-Instruct"; // "-VL": described with vision
  }

  @Override
  protected WireDialect dialect() {
    return WireDialects.openAi();
  }

  /**
   * An unknown model on vLLM gets emulated tool calling by default; a server started with
   * {@code --enable-auto-tool-choice} takes native tools, which is the wire this suite checks.
   */
  @Override
  protected LlmConfig.Builder configure(LlmConfig.Builder config) {
    return config.nativeToolCalling(true);
  }
}
