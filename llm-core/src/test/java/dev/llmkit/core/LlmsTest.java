package dev.llmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.core.fake.FakeProvider;
import dev.llmkit.core.fake.FakeProviderFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LlmsTest {

  private static Llm build(String model, FakeProviderFactory... factories) {
    return Llms.builder()
        .config(LlmConfig.of(model))
        .registry(PluginRegistry.of(List.of(factories), List.of()))
        .env(Map.of())
        .build();
  }

  @Nested
  class ModelResolution {
    @Test
    void a_provider_prefix_selects_the_provider_and_the_rest_is_the_model_name() {
      Llm llm = build("fake/some/nested-model", new FakeProviderFactory());
      assertThat(llm.model().provider()).isEqualTo("fake");
      assertThat(llm.model().name()).isEqualTo("some/nested-model");
    }

    @Test
    void a_bare_name_goes_to_the_provider_whose_patterns_claim_it() {
      Llm llm = build("fake-model-1", new FakeProviderFactory());
      assertThat(llm.model().qualifiedName()).isEqualTo("fake/fake-model-1");
    }

    @Test
    void an_unknown_provider_is_a_configuration_error_listing_the_installed_ones() {
      assertThatThrownBy(() -> build("nope/model-x", new FakeProviderFactory()))
          .isInstanceOf(LlmException.class)
          .satisfies(e -> assertThat(((LlmException) e).kind()).isEqualTo(ErrorKind.CONFIGURATION))
          .hasMessageContaining("'nope'")
          .hasMessageContaining("[fake]")
          .hasMessageContaining("llm-provider-nope");
    }

    @Test
    void an_unclaimed_bare_name_explains_the_provider_slash_model_form() {
      assertThatThrownBy(() -> build("mystery", new FakeProviderFactory()))
          .isInstanceOf(LlmException.class)
          .hasMessageContaining("no installed provider serves model 'mystery'")
          .hasMessageContaining("provider/model");
    }

    @Test
    void a_name_claimed_by_two_providers_asks_for_a_prefix() {
      FakeProviderFactory a = new FakeProviderFactory("fake", new FakeProvider(), ModelFeatures.BASIC);
      FakeProviderFactory b = new FakeProviderFactory("fake-twin", new FakeProvider(), ModelFeatures.BASIC) {
        @Override
        public dev.llmkit.spi.ProviderDescriptor descriptor() {
          return dev.llmkit.spi.ProviderDescriptor.builder("fake-twin").modelPatterns("fake-*").build();
        }
      };
      assertThatThrownBy(() -> build("fake-1", a, b))
          .hasMessageContaining("claimed by several providers")
          .hasMessageContaining("fake/fake-1");
    }

    @Test
    void custom_provider_overrides_the_prefix_rule() {
      Llm llm = Llms.builder()
          .config(LlmConfig.builder().model("whatever/name").customProvider("fake").build())
          .registry(PluginRegistry.of(List.of(new FakeProviderFactory()), List.of()))
          .build();
      assertThat(llm.model().provider()).isEqualTo("fake");
      assertThat(llm.model().name()).isEqualTo("whatever/name");
    }

    @Test
    void config_limits_and_switches_override_the_model_description() {
      // A model without native tools, so that nativeToolCalling(true) visibly overrides it.
      FakeProviderFactory noTools = new FakeProviderFactory("fake", new FakeProvider(),
          ModelFeatures.of(ModelFeature.REASONING_EFFORT, ModelFeature.PROMPT_CACHE, ModelFeature.STOP_WORDS,
              ModelFeature.VISION));
      Llm llm = Llms.builder()
          .config(LlmConfig.builder().model("fake/m").maxInputTokens(1000).maxOutputTokens(77)
              .nativeToolCalling(true).disableVision(true).build())
          .registry(PluginRegistry.of(List.of(noTools), List.of()))
          .build();
      assertThat(llm.model().contextWindow()).isEqualTo(1000);
      assertThat(llm.model().maxOutputTokens()).isEqualTo(77);
      assertThat(llm.model().features().nativeToolCalling()).isTrue();
      assertThat(llm.model().features().vision()).isFalse();
    }
  }

  @Nested
  class Registration {
    @Test
    void explicit_registration_adds_to_discovery() {
      Llm llm = Llms.builder().config(LlmConfig.of("fake/m")).provider(new FakeProviderFactory()).build();
      assertThat(llm.model().provider()).isEqualTo("fake");
    }

    @Test
    void two_plugins_with_one_id_are_a_startup_error_naming_both() {
      FakeProviderFactory one = new FakeProviderFactory();
      FakeProviderFactory other = new FakeProviderFactory() { };
      assertThatThrownBy(() -> PluginRegistry.of(List.of(one, other), List.of()))
          .isInstanceOf(LlmException.class)
          .hasMessageContaining("two provider plugins claim the id 'fake'")
          .hasMessageContaining(FakeProviderFactory.class.getName());
    }

    @Test
    void invalid_config_is_rejected_with_every_problem_named() {
      assertThatThrownBy(() -> LlmConfig.builder().model("fake/m").temperature(3.5).topP(0.0).build())
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("temperature must be between 0.0 and 2.0, was 3.5")
          .hasMessageContaining("topP");
    }

    @Test
    void a_missing_model_is_rejected_with_an_example() {
      assertThatThrownBy(() -> LlmConfig.builder().build())
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("model is required");
    }

    @Test
    void the_builder_needs_a_config() {
      assertThatThrownBy(() -> Llms.builder().build()).hasMessageContaining("config(LlmConfig) is required");
    }
  }
}
