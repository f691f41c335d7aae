package dev.llmkit.examples.quickstart;

import dev.llmkit.core.PluginRegistry;
import dev.llmkit.spi.ProviderDescriptor;
import dev.llmkit.spi.ProviderFactory;
import dev.llmkit.testkit.mock.WireDialect;
import dev.llmkit.testkit.mock.WireDialects;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Where the quickstart sends its calls: to the real service, or to the testkit's mock server speaking
 * the provider's wire format.
 *
 * <ul>
 *   <li>A provider that needs a key goes to the real service when one of its key variables is set
 *       ({@code OPENAI_API_KEY}; {@code GEMINI_API_KEY} or {@code GOOGLE_API_KEY}; ...), else to the mock.
 *   <li>Ollama needs no key, but without a server there is nothing to call: it goes to the server
 *       {@code OLLAMA_HOST} names (as the {@code ollama} CLI reads it), else to the mock.
 *   <li>Other local servers (vLLM, LM Studio) and unknown providers go "for real": the first is what the
 *       user asked for, the second fails in the engine with the installed providers listed.
 * </ul>
 *
 * The mock speaks the dialect named like the provider ({@code openai}, {@code anthropic}, {@code gemini},
 * {@code ollama}); every other provider is OpenAI-compatible and gets the OpenAI dialect.
 */
sealed interface Target {
  /** The variable that names the Ollama server. */
  String OLLAMA_HOST = "OLLAMA_HOST";

  /** The real service; {@code note} is printed first (none for an unknown provider), {@code baseUrl} null for the default. */
  record Real(@Nullable String note, @Nullable String baseUrl) implements Target {}

  /** The built-in mock in {@code dialect}, because of {@code reason} ("No OPENAI_API_KEY set"). */
  record Mock(String reason, WireDialect dialect) implements Target {}

  static Target choose(String model, Function<String, String> env) {
    Optional<ProviderFactory> factory = provider(model);
    if (factory.isEmpty()) {
      return new Real(null, null); // the engine names the installed providers
    }
    ProviderDescriptor d = factory.get().descriptor();
    if (isOllama(d.id())) {
      String host = env.apply(OLLAMA_HOST);
      if (host == null || host.isBlank()) {
        return new Mock("No " + OLLAMA_HOST + " set (export " + OLLAMA_HOST + "=127.0.0.1:11434 to use your Ollama)",
            dialectOf(d.id()));
      }
      String url = ollamaBaseUrl(host) + (d.id().equals("ollama") ? "" : "/v1");
      return new Real("Calling " + model + " for real at " + url + " (" + OLLAMA_HOST + " is set).", url);
    }
    List<String> keyVariables = d.apiKeyEnvVars();
    if (!d.requiresApiKey() || keyVariables.isEmpty()) {
      return new Real("Calling " + model + " for real (" + d.displayName() + " needs no API key).", null);
    }
    Optional<String> set = keyVariables.stream().filter(v -> !isBlank(env.apply(v))).findFirst();
    if (set.isPresent()) {
      return new Real("Calling " + model + " for real (" + set.get() + " is set).", null);
    }
    return new Mock("No " + String.join(" or ", keyVariables) + " set", dialectOf(d.id()));
  }

  /** The provider of {@code provider/name}, or the one that claims a bare name. */
  private static Optional<ProviderFactory> provider(String model) {
    PluginRegistry registry = PluginRegistry.discover();
    int slash = model.indexOf('/');
    return slash > 0
        ? registry.provider(model.substring(0, slash))
        : registry.providers().stream().filter(f -> f.descriptor().claims(model)).findFirst();
  }

  /** The mock's dialect for a provider: the one of its name, else OpenAI Chat Completions (the compatible servers). */
  static WireDialect dialectOf(String providerId) {
    return WireDialects.all().stream()
        .filter(d -> d.name().equals(providerId))
        .findFirst()
        .orElse(WireDialects.openAi());
  }

  private static boolean isOllama(String providerId) {
    return providerId.equals("ollama") || providerId.equals("ollama-openai");
  }

  /**
   * The base URL for an {@code OLLAMA_HOST} value, read as the {@code ollama} CLI reads it: the scheme
   * defaults to {@code http}, the port to 11434 without a scheme (80 or 443 with one), an empty host
   * to 127.0.0.1. A listen-on-everything host ({@code 0.0.0.0}, {@code ::}) is reached on loopback.
   */
  static String ollamaBaseUrl(String hostVariable) {
    String rest = hostVariable.trim();
    String scheme = "http";
    String port = "11434";
    int sep = rest.indexOf("://");
    if (sep >= 0) {
      scheme = rest.substring(0, sep).toLowerCase(Locale.ROOT);
      port = scheme.equals("https") ? "443" : "80";
      rest = rest.substring(sep + 3);
    }
    String path = "";
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      path = rest.substring(slash).replaceAll("/+$", "");
      rest = rest.substring(0, slash);
    }
    String host = rest;
    int close = rest.lastIndexOf(']');
    int colon = rest.lastIndexOf(':');
    if (rest.startsWith("[") && close > 0) {
      host = rest.substring(0, close + 1);
      port = colon > close ? rest.substring(colon + 1) : port;
    } else if (colon >= 0 && rest.indexOf(':') == colon) {
      host = rest.substring(0, colon);
      port = colon + 1 < rest.length() ? rest.substring(colon + 1) : port;
    } else if (colon >= 0) {
      host = "[" + rest + "]"; // a bare IPv6 address
    }
    if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("[::]")) {
      host = "127.0.0.1";
    }
    return scheme + "://" + host + ":" + port + path;
  }

  private static boolean isBlank(@Nullable String value) {
    return value == null || value.isBlank();
  }
}
