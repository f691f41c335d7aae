package dev.llmkit.provider.openai;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Secret;
import dev.llmkit.spi.ProviderContext;
import dev.llmkit.spi.support.Credentials;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Finds the API key: {@link LlmConfig#apiKey()} first, then the dialect's environment variables;
 * trimmed, and refused (naming where it came from, never the key) when it cannot go in a header.
 */
final class ApiKeys {
  private ApiKeys() {}

  static @Nullable Secret resolve(Dialect dialect, LlmConfig config, ProviderContext context) {
    if (config.apiKey() != null) {
      return Credentials.headerSafe(config.apiKey(), dialect.id(), "LlmConfig.apiKey");
    }
    for (String name : dialect.apiKeyEnvVars()) {
      Optional<String> value = context.env(name).filter(v -> !v.isBlank());
      if (value.isPresent()) {
        return Credentials.fromEnv(value.get(), dialect.id(), name);
      }
    }
    // A caller may authenticate through its own header instead (e.g. an Entra ID token for Azure).
    if (!dialect.requiresApiKey() || hasAuthHeader(config)) {
      return null;
    }
    String vars = dialect.apiKeyEnvVars().stream().collect(Collectors.joining(" or "));
    throw LlmException.builder(ErrorKind.CONFIGURATION, "no API key for " + dialect.displayName()
            + ": set the " + vars + " environment variable or LlmConfig.apiKey")
        .provider(dialect.id()).build();
  }

  private static boolean hasAuthHeader(LlmConfig config) {
    return config.extraHeaders().keySet().stream()
        .map(h -> h.toLowerCase(Locale.ROOT))
        .anyMatch(h -> h.equals("authorization") || h.equals("api-key"));
  }
}
