package dev.llmkit.provider.openai;

import dev.llmkit.testkit.TestProviderContext;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.llmkit.provider.openai.Fixtures.sentRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderDescriptor;
import dev.llmkit.spi.ProviderFactory;
import dev.llmkit.spi.ProviderRequest;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FactoryTest {
  @RegisterExtension
  static final StubServer server = new StubServer();

  @BeforeEach
  void answerOk() {
    server.answerJson(RequestMappingTest.OK);
  }

  static Map<String, ProviderFactory> loaded() {
    return ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::get)
        .collect(Collectors.toMap(ProviderFactory::id, Function.identity()));
  }

  @Nested
  class Discovery {
    @Test
    void serviceLoaderFindsEveryFactoryUnderItsId() {
      Map<String, ProviderFactory> factories = loaded();

      assertThat(factories).containsOnlyKeys("openai", "azure", "groq", "deepseek", "openrouter", "mistral",
          "together", "xai", "fireworks", "vllm", "lmstudio", "ollama-openai");
      assertThat(factories.get(OpenAiProviderFactory.ID)).isInstanceOf(OpenAiProviderFactory.class);
      assertThat(factories.get(AzureOpenAiProviderFactory.ID)).isInstanceOf(AzureOpenAiProviderFactory.class);
      factories.forEach((id, f) -> assertThat(f.descriptor().id()).isEqualTo(id));
    }

    @Test
    void onlyOpenAiDeepSeekMistralAndXaiClaimBareModelNames() {
      Map<String, ProviderFactory> factories = loaded();

      List<String> claiming = factories.values().stream()
          .filter(f -> !f.descriptor().modelPatterns().isEmpty()).map(ProviderFactory::id).sorted().toList();
      assertThat(claiming).containsExactly("deepseek", "mistral", "openai", "xai");
    }

    @ParameterizedTest(name = "{0} is claimed by {1}")
    @CsvSource({
        "gpt-4o, openai", "o3-mini, openai", "o1, openai", "o4-mini, openai", "chatgpt-4o-latest, openai",
        "ft:gpt-4o-mini-2024-07-18:acme::abc, openai", "gpt-5, openai",
        "deepseek-chat, deepseek", "mistral-large-latest, mistral", "codestral-latest, mistral",
        "magistral-medium-latest, mistral", "grok-4, xai"})
    void bareNamesAreClaimedByOneProvider(String model, String id) {
      List<String> claimants = loaded().values().stream()
          .filter(f -> f.descriptor().claims(model)).map(ProviderFactory::id).toList();

      assertThat(claimants).containsExactly(id);
    }

    @Test
    void descriptorsCarryBaseUrlsAndKeyVariables() {
      Map<String, ProviderDescriptor> d = loaded().values().stream()
          .collect(Collectors.toMap(ProviderFactory::id, ProviderFactory::descriptor));

      assertThat(d.get("openai").defaultBaseUrl()).isEqualTo("https://api.openai.com/v1");
      assertThat(d.get("openai").apiKeyEnvVars()).containsExactly("OPENAI_API_KEY");
      assertThat(d.get("openai").capabilities()).contains(ProviderDescriptor.Capability.STREAMING,
          ProviderDescriptor.Capability.TOOLS, ProviderDescriptor.Capability.VISION, ProviderDescriptor.Capability.REASONING);
      assertThat(d.get("azure").defaultBaseUrl()).isNull();
      assertThat(d.get("azure").apiKeyEnvVars()).containsExactly("AZURE_API_KEY", "AZURE_OPENAI_API_KEY");
      assertThat(d.get("groq").defaultBaseUrl()).isEqualTo("https://api.groq.com/openai/v1");
      assertThat(d.get("deepseek").defaultBaseUrl()).isEqualTo("https://api.deepseek.com/v1");
      assertThat(d.get("openrouter").defaultBaseUrl()).isEqualTo("https://openrouter.ai/api/v1");
      assertThat(d.get("mistral").defaultBaseUrl()).isEqualTo("https://api.mistral.ai/v1");
      assertThat(d.get("together").apiKeyEnvVars()).containsExactly("TOGETHER_API_KEY", "TOGETHERAI_API_KEY");
      assertThat(d.get("xai").defaultBaseUrl()).isEqualTo("https://api.x.ai/v1");
      assertThat(d.get("fireworks").defaultBaseUrl()).isEqualTo("https://api.fireworks.ai/inference/v1");
      assertThat(d.get("vllm").defaultBaseUrl()).isEqualTo("http://localhost:8000/v1");
      assertThat(d.get("lmstudio").defaultBaseUrl()).isEqualTo("http://localhost:1234/v1");
      assertThat(d.get("ollama-openai").defaultBaseUrl()).isEqualTo("http://localhost:11434/v1");
      assertThat(d.get("ollama-openai").apiKeyEnvVars()).containsExactly("OLLAMA_API_KEY");
      assertThat(d.get("ollama-openai").claims("llama3.2:3b")).as("bare names are not claimed").isFalse();
      assertThat(d.values().stream().filter(x -> !x.requiresApiKey()).map(ProviderDescriptor::id))
          .containsExactlyInAnyOrder("vllm", "lmstudio", "ollama-openai");
    }

    @Test
    void onlyAzureReadsTheApiVersionAndOnlyOpenRouterItsHeaders() {
      Map<String, Set<ProviderDescriptor.Setting>> settings = loaded().values().stream()
          .collect(Collectors.toMap(ProviderFactory::id, f -> f.descriptor().settings()));

      assertThat(settings.get("azure")).containsExactly(ProviderDescriptor.Setting.API_VERSION);
      assertThat(settings.get("openrouter")).containsExactly(ProviderDescriptor.Setting.OPENROUTER_HEADERS);
      settings.keySet().removeAll(List.of("azure", "openrouter"));
      assertThat(settings).isNotEmpty().allSatisfy((id, s) -> assertThat(s).as(id).isEmpty());
    }
  }

  @Nested
  class Keys {
    @Test
    void aMissingKeyIsAConfigurationErrorNamingTheVariableAndTheSetting() {
      assertThatThrownBy(() -> new OpenAiProviderFactory().create(LlmConfig.of("openai/gpt-4o"), TestProviderContext.withEnv()))
          .isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
            assertThat(e.getMessage()).contains("OPENAI_API_KEY").contains("LlmConfig.apiKey");
            assertThat(e.provider()).contains("openai");
          });
    }

    @Test
    void everyVariableIsNamedWhenThereAreSeveral() {
      assertThatThrownBy(() -> new TogetherProviderFactory().create(LlmConfig.of("together/x"), TestProviderContext.withEnv()))
          .hasMessageContaining("TOGETHER_API_KEY").hasMessageContaining("TOGETHERAI_API_KEY");
    }

    @Test
    void theKeyIsReadFromTheEnvironmentWhenTheConfigHasNone() {
      new OpenAiProviderFactory()
          .create(LlmConfig.builder().model("openai/gpt-4o").baseUrl(server.baseUrl() + "/v1").build(),
              TestProviderContext.withEnv("OPENAI_API_KEY", "env-key-1"))
          .complete(ProviderRequest.of(new OpenAiProviderFactory().describeModel("gpt-4o"), ChatRequest.of(Message.user("x"))));

      assertThat(sentRequest(server).getHeader("Authorization")).isEqualTo("Bearer env-key-1");
    }

    @Test
    void theSecondVariableIsTriedAfterTheFirst() {
      new TogetherProviderFactory()
          .create(LlmConfig.builder().model("together/m").baseUrl(server.baseUrl() + "/v1").build(),
              TestProviderContext.withEnv("TOGETHERAI_API_KEY", "env-key-2"))
          .complete(ProviderRequest.of(new TogetherProviderFactory().describeModel("m"), ChatRequest.of(Message.user("x"))));

      assertThat(sentRequest(server).getHeader("Authorization")).isEqualTo("Bearer env-key-2");
    }

    @Test
    void theConfigKeyWinsOverTheEnvironment() {
      Fixtures.provider(new OpenAiProviderFactory(), server)
          .complete(ProviderRequest.of(new OpenAiProviderFactory().describeModel("gpt-4o"), ChatRequest.of(Message.user("x"))));

      assertThat(sentRequest(server).getHeader("Authorization")).isEqualTo("Bearer " + Fixtures.KEY);
    }

    @Test
    void localServersNeedNoKeyAndSendNoAuthorization() {
      VllmProviderFactory f = new VllmProviderFactory();
      f.create(LlmConfig.builder().model("vllm/m").baseUrl(server.baseUrl() + "/v1/").build(), TestProviderContext.withEnv())
          .complete(ProviderRequest.of(f.describeModel("m"), ChatRequest.of(Message.user("x"))));

      assertThat(sentRequest(server).containsHeader("Authorization")).isFalse();
      assertThat(sentRequest(server).getUrl()).isEqualTo("/v1/chat/completions"); // trailing slash stripped
    }

    @Test
    void theProviderDescriptionHidesCredentialsInTheBaseUrl() {
      ChatProvider p = new VllmProviderFactory().create(
          LlmConfig.builder().model("vllm/m").baseUrl("http://proxyuser:hunter2@gpu-box:8000/v1").build(), TestProviderContext.withEnv());

      assertThat(p.toString()).contains("gpu-box:8000/v1").doesNotContain("hunter2").doesNotContain("proxyuser");
    }

    @Test
    void theProviderAndItsFailuresNeverShowTheKey() {
      ChatProvider p = Fixtures.provider(new OpenAiProviderFactory(), server);
      server.answer(aResponse().withStatus(401)
          .withBody("{\"error\":{\"message\":\"bad key " + Fixtures.KEY + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));

      assertThat(p.toString()).doesNotContain(Fixtures.KEY).contains("openai");
      assertThatThrownBy(() -> p.complete(ProviderRequest.of(new OpenAiProviderFactory().describeModel("gpt-4o"),
              ChatRequest.of(Message.user("x")))))
          .isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.getMessage()).doesNotContain(Fixtures.KEY);
            assertThat(e.toString()).doesNotContain(Fixtures.KEY);
            assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
          });
    }
  }

  @Nested
  class ModelDescriptions {
    @Test
    void openAiFamiliesHaveTheirFeaturesAndWindows() {
      OpenAiProviderFactory f = new OpenAiProviderFactory();

      assertThat(f.describeModel("gpt-4o").contextWindow()).isEqualTo(128_000);
      assertThat(f.describeModel("gpt-4o").features().vision()).isTrue();
      assertThat(f.describeModel("gpt-4o").features().reasoningEffort()).isFalse();
      assertThat(f.describeModel("gpt-4.1").contextWindow()).isEqualTo(1_047_576);
      assertThat(f.describeModel("o3").contextWindow()).isEqualTo(200_000);
      assertThat(f.describeModel("o3").features().reasoningEffort()).isTrue();
      assertThat(f.describeModel("o3").features().vision()).isTrue();
      assertThat(f.describeModel("o3").features().nativeToolCalling()).isTrue();
      assertThat(f.describeModel("o3-mini").features().vision()).isFalse();
      assertThat(f.describeModel("o1-mini").features().vision()).isFalse();
      assertThat(f.describeModel("o4-mini").features().reasoningEffort()).isTrue();
      assertThat(f.describeModel("gpt-5").features().reasoningEffort()).isTrue();
      assertThat(f.describeModel("gpt-5").features().vision()).isTrue();
      assertThat(f.describeModel("gpt-3.5-turbo").features().vision()).isFalse();
      assertThat(f.describeModel("gpt-3.5-turbo").features().nativeToolCalling()).isTrue();
      assertThat(f.describeModel("ft:gpt-4o-mini-2024-07-18:acme::abc").features().vision()).isTrue();
      assertThat(f.describeModel("gpt-4o").provider()).isEqualTo("openai");
      assertThat(f.describeModel("gpt-4o").name()).isEqualTo("gpt-4o");
    }

    @Test
    void unknownModelsOfServersOfAnyModelsDoNotCallToolsNatively() {
      for (ProviderFactory f : List.of(new VllmProviderFactory(), new TogetherProviderFactory(),
          new GroqProviderFactory(), new LmStudioProviderFactory(), new OllamaOpenAiProviderFactory(),
          new FireworksProviderFactory(), new OpenRouterProviderFactory())) {
        assertThat(f.knownModel("some-new-model")).as(f.id()).isEmpty();
        assertThat(f.describeModel("some-new-model").features()).as(f.id()).isEqualTo(ModelFeatures.BASIC);
      }
    }

    @Test
    void unknownModelsOfServersOfTheirOwnModelsCallTools() {
      for (ProviderFactory f : List.of(new OpenAiProviderFactory(), new AzureOpenAiProviderFactory(),
          new DeepSeekProviderFactory(), new MistralProviderFactory(), new XaiProviderFactory())) {
        assertThat(f.knownModel("some-new-model")).as(f.id()).isEmpty();
        assertThat(f.describeModel("some-new-model").features().nativeToolCalling()).as(f.id()).isTrue();
        assertThat(f.describeModel("some-new-model").features().vision()).as(f.id()).isFalse();
        assertThat(f.describeModel("some-new-model").features().reasoningEffort()).as(f.id()).isFalse();
      }
    }

    @Test
    void knownFamiliesDeclareStructuredOutputWhereTheyTakeAJsonSchema() {
      OpenAiProviderFactory f = new OpenAiProviderFactory();

      assertThat(f.knownModel("gpt-4o")).isPresent();
      assertThat(f.describeModel("gpt-4o").features().structuredOutput()).isTrue();
      assertThat(f.describeModel("gpt-4o-2024-05-13").features().structuredOutput()).isFalse();
      assertThat(f.describeModel("o3").features().structuredOutput()).isTrue();
      assertThat(f.describeModel("o1-mini").features().structuredOutput()).isFalse();
      assertThat(f.describeModel("gpt-3.5-turbo").features().structuredOutput()).isFalse();
      assertThat(new DeepSeekProviderFactory().describeModel("deepseek-chat").features().structuredOutput()).isFalse();
    }

    @Test
    void openRouterNamesAreDescribedByTheirVendor() {
      OpenRouterProviderFactory f = new OpenRouterProviderFactory();

      assertThat(f.describeModel("openai/gpt-4o").contextWindow()).isEqualTo(128_000);
      assertThat(f.describeModel("openai/o3").features().reasoningEffort()).isTrue();
      assertThat(f.describeModel("anthropic/claude-sonnet-4.5").features().vision()).isTrue();
      assertThat(f.describeModel("meta-llama/llama-3.3-70b-instruct").features().vision()).isFalse();
    }

    @Test
    void deepSeekWindowsAreKnown() {
      assertThat(new DeepSeekProviderFactory().describeModel("deepseek-chat").contextWindow()).isEqualTo(128_000);
      assertThat(new DeepSeekProviderFactory().describeModel("deepseek-chat").features().vision()).isFalse();
    }
  }
}
