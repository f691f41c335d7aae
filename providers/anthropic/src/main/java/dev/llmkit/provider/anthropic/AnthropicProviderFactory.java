package dev.llmkit.provider.anthropic;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auto.service.AutoService;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.Secret;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderContext;
import dev.llmkit.spi.ProviderDescriptor;
import dev.llmkit.spi.ProviderDescriptor.Capability;
import dev.llmkit.spi.ProviderDescriptor.Setting;
import dev.llmkit.spi.ProviderFactory;
import dev.llmkit.spi.support.Credentials;
import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code anthropic} provider: Claude models over Anthropic's Messages API
 * ({@value #DEFAULT_BASE_URL}). The key comes from {@link LlmConfig#apiKey()}, else from
 * {@value #API_KEY_ENV}; it is trimmed, and a key that cannot go in a header is a configuration error
 * when the provider is created. Bare {@code claude-*} names resolve here; Bedrock and Vertex spellings of
 * Claude ids are described correctly by {@link #describeModel}, though those hosts are not served.
 *
 * <pre>{@code
 * Llm llm = Llms.create(LlmConfig.builder()
 *     .model("anthropic/claude-sonnet-4-5")
 *     .extraHeader("anthropic-beta", "context-1m-2025-08-07")
 *     .build());
 * }</pre>
 */
@AutoService(ProviderFactory.class)
public final class AnthropicProviderFactory implements ProviderFactory {
  /** The provider id, the {@code anthropic/} model prefix. */
  public static final String ID = "anthropic";

  /**
   * The {@link dev.llmkit.api.AssistantBlock.Text#providerMetadata()} key under which a text block's
   * {@code citations} (a JSON array) are kept, to go back on that text block in the next turn.
   */
  public static final String CITATIONS = ID + ".citations";
  /** Anthropic's API root; {@code /v1/messages} is appended. */
  public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
  /** Where the key is read from when the config has none. */
  public static final String API_KEY_ENV = "ANTHROPIC_API_KEY";

  private static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builder(ID)
      .displayName("Anthropic")
      .modelPatterns("claude-*")
      .capabilities(
          Capability.STREAMING,
          Capability.TOOLS,
          Capability.PARALLEL_TOOL_CALLS,
          Capability.VISION,
          Capability.REASONING,
          Capability.PROMPT_CACHE,
          Capability.RESPONSE_FORMAT,
          Capability.TOKEN_COUNTING)
      .defaultBaseUrl(DEFAULT_BASE_URL)
      .apiKeyEnvVars(API_KEY_ENV)
      .requiresApiKey(true)
      .settings(Setting.API_VERSION) // sent as anthropic-version
      .build();

  /** Used by {@link java.util.ServiceLoader}. */
  public AnthropicProviderFactory() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ProviderDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public ChatProvider create(LlmConfig config, ProviderContext context) {
    checkHeaders(config.extraHeaders());
    Secret key = Credentials.headerSafe(config.apiKey(), ID, "LlmConfig.apiKey");
    if (key == null) {
      key = Credentials.fromEnv(context.env(API_KEY_ENV).orElse(null), ID, API_KEY_ENV);
    }
    if (key == null && !hasOwnAuth(config.extraHeaders())) {
      throw LlmException.builder(ErrorKind.CONFIGURATION,
              "no API key for anthropic: set the " + API_KEY_ENV + " environment variable or LlmConfig.apiKey")
          .provider(ID).model(config.model()).build();
    }
    String baseUrl = config.baseUrl() != null ? config.baseUrl() : DEFAULT_BASE_URL;
    AnthropicEndpoint endpoint =
        new AnthropicEndpoint(baseUrl, key, config.apiVersion(), config.extraHeaders(), config.timeout());
    return new AnthropicProvider(endpoint, context, newMapper());
  }

  @Override
  public Optional<ModelInfo> knownModel(String modelName) {
    ClaudeModels.Spec spec = ClaudeModels.lookup(modelName, DESCRIPTOR.defaultFeatures());
    return spec.claude()
        ? Optional.of(new ModelInfo(ID, modelName, spec.features(), spec.contextWindow(), spec.maxOutputTokens()))
        : Optional.empty();
  }

  private static ObjectMapper newMapper() {
    return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  /** A gateway that authenticates with its own header needs no Anthropic key. */
  private static boolean hasOwnAuth(Map<String, String> headers) {
    return headers.keySet().stream()
        .map(h -> h.toLowerCase(Locale.ROOT))
        .anyMatch(h -> h.equals("x-api-key") || h.equals("authorization"));
  }

  /** Fails early, naming the header (never its value), when java.net.http refuses to send it. */
  private static void checkHeaders(Map<String, String> headers) {
    HttpRequest.Builder probe = HttpRequest.newBuilder();
    for (Map.Entry<String, String> h : headers.entrySet()) {
      try {
        probe.setHeader(h.getKey(), h.getValue());
      } catch (IllegalArgumentException e) {
        throw LlmException.builder(ErrorKind.CONFIGURATION,
                "extraHeaders: the header '" + h.getKey() + "' cannot be sent (restricted or malformed)")
            .provider(ID).build();
      }
    }
  }

  @Override
  public String toString() {
    return "AnthropicProviderFactory[" + ID + "]";
  }
}
