package dev.llmkit.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.Secret;
import dev.llmkit.core.PluginRegistry;
import dev.llmkit.core.config.LlmConfigs;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LlmConfigs.fromEnv takes Gemini's key variables, in the provider's order, when LLM_API_KEY is unset. */
class EnvConfigKeysTest {
  private static final PluginRegistry INSTALLED = PluginRegistry.discover();

  @Test
  void gemini_api_key_then_google_api_key() {
    assertThat(LlmConfigs.fromEnv(Map.of("LLM_MODEL", "gemini/gemini-2.5-pro", "GEMINI_API_KEY", "k-gemini",
        "GOOGLE_API_KEY", "k-google"), INSTALLED).apiKey()).isEqualTo(Secret.of("k-gemini"));
    assertThat(LlmConfigs.fromEnv(Map.of("LLM_MODEL", "gemini-2.5-pro", "GOOGLE_API_KEY", "k-google"), INSTALLED).apiKey())
        .isEqualTo(Secret.of("k-google"));
  }
}
