package dev.llmkit.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.core.cost.PriceCatalog;
import dev.llmkit.core.fake.DescribedProviderFactory;
import dev.llmkit.core.features.ModelFeatureRegistry.Resolution;
import dev.llmkit.spi.ProviderDescriptor;
import dev.llmkit.spi.ProviderDescriptor.Capability;
import dev.llmkit.spi.ProviderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which source decides each feature and limit: config, then a provider's known model, catalog, patterns, defaults. */
class ModelFeatureRegistryTest {
  /** A server of arbitrary models ("acme") that knows one model by name, "acme-known", without vision. */
  private static final ProviderFactory ACME = DescribedProviderFactory.anyModelServer("acme", Map.of("acme-known", ModelInfo.builder("acme", "acme-known")
          .features(ModelFeature.NATIVE_TOOL_CALLING, ModelFeature.STOP_WORDS)
          .contextWindow(8_000)
          .build()));

  @TempDir Path dir;
  private ModelFeatureRegistry registry;

  @BeforeEach
  void catalogWithAcmeEntries() throws IOException {
    Path file = dir.resolve("catalog.json");
    Files.writeString(file, """
        {"models": [
          {"provider": "acme", "model": "acme-known", "input": "0.000001", "output": "0.000002",
           "maxInputTokens": 32000, "maxOutputTokens": 4000, "capabilities": ["vision", "reasoning"]},
          {"provider": "acme", "model": "acme-catalogued", "input": "0.000001", "output": "0.000002",
           "maxInputTokens": 64000, "maxOutputTokens": 8000, "capabilities": ["function_calling", "vision"]},
          {"provider": "acme", "model": "qwen3-coder-acme", "input": "0.000001", "output": "0.000002",
           "capabilities": ["function_calling", "response_schema"]}
        ]}
        """);
    registry = new ModelFeatureRegistry(PriceCatalog.bundled().withUserFile(file), FeaturePatterns.bundled());
  }

  private Resolution resolve(ProviderFactory factory, String model) {
    return resolve(factory, model, LlmConfig.builder().model(factory.id() + "/" + model).build());
  }

  private Resolution resolve(ProviderFactory factory, String model, LlmConfig config) {
    return registry.resolve(factory, model, config);
  }

  @Nested
  class Config {
    @Test
    void nativeToolCallingForcesEitherWay() {
      LlmConfig off = LlmConfig.builder().model("acme/acme-known").nativeToolCalling(false).build();
      LlmConfig on = LlmConfig.builder().model("acme/my-model").nativeToolCalling(true).build();

      Resolution known = resolve(ACME, "acme-known", off);
      Resolution unknown = resolve(ACME, "my-model", on);

      assertThat(known.model().features().nativeToolCalling()).isFalse();
      assertThat(known.sourceOf(ModelFeature.NATIVE_TOOL_CALLING)).isEqualTo(FeatureSource.CONFIG);
      assertThat(unknown.model().features().nativeToolCalling()).isTrue();
      assertThat(unknown.sourceOf(ModelFeature.NATIVE_TOOL_CALLING)).isEqualTo(FeatureSource.CONFIG);
    }

    @Test
    void disableVisionAndStopWordsBeatTheCatalogAndTheProvider() {
      LlmConfig config = LlmConfig.builder().model("acme/acme-catalogued").disableVision(true).disableStopWord(true).build();

      Resolution r = resolve(ACME, "acme-catalogued", config);

      assertThat(r.model().features().vision()).isFalse();
      assertThat(r.model().features().stopWords()).isFalse();
      assertThat(r.sourceOf(ModelFeature.VISION)).isEqualTo(FeatureSource.CONFIG);
      assertThat(r.sourceOf(ModelFeature.STOP_WORDS)).isEqualTo(FeatureSource.CONFIG);
    }

    @Test
    void limitsBeatTheProviderAndTheCatalog() {
      LlmConfig config = LlmConfig.builder().model("acme/acme-known").maxInputTokens(1_000).maxOutputTokens(100).build();

      ModelInfo m = resolve(ACME, "acme-known", config).model();

      assertThat(m.contextWindow()).isEqualTo(1_000);
      assertThat(m.maxOutputTokens()).isEqualTo(100);
    }
  }

  @Nested
  class KnownModels {
    @Test
    void theProvidersAnswerStandsAgainstTheCatalog() {
      Resolution r = resolve(ACME, "acme-known");

      // The catalog claims vision and reasoning; the provider that speaks the wire says otherwise.
      assertThat(r.model().features()).isEqualTo(ModelFeatures.of(ModelFeature.NATIVE_TOOL_CALLING, ModelFeature.STOP_WORDS));
      assertThat(r.sources().values()).containsOnly(FeatureSource.PROVIDER);
    }

    @Test
    void limitsTheProviderDoesNotKnowComeFromTheCatalog() {
      ModelInfo m = resolve(ACME, "acme-known").model();

      assertThat(m.contextWindow()).as("the provider's").isEqualTo(8_000);
      assertThat(m.maxOutputTokens()).as("the catalog's").isEqualTo(4_000);
    }
  }

  @Nested
  class UnknownModels {
    @Test
    void theCatalogSaysWhatAModelHasAndGivesItsLimits() {
      Resolution r = resolve(ACME, "acme-catalogued");

      assertThat(r.model().features().nativeToolCalling()).isTrue();
      assertThat(r.model().features().vision()).isTrue();
      assertThat(r.sourceOf(ModelFeature.NATIVE_TOOL_CALLING)).isEqualTo(FeatureSource.CATALOG);
      assertThat(r.sourceOf(ModelFeature.VISION)).isEqualTo(FeatureSource.CATALOG);
      assertThat(r.model().contextWindow()).isEqualTo(64_000);
      assertThat(r.model().maxOutputTokens()).isEqualTo(8_000);
    }

    @Test
    void theCatalogBeatsThePatterns() {
      Resolution r = resolve(ACME, "qwen3-coder-acme");

      // Both say it calls tools; the catalog is asked first.
      assertThat(r.model().features().nativeToolCalling()).isTrue();
      assertThat(r.sourceOf(ModelFeature.NATIVE_TOOL_CALLING)).isEqualTo(FeatureSource.CATALOG);
      assertThat(r.sourceOf(ModelFeature.STRUCTURED_OUTPUT)).isEqualTo(FeatureSource.CATALOG);
    }

    @Test
    void patternsBeatTheProvidersDefault() {
      Resolution r = resolve(ACME, "Qwen/Qwen3-Coder-30B-A3B-Instruct");

      assertThat(r.model().features().nativeToolCalling()).isTrue();
      assertThat(r.sourceOf(ModelFeature.NATIVE_TOOL_CALLING)).isEqualTo(FeatureSource.PATTERN);
    }

    @Test
    void aPatternCanTakeAFeatureAway() {
      Resolution r = resolve(ACME, "o1-mini-finetune");

      assertThat(r.model().features().stopWords()).isFalse();
      assertThat(r.sourceOf(ModelFeature.STOP_WORDS)).isEqualTo(FeatureSource.PATTERN);
    }

    @Test
    void anUnknownModelOfAServerOfAnyModelsHasNoNativeToolCalling() {
      Resolution r = resolve(ACME, "my-finetune-7b");

      assertThat(r.model().features()).isEqualTo(ModelFeatures.of(ModelFeature.STOP_WORDS));
      assertThat(r.sources().values()).containsOnly(FeatureSource.PROVIDER_DEFAULT);
      assertThat(r.model().contextWindow()).isNull();
      assertThat(r.model().maxOutputTokens()).isNull();
    }

    @Test
    void aProviderQualifiedPatternSeesTheProviderId() {
      ProviderFactory groq = DescribedProviderFactory.anyModelServer("groq", Map.of());

      assertThat(resolve(groq, "some-new-model").model().features().nativeToolCalling()).isTrue();
      assertThat(resolve(ACME, "some-new-model").model().features().nativeToolCalling()).isFalse();
    }

    @Test
    void bedrockAndVertexClaudeIdsAreRecognisedOnAnyServer() {
      for (String id : new String[] {"us.anthropic.claude-3-7-sonnet-20250219-v1:0", "claude-sonnet-4@20250514"}) {
        ModelFeatures f = resolve(ACME, id).model().features();
        assertThat(f.nativeToolCalling()).as(id).isTrue();
        assertThat(f.promptCache()).as(id).isTrue();
        assertThat(f.vision()).as(id).isTrue();
      }
    }
  }

  @Nested
  class Wire {
    @Test
    void whatTheWireCannotCarryIsNotTakenFromCatalogOrPatterns() {
      ProviderFactory textOnly = new DescribedProviderFactory(ProviderDescriptor.builder("acme")
          .capabilities(Capability.STREAMING).unknownModelFeatures(ModelFeature.STOP_WORDS).build(), Map.of());

      Resolution r = resolve(textOnly, "acme-catalogued");

      assertThat(r.model().features()).isEqualTo(ModelFeatures.of(ModelFeature.STOP_WORDS));
      assertThat(r.sourceOf(ModelFeature.NATIVE_TOOL_CALLING)).isEqualTo(FeatureSource.PROVIDER_DEFAULT);
    }

    @Test
    void aProviderThatOnlyDescribesModelsKeepsItsDescriptionForNamesNothingElseKnows() {
      ModelFeatures all = ModelFeatures.of(ModelFeature.values());
      ProviderFactory legacy = new DescribedProviderFactory(ProviderDescriptor.builder("legacy").build(), Map.of()) {
        @Override
        public ModelInfo describeModel(String modelName) {
          return new ModelInfo("legacy", modelName, all, 100_000, 4_096);
        }
      };

      Resolution r = resolve(legacy, "legacy-1");

      assertThat(r.model()).isEqualTo(new ModelInfo("legacy", "legacy-1", all, 100_000, 4_096));
    }
  }

  @Test
  void theBundledRegistryKnowsCatalogModelsOfAnyServer() {
    ProviderFactory openrouterLike = DescribedProviderFactory.anyModelServer("openrouter", Map.of());

    Resolution r = ModelFeatureRegistry.bundled().resolve(openrouterLike, "anthropic/claude-sonnet-4",
        LlmConfig.of("openrouter/anthropic/claude-sonnet-4"));

    assertThat(r.model().features().nativeToolCalling()).isTrue();
    assertThat(r.sourceOf(ModelFeature.NATIVE_TOOL_CALLING)).isEqualTo(FeatureSource.CATALOG);
    assertThat(r.model().contextWindow()).isNotNull();
  }
}
