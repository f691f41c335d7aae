package dev.llmkit.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.Secret;
import dev.llmkit.core.PluginRegistry;
import dev.llmkit.core.config.LlmConfigs;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** LlmConfigs.fromEnv takes each OpenAI-compatible provider's usual key variable when LLM_API_KEY is unset. */
class EnvConfigKeysTest {
  private static final PluginRegistry INSTALLED = PluginRegistry.discover();

  @ParameterizedTest
  @CsvSource({
      "openai/gpt-4o, OPENAI_API_KEY",
      "gpt-4o, OPENAI_API_KEY",
      "azure/my-deployment, AZURE_API_KEY",
      "azure/my-deployment, AZURE_OPENAI_API_KEY",
      "groq/llama-3.3-70b-versatile, GROQ_API_KEY",
      "deepseek/deepseek-chat, DEEPSEEK_API_KEY",
      "openrouter/anthropic/claude-sonnet-4, OPENROUTER_API_KEY",
      "mistral/mistral-large-latest, MISTRAL_API_KEY",
      "xai/grok-4, XAI_API_KEY",
      "together/meta-llama/Llama-3.3-70B-Instruct-Turbo, TOGETHER_API_KEY",
      "fireworks/accounts/fireworks/models/llama-v3p1-8b-instruct, FIREWORKS_API_KEY"})
  void the_providers_variable_gives_the_key(String model, String variable) {
    var config = LlmConfigs.fromEnv(Map.of("LLM_MODEL", model, variable, "k-" + variable, "UNRELATED_API_KEY", "no"),
        INSTALLED);

    assertThat(config.apiKey()).isEqualTo(Secret.of("k-" + variable));
  }

  @ParameterizedTest
  @CsvSource({"openai/gpt-4o, OPENAI_API_KEY", "azure/my-deployment, AZURE_API_KEY"})
  void LLM_API_KEY_wins(String model, String variable) {
    var config = LlmConfigs.fromEnv(Map.of("LLM_MODEL", model, "LLM_API_KEY", "k-llm", variable, "k-provider"), INSTALLED);

    assertThat(config.apiKey()).isEqualTo(Secret.of("k-llm"));
  }

  @ParameterizedTest
  @CsvSource({"openai/gpt-4o, ANTHROPIC_API_KEY", "groq/llama-3.3-70b-versatile, OPENAI_API_KEY"})
  void another_providers_variable_is_not_taken(String model, String variable) {
    assertThat(LlmConfigs.fromEnv(Map.of("LLM_MODEL", model, variable, "k-other"), INSTALLED).apiKey()).isNull();
  }
}
