package dev.llmkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.core.PluginRegistry;
import dev.llmkit.core.fake.DescribedProviderFactory;
import dev.llmkit.core.fake.FakeProviderFactory;
import dev.llmkit.spi.ProviderFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resolver hands the model to the feature registry, so every stage sees the final features. */
class ModelResolverTest {
  /** A server of any models that knows only "known-model". */
  private static final ProviderFactory GATEWAY = DescribedProviderFactory.anyModelServer("gateway", Map.of(
      "known-model", ModelInfo.builder("gateway", "known-model").features(ModelFeatures.TOOLS_AND_VISION).build()));

  private final ModelResolver resolver =
      new ModelResolver(PluginRegistry.of(List.of(GATEWAY, new FakeProviderFactory()), List.of()));

  @Test
  void anUnknownModelOfAServerOfAnyModelsComesOutWithoutNativeToolCalling() {
    ModelInfo model = resolver.resolve(LlmConfig.of("gateway/my-finetune")).info();

    assertThat(model.qualifiedName()).isEqualTo("gateway/my-finetune");
    assertThat(model.features()).isEqualTo(ModelFeatures.BASIC);
  }

  @Test
  void aKnownModelKeepsTheProvidersFeatures() {
    assertThat(resolver.resolve(LlmConfig.of("gateway/known-model")).info().features())
        .isEqualTo(ModelFeatures.TOOLS_AND_VISION);
  }

  @Test
  void aFamilyThePatternsKnowCallsToolsNatively() {
    assertThat(resolver.resolve(LlmConfig.of("gateway/Qwen/Qwen3-Coder-480B-A35B-Instruct")).info().features()
        .nativeToolCalling()).isTrue();
  }

  @Test
  void theConfigOverridesWhateverTheProviderSays() {
    LlmConfig config = LlmConfig.builder().model("fake-model").nativeToolCalling(false).disableVision(true)
        .maxInputTokens(2_000).build();

    ModelInfo model = resolver.resolve(config).info();

    assertThat(model.features().nativeToolCalling()).isFalse();
    assertThat(model.features().vision()).isFalse();
    assertThat(model.features().reasoningEffort()).as("kept from the provider").isTrue();
    assertThat(model.contextWindow()).isEqualTo(2_000);
  }
}
