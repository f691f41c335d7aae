package dev.llmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ReasoningEffort;
import dev.llmkit.api.Secret;
import dev.llmkit.core.fake.FakeProviderFactory;
import dev.llmkit.core.internal.ConfigSupport;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderContext;
import dev.llmkit.spi.ProviderDescriptor;
import dev.llmkit.spi.ProviderDescriptor.Setting;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigSupportTest {
  private static final ProviderDescriptor PLAIN = ProviderDescriptor.builder("plain").build();

  private static LlmException rejected(UnaryOperator<LlmConfig.Builder> change, ProviderDescriptor descriptor) {
    LlmConfig config = change.apply(LlmConfig.builder().model("plain/m")).build();
    Throwable thrown = catchThrowable(() -> ConfigSupport.check(config, descriptor));
    assertThat(thrown).isInstanceOf(LlmException.class);
    LlmException e = (LlmException) thrown;
    assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
    assertThat(e.provider()).contains(descriptor.id());
    return e;
  }

  private static void accepted(UnaryOperator<LlmConfig.Builder> change, ProviderDescriptor descriptor) {
    LlmConfig config = change.apply(LlmConfig.builder().model("plain/m")).build();
    assertThatCode(() -> ConfigSupport.check(config, descriptor)).doesNotThrowAnyException();
  }

  @Nested
  class Defaults {
    @Test
    void a_default_config_is_accepted() {
      accepted(b -> b, PLAIN);
    }

    @Test
    void every_effective_field_is_accepted() {
      accepted(b -> b.customProvider("plain").apiKey("k").baseUrl("http://127.0.0.1:1").timeout(Duration.ofSeconds(5))
          .maxMessageChars(10).temperature(0.5).topP(0.9).topK(3).maxInputTokens(1000).maxOutputTokens(100).seed(1L)
          .reasoningEffort(ReasoningEffort.LOW).nativeToolCalling(true).cachingPrompt(false)
          .disableVision(true).disableStopWord(true).dropParams(false).numRetries(0)
          .extraParam("a", 1).extraHeader("X-A", "b"), PLAIN);
      accepted(b -> b.numRetries(3).retryMinWait(Duration.ofMillis(10)).retryMaxWait(Duration.ofSeconds(100))
          .retryMultiplier(2).timeout(null).streamIdleTimeout(Duration.ofSeconds(5)), PLAIN);
      accepted(b -> b.nativeToolCalling(null), PLAIN);
      accepted(b -> b.nativeToolCalling(false), PLAIN); // function-calling emulation
      accepted(b -> b.inputCostPerToken(new BigDecimal("0.000003")).outputCostPerToken(new BigDecimal("0.000015"))
          .cacheReadCostPerToken(new BigDecimal("0.0000003")).cacheWriteCostPerToken(new BigDecimal("0.00000375")), PLAIN);
    }
  }

  @Nested
  class NotBuiltYet {
    static List<Arguments> settings() {
      return List.of(
          Arguments.of((UnaryOperator<LlmConfig.Builder>) b -> b.inputCostPerToken(BigDecimal.ONE),
              "LlmConfig per-token prices need both inputCostPerToken and outputCostPerToken (cache prices are"
                  + " optional); set the missing one"),
          Arguments.of((UnaryOperator<LlmConfig.Builder>) b -> b.cacheReadCostPerToken(BigDecimal.ZERO),
              "LlmConfig per-token prices need both inputCostPerToken and outputCostPerToken (cache prices are"
                  + " optional); set the missing one"),
          Arguments.of((UnaryOperator<LlmConfig.Builder>) b -> b.modifyParams(false),
              "LlmConfig.modifyParams=false is not supported yet (the engine cannot turn off its request"
                  + " adaptation); remove it"));
    }

    @ParameterizedTest
    @MethodSource("settings")
    void each_is_rejected_naming_the_field_and_the_fix(UnaryOperator<LlmConfig.Builder> change, String problem) {
      assertThat(rejected(change, PLAIN)).hasMessage("unsupported LlmConfig setting: " + problem);
    }

    @Test
    void a_provider_cannot_opt_into_them() {
      ProviderDescriptor everything = ProviderDescriptor.builder("all").settings(Setting.values()).build();
      rejected(b -> b.modifyParams(false), everything);
    }

    @Test
    void the_retry_settings_are_accepted_now_that_retries_are_built() {
      LlmConfig defaults = LlmConfig.of("plain/m");
      accepted(b -> b.numRetries(defaults.numRetries()).retryMinWait(defaults.retryMinWait())
          .retryMaxWait(defaults.retryMaxWait()).retryMultiplier(defaults.retryMultiplier()).modifyParams(true), PLAIN);
      accepted(b -> b.numRetries(0).retryMinWait(Duration.ZERO).retryMaxWait(Duration.ofMillis(50)).retryMultiplier(1),
          PLAIN);
    }
  }

  @Nested
  class ProviderSettings {
    static List<Arguments> fields() {
      return List.of(
          Arguments.of((UnaryOperator<LlmConfig.Builder>) b -> b.apiVersion("2024-10-21"), Setting.API_VERSION,
              "LlmConfig.apiVersion is set, but provider 'plain' does not use it (only providers with a versioned"
                  + " API read it, such as azure and anthropic); remove it"),
          Arguments.of((UnaryOperator<LlmConfig.Builder>) b -> b.openrouterSiteUrl("https://example.com"),
              Setting.OPENROUTER_HEADERS,
              "LlmConfig.openrouterSiteUrl is set, but provider 'plain' does not use it (it is an attribution header"
                  + " only openrouter sends); remove it"),
          Arguments.of((UnaryOperator<LlmConfig.Builder>) b -> b.openrouterAppName("app"), Setting.OPENROUTER_HEADERS,
              "LlmConfig.openrouterAppName is set, but provider 'plain' does not use it (it is an attribution header"
                  + " only openrouter sends); remove it"),
          Arguments.of((UnaryOperator<LlmConfig.Builder>) b -> b.awsAccessKeyId(Secret.of("AKIA-ID")),
              Setting.AWS_CREDENTIALS,
              "LlmConfig.awsAccessKeyId is set, but provider 'plain' does not use it (AWS credentials are read only"
                  + " by an Amazon Bedrock provider); remove it"),
          Arguments.of((UnaryOperator<LlmConfig.Builder>) b -> b.awsSecretAccessKey(Secret.of("AWS-SECRET")),
              Setting.AWS_CREDENTIALS,
              "LlmConfig.awsSecretAccessKey is set, but provider 'plain' does not use it (AWS credentials are read"
                  + " only by an Amazon Bedrock provider); remove it"),
          Arguments.of((UnaryOperator<LlmConfig.Builder>) b -> b.awsRegionName("eu-west-1"), Setting.AWS_CREDENTIALS,
              "LlmConfig.awsRegionName is set, but provider 'plain' does not use it (AWS credentials are read only"
                  + " by an Amazon Bedrock provider); remove it"),
          Arguments.of((UnaryOperator<LlmConfig.Builder>) b -> b.safetySettings(List.of(Map.of("category", "X"))),
              Setting.SAFETY_SETTINGS,
              "LlmConfig.safetySettings is set, but provider 'plain' does not use it (safety settings are read only"
                  + " by a Google Gemini provider); remove it"));
    }

    @ParameterizedTest
    @MethodSource("fields")
    void each_is_rejected_by_a_provider_that_does_not_read_it(
        UnaryOperator<LlmConfig.Builder> change, Setting setting, String problem) {
      assertThat(rejected(change, PLAIN)).hasMessage("unsupported LlmConfig setting: " + problem);
    }

    @ParameterizedTest
    @MethodSource("fields")
    void each_is_accepted_by_a_provider_that_declares_its_setting(
        UnaryOperator<LlmConfig.Builder> change, Setting setting, String problem) {
      accepted(change, ProviderDescriptor.builder("plain").settings(setting).build());
    }

    @Test
    void another_setting_does_not_admit_it() {
      ProviderDescriptor azure = ProviderDescriptor.builder("azure").settings(Setting.API_VERSION).build();
      assertThat(rejected(b -> b.apiVersion("v").openrouterAppName("app"), azure))
          .hasMessageContaining("LlmConfig.openrouterAppName is set, but provider 'azure' does not use it")
          .hasMessageNotContaining("apiVersion");
    }

    @Test
    void secret_values_never_reach_the_message() {
      LlmException e = rejected(b -> b.awsAccessKeyId(Secret.of("AKIA-ID")).awsSecretAccessKey(Secret.of("AWS-SECRET")),
          PLAIN);
      assertThat(e.getMessage()).doesNotContain("AKIA-ID").doesNotContain("AWS-SECRET");
    }
  }

  @Test
  void every_problem_is_listed_in_one_error() {
    LlmException e = rejected(b -> b.modifyParams(false).inputCostPerToken(BigDecimal.ONE)
        .apiVersion("v").safetySettings(List.of(Map.of("category", "X"))), PLAIN);

    assertThat(e.getMessage()).startsWith("unsupported LlmConfig settings (4): ")
        .contains("LlmConfig.modifyParams=false is not supported yet", "need both inputCostPerToken and outputCostPerToken",
            "LlmConfig.apiVersion is set",
            "LlmConfig.safetySettings is set");
    assertThat(e.model()).contains("plain/m");
  }

  @Test
  void building_an_llm_with_an_unsupported_setting_fails_before_the_provider_is_created() {
    FakeProviderFactory factory = new FakeProviderFactory() {
      @Override
      public ChatProvider create(LlmConfig config, ProviderContext context) {
        throw new AssertionError("the provider must not be created for a config that cannot work");
      }
    };
    assertThatThrownBy(() -> Llms.builder()
        .config(LlmConfig.builder().model("fake/m").modifyParams(false).build())
        .registry(PluginRegistry.of(List.of(factory), List.of()))
        .build())
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
        .hasMessageContaining("LlmConfig.modifyParams=false is not supported yet");
  }
}
