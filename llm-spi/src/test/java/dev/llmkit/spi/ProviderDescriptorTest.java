package dev.llmkit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.spi.ProviderDescriptor.Capability;
import dev.llmkit.spi.ProviderDescriptor.Setting;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderDescriptorTest {

  @Nested
  class Claims {
    private final ProviderDescriptor openai =
        ProviderDescriptor.builder("openai").modelPatterns("gpt-*", "o?", "o?-*", "chatgpt-4o-latest").build();

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "gpt-4.1-mini", "gpt-", "o1", "o3", "o4-mini", "chatgpt-4o-latest"})
    void claimsNamesMatchingAGlob(String model) {
      assertThat(openai.claims(model)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GPT-4o", "Gpt-4O-MINI", "O1", "ChatGPT-4o-Latest"})
    void ignoresCaseOfTheName(String model) {
      assertThat(openai.claims(model)).isTrue();
    }

    @Test
    void ignoresCaseOfThePatternToo() {
      ProviderDescriptor d = ProviderDescriptor.builder("anthropic").modelPatterns("Claude-*").build();

      assertThat(d.claims("claude-sonnet-4-5")).isTrue();
      assertThat(d.claims("CLAUDE-OPUS")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"my-gpt-4o", "claude-3", "o10", "o", "gpt", "chatgpt-4o-latest-2", ""})
    void matchesTheWholeNameNotASubstring(String model) {
      assertThat(openai.claims(model)).isFalse();
    }

    @Test
    void treatsRegexCharactersInPatternsLiterally() {
      ProviderDescriptor d = ProviderDescriptor.builder("meta").modelPatterns("llama3.1+*", "(x)|y").build();

      assertThat(d.claims("llama3.1+70b")).isTrue();
      assertThat(d.claims("llama3x1+70b")).isFalse();
      assertThat(d.claims("llama3.11")).isFalse();
      assertThat(d.claims("(x)|y")).isTrue();
      assertThat(d.claims("y")).isFalse();
    }

    @Test
    void aQuestionMarkMatchesExactlyOneCharacter() {
      ProviderDescriptor d = ProviderDescriptor.builder("p").modelPatterns("m-?").build();

      assertThat(d.claims("m-1")).isTrue();
      assertThat(d.claims("m-")).isFalse();
      assertThat(d.claims("m-12")).isFalse();
    }

    @Test
    void aDescriptorWithoutPatternsClaimsNothing() {
      assertThat(ProviderDescriptor.builder("custom").build().claims("gpt-4o")).isFalse();
    }

    @Test
    void aStarAloneClaimsEverything() {
      assertThat(ProviderDescriptor.builder("ollama").modelPatterns("*").build().claims("anything:7b")).isTrue();
    }
  }

  @Nested
  class Features {

    @Test
    void defaultFeaturesFollowTheCapabilities() {
      ProviderDescriptor d = ProviderDescriptor.builder("p")
          .capabilities(Capability.TOOLS, Capability.REASONING, Capability.PROMPT_CACHE, Capability.VISION)
          .build();

      assertThat(d.defaultFeatures()).isEqualTo(ModelFeatures.of(ModelFeature.NATIVE_TOOL_CALLING,
          ModelFeature.REASONING_EFFORT, ModelFeature.PROMPT_CACHE, ModelFeature.STOP_WORDS, ModelFeature.VISION));
    }

    @Test
    void withoutCapabilitiesOnlyStopWordsAreAssumed() {
      assertThat(ProviderDescriptor.builder("p").build().defaultFeatures()).isEqualTo(ModelFeatures.BASIC);
    }

    @Test
    void capabilitiesWithoutAFeatureChangeNothing() {
      ProviderDescriptor d = ProviderDescriptor.builder("p")
          .capabilities(Capability.STREAMING, Capability.PARALLEL_TOOL_CALLS, Capability.TOKEN_COUNTING)
          .build();

      assertThat(d.defaultFeatures()).isEqualTo(ModelFeatures.BASIC);
    }

    @Test
    void aResponseFormatCapabilityLetsModelsClaimStructuredOutputButGrantsItToNone() {
      ProviderDescriptor d = ProviderDescriptor.builder("p").capabilities(Capability.RESPONSE_FORMAT).build();

      // The wire can carry a schema, but whether a model follows one is said per model.
      assertThat(d.wireFeatures().has(ModelFeature.STRUCTURED_OUTPUT)).isTrue();
      assertThat(d.defaultFeatures()).isEqualTo(ModelFeatures.BASIC);
    }

    @Test
    void eachCapabilityMapsToItsOwnFeature() {
      assertThat(ProviderDescriptor.builder("p").capabilities(Capability.TOOLS).build().defaultFeatures())
          .isEqualTo(ModelFeatures.of(ModelFeature.NATIVE_TOOL_CALLING, ModelFeature.STOP_WORDS));
      assertThat(ProviderDescriptor.builder("p").capabilities(Capability.REASONING).build().defaultFeatures())
          .isEqualTo(ModelFeatures.of(ModelFeature.REASONING_EFFORT, ModelFeature.STOP_WORDS));
      assertThat(ProviderDescriptor.builder("p").capabilities(Capability.PROMPT_CACHE).build().defaultFeatures())
          .isEqualTo(ModelFeatures.of(ModelFeature.PROMPT_CACHE, ModelFeature.STOP_WORDS));
      assertThat(ProviderDescriptor.builder("p").capabilities(Capability.VISION).build().defaultFeatures())
          .isEqualTo(ModelFeatures.of(ModelFeature.STOP_WORDS, ModelFeature.VISION));
    }

    @Test
    void aDeclaredUnknownModelFeatureSetReplacesTheDerivedOne() {
      ProviderDescriptor d = ProviderDescriptor.builder("vllm")
          .capabilities(Capability.TOOLS, Capability.VISION)
          .unknownModelFeatures(ModelFeature.STOP_WORDS)
          .build();

      assertThat(d.defaultFeatures()).isEqualTo(ModelFeatures.BASIC);
      assertThat(d.unknownModelFeatures()).isEqualTo(ModelFeatures.BASIC);
      assertThat(ProviderDescriptor.builder("p").build().unknownModelFeatures()).isNull();
    }

    @Test
    void theWireFeaturesFollowEveryCapabilityIncludingTheResponseFormat() {
      ProviderDescriptor d = ProviderDescriptor.builder("p")
          .capabilities(Capability.TOOLS, Capability.RESPONSE_FORMAT)
          .unknownModelFeatures(ModelFeature.STOP_WORDS)
          .build();

      assertThat(d.wireFeatures()).isEqualTo(ModelFeatures.of(
          ModelFeature.NATIVE_TOOL_CALLING, ModelFeature.STRUCTURED_OUTPUT, ModelFeature.STOP_WORDS));
      assertThat(ProviderDescriptor.builder("p").build().wireFeatures()).isEqualTo(ModelFeatures.BASIC);
    }

    @Test
    void theOlderConstructorsDeriveUnknownModelFeatures() {
      ProviderDescriptor d = new ProviderDescriptor("p", "P", List.of(), Set.of(Capability.TOOLS), null, List.of(), false);

      assertThat(d.unknownModelFeatures()).isNull();
      assertThat(d.defaultFeatures().nativeToolCalling()).isTrue();
    }

    @Test
    void aFactoryKnowsNoModelByDefaultAndDescribesWhatItKnows() {
      dev.llmkit.api.ModelInfo known = dev.llmkit.api.ModelInfo.builder("acme", "acme-pro")
          .features(ModelFeature.VISION).contextWindow(1_000).build();
      ProviderFactory factory = new AcmeFactory() {
        @Override public java.util.Optional<dev.llmkit.api.ModelInfo> knownModel(String modelName) {
          return "acme-pro".equals(modelName) ? java.util.Optional.of(known) : java.util.Optional.empty();
        }
      };

      assertThat(factory.describeModel("acme-pro")).isEqualTo(known);
      assertThat(factory.describeModel("acme-other").features().nativeToolCalling()).isTrue();
      assertThat(factory.describeModel("acme-other").contextWindow()).isNull();
    }

    @Test
    void theFactoryDefaultDescribesAModelFromTheDescriptor() {
      ProviderFactory factory = new AcmeFactory();

      dev.llmkit.api.ModelInfo info = factory.describeModel("acme-1");

      assertThat(info.qualifiedName()).isEqualTo("acme/acme-1");
      assertThat(info.features().nativeToolCalling()).isTrue();
      assertThat(info.contextWindow()).isNull();
      assertThat(factory.knownModel("acme-1")).isEmpty();
    }
  }

  /** A factory with a tool-calling descriptor that keeps every default of the interface. */
  private static class AcmeFactory implements ProviderFactory {
    @Override public String id() { return "acme"; }
    @Override public ProviderDescriptor descriptor() {
      return ProviderDescriptor.builder("acme").capabilities(Capability.TOOLS).build();
    }
    @Override public ChatProvider create(dev.llmkit.api.LlmConfig config, ProviderContext context) {
      throw new UnsupportedOperationException();
    }
  }

  @Nested
  class Settings {

    @Test
    void aProviderReadsNoSpecificSettingUnlessItSaysSo() {
      assertThat(ProviderDescriptor.builder("p").build().settings()).isEmpty();
    }

    @Test
    void theBuilderCollectsTheSettingsOnce() {
      ProviderDescriptor d = ProviderDescriptor.builder("azure")
          .settings(Setting.API_VERSION)
          .settings(Setting.SAFETY_SETTINGS, Setting.API_VERSION)
          .build();

      assertThat(d.settings()).containsExactlyInAnyOrder(Setting.API_VERSION, Setting.SAFETY_SETTINGS);
    }

    @Test
    void theSettingsAreAnImmutableCopy() {
      Set<Setting> settings = EnumSet.of(Setting.OPENROUTER_HEADERS);
      ProviderDescriptor d = new ProviderDescriptor("p", "P", List.of(), Set.of(), null, List.of(), true, settings);

      settings.add(Setting.AWS_CREDENTIALS);

      assertThat(d.settings()).containsExactly(Setting.OPENROUTER_HEADERS);
      assertThatThrownBy(() -> d.settings().add(Setting.API_VERSION))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Nested
  class Building {

    @Test
    void theBuilderFillsEveryFieldAndDefaultsTheDisplayNameToTheId() {
      ProviderDescriptor d = ProviderDescriptor.builder("openai")
          .modelPatterns("gpt-*")
          .modelPatterns("o?")
          .capabilities(Capability.STREAMING)
          .defaultBaseUrl("https://api.openai.com/v1")
          .apiKeyEnvVars("OPENAI_API_KEY")
          .build();

      assertThat(d.id()).isEqualTo("openai");
      assertThat(d.displayName()).isEqualTo("openai");
      assertThat(d.modelPatterns()).containsExactly("gpt-*", "o?");
      assertThat(d.capabilities()).containsExactly(Capability.STREAMING);
      assertThat(d.defaultBaseUrl()).isEqualTo("https://api.openai.com/v1");
      assertThat(d.apiKeyEnvVars()).containsExactly("OPENAI_API_KEY");
      assertThat(d.requiresApiKey()).isTrue();
      assertThat(ProviderDescriptor.builder("ollama").displayName("Ollama").requiresApiKey(false).build())
          .extracting(ProviderDescriptor::displayName, ProviderDescriptor::requiresApiKey)
          .containsExactly("Ollama", false);
    }

    @Test
    void itsCollectionsAreImmutableCopies() {
      Set<Capability> caps = EnumSet.of(Capability.TOOLS);
      ProviderDescriptor d = new ProviderDescriptor("p", "P", new java.util.ArrayList<>(List.of("a*")), caps, null,
          List.of(), true);

      caps.add(Capability.VISION);

      assertThat(d.capabilities()).containsExactly(Capability.TOOLS);
      assertThatThrownBy(() -> d.modelPatterns().add("b*")).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> d.capabilities().add(Capability.VISION)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theOldConstructorDescribesAProviderThatReadsNoSpecificSetting() {
      ProviderDescriptor d = new ProviderDescriptor("p", "P", List.of(), Set.of(), null, List.of(), true);

      assertThat(d.settings()).isEmpty();
      assertThat(d).isEqualTo(ProviderDescriptor.builder("p").displayName("P").build());
    }

    @Test
    void theIdIsRequired() {
      assertThatThrownBy(() -> ProviderDescriptor.builder(null)).isInstanceOf(NullPointerException.class);
    }
  }
}
