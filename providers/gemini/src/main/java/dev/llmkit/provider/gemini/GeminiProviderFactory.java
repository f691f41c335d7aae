package dev.llmkit.provider.gemini;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auto.service.AutoService;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelFeature;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code gemini} provider: Google's Gemini models over the Gemini API ({@value #DEFAULT_BASE_URL};
 * not Vertex AI). The key comes from {@link LlmConfig#apiKey()}, else from {@value #API_KEY_ENV}, else
 * from {@value #GOOGLE_API_KEY_ENV}, and is sent as the {@code x-goog-api-key} header. Bare
 * {@code gemini-*} names resolve here. {@link LlmConfig#safetySettings()} are sent as Gemini's
 * {@code safetySettings}.
 *
 * <pre>{@code
 * Llm llm = Llms.create(LlmConfig.builder()
 *     .model("gemini/gemini-2.5-flash")
 *     .safetySettings(List.of(Map.of("category", "HARM_CATEGORY_HARASSMENT", "threshold", "BLOCK_ONLY_HIGH")))
 *     .build());
 * }</pre>
 */
@AutoService(ProviderFactory.class)
public final class GeminiProviderFactory implements ProviderFactory {
  /** The provider id, the {@code gemini/} model prefix. */
  public static final String ID = "gemini";
  /** The Gemini API root; {@code /models/{model}:generateContent} is appended. */
  public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";
  /** Where the key is read from first when the config has none. */
  public static final String API_KEY_ENV = "GEMINI_API_KEY";
  /** Where the key is read from when neither the config nor {@value #API_KEY_ENV} has one. */
  public static final String GOOGLE_API_KEY_ENV = "GOOGLE_API_KEY";
  /**
   * The {@link dev.llmkit.api.ToolCall#providerMetadata()} key of a call's Gemini thought signature, which
   * must go back with the call on the next turn (Gemini 3 rejects a function-calling turn without it).
   */
  public static final String THOUGHT_SIGNATURE = "gemini.thoughtSignature";

  private static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builder(ID)
      .displayName("Google Gemini")
      .modelPatterns("gemini-*")
      .capabilities(
          Capability.STREAMING,
          Capability.TOOLS,
          Capability.PARALLEL_TOOL_CALLS,
          Capability.VISION,
          Capability.REASONING,
          Capability.RESPONSE_FORMAT,
          Capability.TOKEN_COUNTING)
      .defaultBaseUrl(DEFAULT_BASE_URL)
      .apiKeyEnvVars(API_KEY_ENV, GOOGLE_API_KEY_ENV)
      .requiresApiKey(true)
      .settings(Setting.SAFETY_SETTINGS) // sent as safetySettings
      .build();

  /** Used by {@link java.util.ServiceLoader}. */
  public GeminiProviderFactory() {}

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
    for (String variable : List.of(API_KEY_ENV, GOOGLE_API_KEY_ENV)) {
      if (key == null) {
        key = Credentials.fromEnv(context.env(variable).orElse(null), ID, variable);
      }
    }
    if (key == null && !hasOwnAuth(config.extraHeaders())) {
      throw LlmException.builder(ErrorKind.CONFIGURATION, "no API key for gemini: set the " + API_KEY_ENV
              + " (or " + GOOGLE_API_KEY_ENV + ") environment variable or LlmConfig.apiKey")
          .provider(ID).model(config.model()).build();
    }
    String baseUrl = config.baseUrl() != null ? config.baseUrl() : DEFAULT_BASE_URL;
    GeminiEndpoint endpoint = new GeminiEndpoint(baseUrl, key, config.extraHeaders(), config.timeout());
    return new GeminiProvider(endpoint, config.safetySettings(), context, newMapper());
  }

  @Override
  public Optional<ModelInfo> knownModel(String modelName) {
    return GeminiModels.known(modelName)
        .map(spec -> new ModelInfo(ID, modelName, spec.features(), spec.contextWindow(), spec.maxOutputTokens()));
  }

  private static ObjectMapper newMapper() {
    return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  /** A gateway that authenticates with its own header (or OAuth) needs no Gemini key. */
  private static boolean hasOwnAuth(Map<String, String> headers) {
    return headers.keySet().stream()
        .map(h -> h.toLowerCase(Locale.ROOT))
        .anyMatch(h -> h.equals("x-goog-api-key") || h.equals("authorization"));
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
    return "GeminiProviderFactory[" + ID + "]";
  }
}
