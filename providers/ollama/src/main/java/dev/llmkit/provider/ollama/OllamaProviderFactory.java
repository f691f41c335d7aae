package dev.llmkit.provider.ollama;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auto.service.AutoService;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.Secret;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderContext;
import dev.llmkit.spi.ProviderDescriptor;
import dev.llmkit.spi.ProviderDescriptor.Capability;
import dev.llmkit.spi.ProviderFactory;
import dev.llmkit.spi.support.Credentials;

/**
 * The {@code ollama} provider: local models over Ollama's native {@code /api/chat}
 * ({@value #DEFAULT_BASE_URL} unless {@link LlmConfig#baseUrl()} says otherwise). Model ids are
 * {@code ollama/<name>:<tag>} as {@code ollama list} shows them, namespaces included
 * ({@code ollama/hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M}); no bare name is claimed, as any
 * name could be a local model.
 *
 * <p>No key is needed. One from {@link LlmConfig#apiKey()}, else from {@value #API_KEY_ENV}, is sent as
 * {@code Authorization: Bearer} (ollama.com or an authenticating proxy); user-info in the base URL is
 * sent as Basic auth when there is no key. Local models cost nothing, so answers carry no cost and the
 * engine's cost stage decides what to report. {@code num_ctx} comes from {@link LlmConfig#maxInputTokens()}.
 *
 * <pre>{@code
 * Llm llm = Llms.create(LlmConfig.builder()
 *     .model("ollama/qwen3:8b")
 *     .maxInputTokens(32_768)            // num_ctx: Ollama's own default window is small
 *     .extraParam("keep_alive", "30m")   // keep the model loaded between calls
 *     .build());
 * }</pre>
 */
@AutoService(ProviderFactory.class)
public final class OllamaProviderFactory implements ProviderFactory {
  /** The provider id, the {@code ollama/} model prefix. */
  public static final String ID = "ollama";
  /** Where a local Ollama listens; {@code /api/chat} is appended. */
  public static final String DEFAULT_BASE_URL = "http://localhost:11434";
  /** An optional key (ollama.com, a proxy), read when the config has none. */
  public static final String API_KEY_ENV = "OLLAMA_API_KEY";

  // Every capability is per model in Ollama and unknown by name: claim them all and let the server refuse
  // (a model without tools or thinking answers 400, which is classified as INVALID_REQUEST). Native tool
  // calling is the exception: a model without a tool template refuses tools where emulation would have
  // worked, and one with a template may still call them badly, so an unknown model's tools are emulated
  // unless the engine's catalog or name patterns know the model calls them (qwen3-coder, ...).
  private static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builder(ID)
      .displayName("Ollama")
      .capabilities(
          Capability.STREAMING,
          Capability.TOOLS,
          Capability.PARALLEL_TOOL_CALLS,
          Capability.VISION,
          Capability.REASONING,
          Capability.RESPONSE_FORMAT)
      .defaultBaseUrl(DEFAULT_BASE_URL)
      .apiKeyEnvVars(API_KEY_ENV)
      .requiresApiKey(false)
      .unknownModelFeatures(
          ModelFeature.REASONING_EFFORT, ModelFeature.STOP_WORDS, ModelFeature.VISION, ModelFeature.STRUCTURED_OUTPUT)
      .build();

  /** Used by {@link java.util.ServiceLoader}. */
  public OllamaProviderFactory() {}

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
    Secret key = Credentials.headerSafe(config.apiKey(), ID, "LlmConfig.apiKey");
    if (key == null) {
      key = Credentials.fromEnv(context.env(API_KEY_ENV).orElse(null), ID, API_KEY_ENV);
    }
    String baseUrl = config.baseUrl() != null ? config.baseUrl() : DEFAULT_BASE_URL;
    OllamaEndpoint endpoint = new OllamaEndpoint(baseUrl, key, config.extraHeaders(), config.timeout());
    ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    return new OllamaProvider(endpoint, context, mapper, config.maxInputTokens());
  }

  @Override
  public String toString() {
    return "OllamaProviderFactory[" + ID + "]";
  }
}
