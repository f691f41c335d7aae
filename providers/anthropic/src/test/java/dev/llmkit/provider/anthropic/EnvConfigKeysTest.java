package dev.llmkit.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.Secret;
import dev.llmkit.core.PluginRegistry;
import dev.llmkit.core.config.LlmConfigs;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LlmConfigs.fromEnv takes ANTHROPIC_API_KEY when LLM_API_KEY is unset. */
class EnvConfigKeysTest {

  @Test
  void anthropic_api_key() {
    assertThat(LlmConfigs.fromEnv(Map.of("LLM_MODEL", "anthropic/claude-sonnet-4-5", "ANTHROPIC_API_KEY", "k-anthropic"),
        PluginRegistry.discover()).apiKey()).isEqualTo(Secret.of("k-anthropic"));
  }
}
