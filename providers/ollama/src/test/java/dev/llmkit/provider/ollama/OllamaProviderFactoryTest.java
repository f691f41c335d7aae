package dev.llmkit.provider.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.spi.ProviderDescriptor.Capability;
import dev.llmkit.spi.ProviderFactory;
import dev.llmkit.testkit.PluginArchitecture;
import dev.llmkit.testkit.TestProviderContext;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class OllamaProviderFactoryTest {
  private final OllamaProviderFactory factory = new OllamaProviderFactory();

  @Test
  void isFoundByTheServiceLoaderUnderItsId() {
    assertThat(ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::get))
        .filteredOn(f -> f.id().equals("ollama"))
        .singleElement()
        .isInstanceOf(OllamaProviderFactory.class);
  }

  @Test
  void describesALocalServerThatNeedsNoKey() {
    var d = factory.descriptor();
    assertThat(d.id()).isEqualTo("ollama");
    assertThat(d.defaultBaseUrl()).isEqualTo("http://localhost:11434");
    assertThat(d.requiresApiKey()).isFalse();
    assertThat(d.apiKeyEnvVars()).containsExactly("OLLAMA_API_KEY");
    assertThat(d.capabilities()).containsExactlyInAnyOrder(Capability.STREAMING, Capability.TOOLS,
        Capability.PARALLEL_TOOL_CALLS, Capability.VISION, Capability.REASONING, Capability.RESPONSE_FORMAT);
    assertThat(d.settings()).isEmpty();
  }

  @Test
  void claimsNoBareNames() {
    assertThat(factory.descriptor().modelPatterns()).isEmpty();
    assertThat(factory.descriptor().claims("llama3.2")).isFalse();
  }

  @Test
  void describesAnyModelNameWithTheDefaultFeaturesAndNoLimits() {
    ModelInfo info = factory.describeModel("hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M");
    assertThat(info.provider()).isEqualTo("ollama");
    assertThat(info.name()).isEqualTo("hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M");
    assertThat(info.features()).isEqualTo(factory.descriptor().defaultFeatures());
    assertThat(info.contextWindow()).isNull();
  }

  @Test
  void buildsWithoutKeyOrBaseUrlAndTalksToTheDefaultAddress() {
    var provider = factory.create(LlmConfig.of("ollama/llama3.2:3b"), TestProviderContext.withEnv());
    assertThat(provider.toString()).contains("http://localhost:11434/api/chat");
  }

  @Test
  void aHeaderJavaCannotSendFailsAtBuildNamingIt() {
    LlmException e = catchThrowableOfType(LlmException.class, () -> factory.create(
        LlmConfig.builder().model("ollama/llama3.2:3b").extraHeader("Host", "example.com").build(),
        TestProviderContext.withEnv()));
    assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
    assertThat(e.getMessage()).contains("'Host'").doesNotContain("example.com");
  }

  @Test
  void theKeyNeverShowsInTheProvider() {
    var provider = factory.create(LlmConfig.builder().model("ollama/llama3.2:3b").apiKey("sk-secret-123456").build(),
        TestProviderContext.withEnv());
    assertThat(provider.toString()).doesNotContain("sk-secret");
  }

  @Test
  void dependsOnNoEngineAndNoOtherPlugin() {
    PluginArchitecture.assertProviderIsolated(OllamaProviderFactory.class);
  }
}
