package dev.llmkit.examples.quickstart;

import dev.llmkit.core.PluginRegistry;
import dev.llmkit.spi.ProviderDescriptor;
import dev.llmkit.spi.ProviderFactory;
import java.util.Optional;
import java.util.function.Function;

/** Decides whether the quickstart can call the real provider: is its key variable set? */
final class KeyLookup {
  private KeyLookup() {}

  /**
   * The key variable to name when the model's provider needs a key and none is set; empty when a key
   * is there, the provider needs none (a local server), or the provider is unknown (the engine then
   * explains which providers are installed).
   */
  static Optional<String> missingKeyVariable(String model, Function<String, String> env) {
    PluginRegistry registry = PluginRegistry.discover();
    int slash = model.indexOf('/');
    Optional<ProviderFactory> factory = slash > 0
        ? registry.provider(model.substring(0, slash))
        : registry.providers().stream().filter(f -> f.descriptor().claims(model)).findFirst();
    if (factory.isEmpty()) {
      return Optional.empty();
    }
    ProviderDescriptor d = factory.get().descriptor();
    boolean keySet = d.apiKeyEnvVars().stream().map(env).anyMatch(v -> v != null && !v.isBlank());
    if (!d.requiresApiKey() || keySet || d.apiKeyEnvVars().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(d.apiKeyEnvVars().get(0));
  }
}
