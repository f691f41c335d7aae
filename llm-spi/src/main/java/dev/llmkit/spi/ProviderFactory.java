package dev.llmkit.spi;

import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.ModelInfo;

/**
 * The {@link java.util.ServiceLoader} entry point of a provider plugin: stateless, with a public no-arg
 * constructor, registered with {@code @AutoService(ProviderFactory.class)}.
 *
 * <pre>{@code
 * @AutoService(ProviderFactory.class)
 * public final class AcmeProviderFactory implements ProviderFactory {
 *   public static final String ID = "acme";
 *   public String id() { return ID; }
 *   public ProviderDescriptor descriptor() { return ProviderDescriptor.builder(ID).modelPatterns("acme-*").build(); }
 *   public ChatProvider create(LlmConfig config, ProviderContext context) { return new AcmeProvider(config, context); }
 * }
 * }</pre>
 */
public interface ProviderFactory {

  /** The stable provider id used as the model prefix ({@code openai} in {@code openai/gpt-4o}). */
  String id();

  /** What this provider serves and can do. */
  ProviderDescriptor descriptor();

  /**
   * Creates a provider for one configuration. Called once per {@code Llm}; the provider is then used
   * from many threads. Throws an {@link dev.llmkit.api.LlmException} of kind CONFIGURATION when the
   * config cannot work (e.g. no API key anywhere), naming what to set.
   */
  ChatProvider create(LlmConfig config, ProviderContext context);

  /**
   * The features and limits of a model this provider serves. The default derives features from the
   * descriptor's capabilities; providers that know their models override it.
   */
  default ModelInfo describeModel(String modelName) {
    return new ModelInfo(id(), modelName, descriptor().defaultFeatures(), null, null);
  }
}
