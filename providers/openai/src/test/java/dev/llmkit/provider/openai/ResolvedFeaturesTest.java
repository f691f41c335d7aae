package dev.llmkit.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.core.features.ModelFeatureRegistry;
import dev.llmkit.spi.ProviderFactory;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The features the engine ends up with for models of this plugin's servers (this plugin's descriptions
 * through llm-core's feature registry): known families keep native tool calling, unknown models of
 * servers of arbitrary models lose it, so that the engine emulates their tools.
 */
class ResolvedFeaturesTest {
  private static final Map<String, Supplier<ProviderFactory>> FACTORIES = Map.of(
      "openai", OpenAiProviderFactory::new,
      "vllm", VllmProviderFactory::new,
      "lmstudio", LmStudioProviderFactory::new,
      "together", TogetherProviderFactory::new,
      "openrouter", OpenRouterProviderFactory::new,
      "groq", GroqProviderFactory::new,
      "xai", XaiProviderFactory::new,
      "ollama-openai", OllamaOpenAiProviderFactory::new);

  private static ModelInfo resolve(String provider, String model) {
    ProviderFactory factory = FACTORIES.get(provider).get();
    assertThat(factory.id()).isEqualTo(provider);
    return ModelFeatureRegistry.bundled().resolve(factory, model, LlmConfig.of(provider + "/" + model)).model();
  }

  @ParameterizedTest(name = "{0}/{1}: native tools {2}")
  @CsvSource({
      // unknown models of servers of arbitrary models: emulated
      "vllm,          my-org/my-finetune-7b,                 false",
      "lmstudio,      local-model,                           false",
      "together,      acme/unknown-chat-model,               false",
      "openrouter,    some-lab/brand-new-model,              false",
      "ollama-openai, llama3.1:8b,                           false",
      // known families, wherever they are served
      "openai,        gpt-4o,                                true",
      "openai,        gpt-4.1-mini,                          true",
      "openai,        some-future-model,                     true",
      "vllm,          Qwen/Qwen3-Coder-30B-A3B-Instruct,     true",
      "together,      moonshotai/Kimi-K2-Instruct,           true",
      "openrouter,    anthropic/claude-sonnet-4.5,           true",
      "openrouter,    openai/gpt-5,                          true",
      "groq,          llama-3.3-70b-versatile,               true",
      "xai,           grok-4-0709,                           true",
  })
  void nativeToolCalling(String provider, String model, boolean expected) {
    assertThat(resolve(provider, model).features().nativeToolCalling()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}/{1}")
  @CsvSource({
      "openai, gpt-4o,      128000, 16384",
      "openai, o3,          200000, 100000",
      "xai,    grok-4-0709, 256000, 256000",
  })
  void knownLimitsAndCatalogLimitsForTheRest(String provider, String model, int context, int maxOutput) {
    ModelInfo m = resolve(provider, model);

    assertThat(m.contextWindow()).isEqualTo(context);
    assertThat(m.maxOutputTokens()).isEqualTo(maxOutput);
  }

  @ParameterizedTest(name = "{0}/{1}")
  @CsvSource({
      "openai, o3,                 false",
      "openai, gpt-4o,             true",
      "vllm,   deepseek-r1-0528,   false",
      "xai,    grok-code-fast-1,   false",
      "vllm,   my-model,           true",
  })
  void stopWords(String provider, String model, boolean expected) {
    assertThat(resolve(provider, model).features().stopWords()).isEqualTo(expected);
  }
}
