package dev.llmkit.spi;

import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.ModelInfo;
import java.util.Optional;

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
   * What this provider knows of a model it recognises by name (its own families, or another vendor's it
   * can tell apart), or empty for a name it does not know. A known model's features are taken as they
   * are (only the config overrides them); its limits left null are looked up in the catalog. For an
   * unknown name the engine asks the price and capability catalog, then name patterns, then
   * {@link #describeModel}. The default knows no model.
   */
  default Optional<ModelInfo> knownModel(String modelName) {
    return Optional.empty();
  }

  /**
   * The features and limits of a model this provider serves, known or not: {@link #knownModel} when it
   * knows the name, else the descriptor's {@link ProviderDescriptor#defaultFeatures() default features}
   * and no limits.
   */
  default ModelInfo describeModel(String modelName) {
    return knownModel(modelName)
        .orElseGet(() -> new ModelInfo(id(), modelName, descriptor().defaultFeatures(), null, null));
  }
}
