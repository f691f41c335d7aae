package dev.llmkit.provider.openai;

import dev.llmkit.testkit.TestProviderContext;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.llmkit.provider.openai.Fixtures.HI;
import static dev.llmkit.provider.openai.Fixtures.json;
import static dev.llmkit.provider.openai.Fixtures.request;
import static dev.llmkit.provider.openai.Fixtures.sentRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.ProviderContext;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AzureTest {
  static final AzureOpenAiProviderFactory AZURE = new AzureOpenAiProviderFactory();
  @RegisterExtension
  static final StubServer server = new StubServer();

  @BeforeEach
  void answerOkOnAnyPath() {
    server.stubFor(post(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody(RequestMappingTest.OK)));
  }

  static LoggedRequest call(String deployment, UnaryOperator<LlmConfig.Builder> config, ProviderContext context) {
    LlmConfig c = config.apply(LlmConfig.builder().model("azure/" + deployment).apiKey(Fixtures.KEY)).build();
    ChatResponse r = AZURE.create(c, context).complete(request(AZURE, deployment, HI));
    assertThat(r.text()).isEqualTo("ok");
    return sentRequest(server);
  }

  @Test
  void theDeploymentGoesInThePathWithTheDefaultApiVersionAndTheKeyInApiKey() {
    LoggedRequest r = call("prod-gpt4o", b -> b.baseUrl(server.baseUrl() + "/"), TestProviderContext.withEnv());

    assertThat(r.getUrl()).isEqualTo("/openai/deployments/prod-gpt4o/chat/completions?api-version=2024-10-21");
    assertThat(r.getHeader("api-key")).isEqualTo(Fixtures.KEY);
    assertThat(r.containsHeader("Authorization")).isFalse();
  }

  @Test
  void theConfiguredApiVersionIsUsed() {
    LoggedRequest r = call("prod-o3", b -> b.baseUrl(server.baseUrl()).apiVersion("2025-04-01-preview"), TestProviderContext.withEnv());

    assertThat(r.getUrl()).isEqualTo("/openai/deployments/prod-o3/chat/completions?api-version=2025-04-01-preview");
  }

  @Test
  void aBaseUrlEndingInOpenAiV1UsesTheV1ApiWithTheDeploymentAsModel() {
    LoggedRequest r = call("prod-gpt4o", b -> b.baseUrl(server.baseUrl() + "/openai/v1/"), TestProviderContext.withEnv());

    assertThat(r.getUrl()).isEqualTo("/openai/v1/chat/completions");
    assertThat(json(r.getBodyAsString()).get("model").textValue()).isEqualTo("prod-gpt4o");
    assertThat(r.getHeader("api-key")).isEqualTo(Fixtures.KEY);
  }

  @Test
  void theEndpointAndKeyMayComeFromTheEnvironment() {
    LlmConfig c = LlmConfig.builder().model("azure/dep").build();
    AZURE.create(c, TestProviderContext.withEnv("AZURE_OPENAI_ENDPOINT", server.baseUrl(), "AZURE_OPENAI_API_KEY", "env-key-42"))
        .complete(request(AZURE, "dep", HI));

    LoggedRequest r = sentRequest(server);
    assertThat(r.getUrl()).startsWith("/openai/deployments/dep/chat/completions");
    assertThat(r.getHeader("api-key")).isEqualTo("env-key-42");
  }

  @Test
  void anEntraTokenInExtraHeadersReplacesTheKey() {
    LlmConfig c = LlmConfig.builder().model("azure/dep").baseUrl(server.baseUrl())
        .extraHeader("Authorization", "Bearer entra-token").build();
    AZURE.create(c, TestProviderContext.withEnv())
        .complete(request(AZURE, "dep", HI));

    LoggedRequest r = sentRequest(server);
    assertThat(r.getHeader("Authorization")).isEqualTo("Bearer entra-token");
    assertThat(r.containsHeader("api-key")).isFalse();
  }

  @Test
  void withoutABaseUrlCreationFailsNamingTheSetting() {
    assertThatThrownBy(() -> AZURE.create(LlmConfig.builder().model("azure/dep").apiKey(Fixtures.KEY).build(),
            TestProviderContext.withEnv()))
        .isInstanceOfSatisfying(LlmException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
          assertThat(e.getMessage()).contains("LlmConfig.baseUrl").contains("openai.azure.com");
        });
  }
}
