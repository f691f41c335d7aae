package dev.llmkit.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.spi.ProviderDescriptor.Capability;
import dev.llmkit.spi.ProviderDescriptor.Setting;
import dev.llmkit.spi.ProviderFactory;
import dev.llmkit.testkit.PluginArchitecture;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeminiProviderFactoryTest {
  @RegisterExtension
  static final GeminiStub gemini = new GeminiStub();

  private final GeminiProviderFactory factory = new GeminiProviderFactory();

  @Nested
  class Discovery {
    @Test
    void isFoundByTheServiceLoaderUnderItsId() {
      assertThat(ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::get))
          .filteredOn(f -> f.id().equals("gemini"))
          .singleElement()
          .isInstanceOf(GeminiProviderFactory.class);
    }

    @Test
    void describesItsEndpointKeyVariablesCapabilitiesAndSettings() {
      var d = factory.descriptor();
      assertThat(d.id()).isEqualTo("gemini");
      assertThat(d.defaultBaseUrl()).isEqualTo("https://generativelanguage.googleapis.com/v1beta");
      assertThat(d.apiKeyEnvVars()).containsExactly("GEMINI_API_KEY", "GOOGLE_API_KEY");
      assertThat(d.capabilities()).containsExactlyInAnyOrder(Capability.STREAMING, Capability.TOOLS,
          Capability.PARALLEL_TOOL_CALLS, Capability.VISION, Capability.REASONING, Capability.RESPONSE_FORMAT,
          Capability.TOKEN_COUNTING);
      assertThat(d.settings()).containsExactly(Setting.SAFETY_SETTINGS);
    }

    @Test
    void dependsOnNeitherTheEngineNorAnotherPlugin() {
      PluginArchitecture.assertProviderIsolated(GeminiProviderFactory.class);
    }

    @Test
    void claimsBareGeminiNamesOnly() {
      var d = factory.descriptor();
      assertThat(d.claims("gemini-2.5-flash")).isTrue();
      assertThat(d.claims("Gemini-3-Pro-Preview")).isTrue();
      assertThat(d.claims("gpt-4o")).isFalse();
      assertThat(d.claims("claude-sonnet-4-5")).isFalse();
      assertThat(d.claims("gemma-3-27b-it")).isFalse();
    }
  }

  @Nested
  class ApiKey {
    private String keySentWith(LlmConfig.Builder config, Map<String, String> env) {
      gemini.answerJson(Fixtures.read("generate-text.json"));
      factory.create(config.model("gemini/gemini-2.0-flash").baseUrl(gemini.baseUrl()).build(),
              RecordingContext.withEnv(env))
          .complete(Fixtures.request("gemini-2.0-flash", ChatRequest.builder().user("Hi").build()));
      return gemini.onlyRequest().getHeader("x-goog-api-key");
    }

    @Test
    void theConfigsKeyComesFirst() {
      assertThat(keySentWith(LlmConfig.builder().apiKey("from-config"),
          Map.of("GEMINI_API_KEY", "from-gemini-env", "GOOGLE_API_KEY", "from-google-env"))).isEqualTo("from-config");
    }

    @Test
    void thenGeminiApiKeyThenGoogleApiKey() {
      assertThat(keySentWith(LlmConfig.builder(),
          Map.of("GEMINI_API_KEY", "from-gemini-env", "GOOGLE_API_KEY", "from-google-env"))).isEqualTo("from-gemini-env");
      gemini.reset();
      assertThat(keySentWith(LlmConfig.builder(), Map.of("GEMINI_API_KEY", " ", "GOOGLE_API_KEY", "from-google-env")))
          .isEqualTo("from-google-env");
    }

    @Test
    void aMissingKeyIsAConfigurationErrorNamingBothVariables() {
      assertThatThrownBy(() -> factory.create(LlmConfig.of("gemini/gemini-2.5-flash"), RecordingContext.withEnv(Map.of())))
          .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
          .hasMessageContaining("GEMINI_API_KEY")
          .hasMessageContaining("GOOGLE_API_KEY");
    }

    @Test
    void aGatewayAuthorizationHeaderStandsInForTheKey() {
      var config = LlmConfig.builder().model("gemini-2.5-flash").extraHeader("Authorization", "Bearer ya29.token").build();
      assertThat(factory.create(config, RecordingContext.withEnv(Map.of()))).isNotNull();
    }

    @Test
    void aHeaderJavaNetHttpCannotSendIsRejectedByNameOnly() {
      var config = LlmConfig.builder().model("gemini-2.5-flash").extraHeader("Host", "secret-host").build();
      assertThatThrownBy(() -> factory.create(config, RecordingContext.withKey()))
          .isInstanceOf(LlmException.class)
          .hasMessageContaining("'Host'")
          .hasMessageNotContaining("secret-host");
    }
  }

  @Nested
  class DescribeModel {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // name,                         reasoning, context, maxOutput
        "gemini-1.5-pro-002,             false,     2097152, 8192",
        "gemini-1.5-flash-8b,            false,     1048576, 8192",
        "gemini-2.0-flash,               false,     1048576, 8192",
        "gemini-2.0-flash-lite-001,      false,     1048576, 8192",
        "gemini-2.5-pro,                 true,      1048576, 65536",
        "gemini-2.5-flash,               true,      1048576, 65536",
        "gemini-2.5-flash-lite,          true,      1048576, 65536",
        "models/gemini-2.5-flash,        true,      1048576, 65536",
        "gemini-3-pro-preview,           true,      1048576, 65536",
        "gemini-3-flash-preview,         true,      1048576, 65536",
        "gemini-3.1-flash-lite,          true,      1048576, 65536",
    })
    void knowsFeaturesAndLimitsFromTheName(String name, boolean reasoning, int context, int maxOutput) {
      ModelInfo info = factory.describeModel(name);
      assertThat(info.provider()).isEqualTo("gemini");
      assertThat(info.name()).isEqualTo(name);
      assertThat(info.features().reasoningEffort()).isEqualTo(reasoning);
      assertThat(info.features().nativeToolCalling()).isTrue();
      assertThat(info.features().vision()).isTrue();
      assertThat(info.features().stopWords()).isTrue();
      assertThat(info.features().promptCache()).as("implicit caching needs no marks").isFalse();
      assertThat(info.contextWindow()).isEqualTo(context);
      assertThat(info.maxOutputTokens()).isEqualTo(maxOutput);
    }

    @Test
    void anAliasGetsTheDescriptorDefaultsAndNoLimits() {
      ModelInfo info = factory.describeModel("gemini-flash-latest");
      assertThat(info.features()).isEqualTo(factory.descriptor().defaultFeatures());
      assertThat(info.contextWindow()).isNull();
      assertThat(info.maxOutputTokens()).isNull();
    }
  }
}
