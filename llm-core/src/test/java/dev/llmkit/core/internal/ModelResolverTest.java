package dev.llmkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.core.PluginRegistry;
import dev.llmkit.core.fake.FakeProvider;
import dev.llmkit.core.fake.FakeProviderFactory;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderContext;
import dev.llmkit.spi.ProviderDescriptor;
import dev.llmkit.spi.ProviderDescriptor.Capability;
import dev.llmkit.spi.ProviderFactory;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The resolver hands the model to the feature registry, so every stage sees the final features. */
class ModelResolverTest {
  /** A server of any models that knows only "known-model". */
  private static final ProviderFactory GATEWAY = new ProviderFactory() {
    @Override public String id() { return "gateway"; }
    @Override public ProviderDescriptor descriptor() {
      return ProviderDescriptor.builder("gateway").capabilities(Capability.TOOLS, Capability.VISION)
          .unknownModelFeatures(ModelFeature.STOP_WORDS).requiresApiKey(false).build();
    }
    @Override public ChatProvider create(LlmConfig config, ProviderContext context) { return new FakeProvider(); }
    @Override public Optional<ModelInfo> knownModel(String modelName) {
      return "known-model".equals(modelName)
          ? Optional.of(ModelInfo.builder("gateway", modelName).features(ModelFeatures.TOOLS_AND_VISION).build())
          : Optional.empty();
    }
  };

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
