package dev.llmkit.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.spi.ProviderDescriptor.Capability;
import dev.llmkit.spi.ProviderDescriptor.Setting;
import dev.llmkit.spi.ProviderFactory;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicProviderFactoryTest {
  private final AnthropicProviderFactory factory = new AnthropicProviderFactory();

  @Nested
  class Discovery {
    @Test
    void isFoundByTheServiceLoaderUnderItsId() {
      assertThat(ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::get))
          .filteredOn(f -> f.id().equals("anthropic"))
          .singleElement()
          .isInstanceOf(AnthropicProviderFactory.class);
    }

    @Test
    void describesItsEndpointKeyVariableAndCapabilities() {
      var d = factory.descriptor();
      assertThat(d.id()).isEqualTo("anthropic");
      assertThat(d.defaultBaseUrl()).isEqualTo("https://api.anthropic.com");
      assertThat(d.apiKeyEnvVars()).containsExactly("ANTHROPIC_API_KEY");
      assertThat(d.capabilities()).containsExactlyInAnyOrder(
          Capability.STREAMING, Capability.TOOLS, Capability.PARALLEL_TOOL_CALLS, Capability.VISION,
          Capability.REASONING, Capability.PROMPT_CACHE, Capability.RESPONSE_FORMAT, Capability.TOKEN_COUNTING);
      assertThat(d.settings()).containsExactly(Setting.API_VERSION);
    }

    @Test
    void claimsBareClaudeNamesOnly() {
      var d = factory.descriptor();
      assertThat(d.claims("claude-sonnet-4-5")).isTrue();
      assertThat(d.claims("Claude-3-5-Haiku-20241022")).isTrue();
      assertThat(d.claims("gpt-4o")).isFalse();
      assertThat(d.claims("anthropic.claude-3-5-sonnet-20241022-v2:0")).isFalse();
    }
  }

  @Nested
  class ApiKey {
    @Test
    void missingKeyIsAConfigurationErrorNamingTheVariable() {
      assertThatThrownBy(() -> factory.create(LlmConfig.of("anthropic/claude-sonnet-4-5"), TestContext.withEnv(Map.of())))
          .isInstanceOf(LlmException.class)
          .satisfies(e -> assertThat(((LlmException) e).kind()).isEqualTo(ErrorKind.CONFIGURATION))
          .hasMessageContaining("ANTHROPIC_API_KEY");
    }

    @Test
    void aBlankEnvironmentValueCountsAsMissing() {
      assertThatThrownBy(() -> factory.create(LlmConfig.of("claude-sonnet-4-5"),
              TestContext.withEnv(Map.of("ANTHROPIC_API_KEY", "  "))))
          .isInstanceOf(LlmException.class)
          .hasMessageContaining("ANTHROPIC_API_KEY");
    }

    @Test
    void theKeyNeverShowsInTheProviderOrItsErrors() {
      var provider = factory.create(LlmConfig.of("claude-sonnet-4-5"), TestContext.withKey());
      assertThat(provider.toString()).doesNotContain(TestContext.KEY).contains("api.anthropic.com");
    }

    @Test
    void aGatewayAuthorizationHeaderStandsInForTheKey() {
      var config = LlmConfig.builder().model("claude-sonnet-4-5").extraHeader("Authorization", "Bearer gw").build();
      assertThat(factory.create(config, TestContext.withEnv(Map.of()))).isNotNull();
    }

    @Test
    void aHeaderJavaNetHttpCannotSendIsRejectedByNameOnly() {
      var config = LlmConfig.builder().model("claude-sonnet-4-5").extraHeader("Host", "secret-host").build();
      assertThatThrownBy(() -> factory.create(config, TestContext.withKey()))
          .isInstanceOf(LlmException.class)
          .hasMessageContaining("'Host'")
          .hasMessageNotContaining("secret-host");
    }
  }

  @Nested
  class DescribeModel {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // name,                                          tools, reasoning, cache, vision, context, maxOutput
        "claude-3-haiku-20240307,                          true,  false,     true,  true,   200000,  4096",
        "claude-3-opus-20240229,                           true,  false,     true,  true,   200000,  4096",
        "claude-3-5-sonnet-20241022,                       true,  false,     true,  true,   200000,  8192",
        "claude-3-5-haiku-latest,                          true,  false,     true,  true,   200000,  8192",
        "claude-3-7-sonnet-20250219,                       true,  true,      true,  true,   200000,  64000",
        "claude-sonnet-4-20250514,                         true,  true,      true,  true,   200000,  64000",
        "claude-sonnet-4-5,                                true,  true,      true,  true,   200000,  64000",
        "claude-opus-4-20250514,                           true,  true,      true,  true,   200000,  32000",
        "claude-opus-4-1-20250805,                         true,  true,      true,  true,   200000,  32000",
        "claude-opus-4-5-20251101,                         true,  true,      true,  true,   200000,  64000",
        "claude-haiku-4-5-20251001,                        true,  true,      true,  true,   200000,  64000",
        "claude-opus-4-6,                                  true,  true,      true,  true,   1000000, 128000",
        "anthropic.claude-3-5-sonnet-20241022-v2:0,        true,  false,     true,  true,   200000,  8192",
        "us.anthropic.claude-3-7-sonnet-20250219-v1:0,     true,  true,      true,  true,   200000,  64000",
        "global.anthropic.claude-sonnet-4-5-20250929-v1:0, true,  true,      true,  true,   200000,  64000",
        "claude-3-5-sonnet-v2@20241022,                    true,  false,     true,  true,   200000,  8192",
        "claude-opus-4@20250514,                           true,  true,      true,  true,   200000,  32000",
        "claude-2.1,                                       false, false,     false, false,  200000,  4096",
        "claude-instant-1.2,                               false, false,     false, false,  100000,  4096",
    })
    void knowsClaudeFeaturesAndLimitsFromAnyHostSpelling(
        String name, boolean tools, boolean reasoning, boolean cache, boolean vision, int context, int maxOutput) {
      ModelInfo info = factory.describeModel(name);
      assertThat(info.provider()).isEqualTo("anthropic");
      assertThat(info.name()).isEqualTo(name);
      assertThat(info.features().nativeToolCalling()).isEqualTo(tools);
      assertThat(info.features().reasoningEffort()).isEqualTo(reasoning);
      assertThat(info.features().promptCache()).isEqualTo(cache);
      assertThat(info.features().vision()).isEqualTo(vision);
      assertThat(info.features().stopWords()).isTrue();
      assertThat(info.contextWindow()).isEqualTo(context);
      assertThat(info.maxOutputTokens()).isEqualTo(maxOutput);
    }

    @Test
    void anUnknownNameGetsTheDescriptorDefaultsAndNoLimits() {
      ModelInfo info = factory.describeModel("my-proxy-alias");
      assertThat(info.features()).isEqualTo(factory.descriptor().defaultFeatures());
      assertThat(info.contextWindow()).isNull();
      assertThat(info.maxOutputTokens()).isNull();
    }
  }
}
