package dev.llmkit.core.config;

import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Secret;
import dev.llmkit.core.PluginRegistry;
import dev.llmkit.core.internal.ModelResolver;
import dev.llmkit.spi.ProviderDescriptor;
import dev.llmkit.spi.support.Credentials;
import java.util.Map;

/**
 * Fills a config's missing API key from its provider's usual environment variable
 * ({@code OPENAI_API_KEY}, {@code ANTHROPIC_API_KEY}, {@code GEMINI_API_KEY} then {@code GOOGLE_API_KEY},
 * ...). The variables are not listed here: each provider declares them in
 * {@link ProviderDescriptor#apiKeyEnvVars()}, the same list it reads itself, so one place decides.
 */
final class ProviderKeys {
  private ProviderKeys() {}

  /**
   * {@code config} with the key of its provider's first set variable, or {@code config} as it is when it
   * has a key, its provider is not installed (building the {@code Llm} reports that), or no variable is set.
   */
  static LlmConfig fill(LlmConfig config, Map<String, String> env, PluginRegistry registry) {
    if (config.apiKey() != null) {
      return config;
    }
    ProviderDescriptor descriptor;
    try {
      descriptor = new ModelResolver(registry).resolve(config).factory().descriptor();
    } catch (LlmException e) {
      return config;
    }
    for (String variable : descriptor.apiKeyEnvVars()) {
      // Checked as the provider checks it, so a bad key names the variable it came from.
      Secret key = Credentials.fromEnv(env.get(variable), descriptor.id(), variable);
      if (key != null) {
        return config.toBuilder().apiKey(key).build();
      }
    }
    return config;
  }
}
