package dev.llmkit.core.fake;

import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderContext;
import dev.llmkit.spi.ProviderDescriptor;
import dev.llmkit.spi.ProviderDescriptor.Capability;
import dev.llmkit.spi.ProviderFactory;
import java.util.Map;
import java.util.Optional;

/**
 * A provider factory for feature tests: any descriptor, the models it knows by name in a map, and a
 * {@link FakeProvider} behind it.
 */
public class DescribedProviderFactory implements ProviderFactory {
  private final ProviderDescriptor descriptor;
  private final Map<String, ModelInfo> known;

  public DescribedProviderFactory(ProviderDescriptor descriptor, Map<String, ModelInfo> known) {
    this.descriptor = descriptor;
    this.known = Map.copyOf(known);
  }

  /**
   * A server of arbitrary models named {@code id}: its wire carries tools, images, reasoning effort,
   * cache marks and schemas, and a model it does not know gets stop words only.
   */
  public static DescribedProviderFactory anyModelServer(String id, Map<String, ModelInfo> known) {
    return new DescribedProviderFactory(ProviderDescriptor.builder(id)
        .capabilities(Capability.TOOLS, Capability.VISION, Capability.REASONING, Capability.PROMPT_CACHE,
            Capability.RESPONSE_FORMAT)
        .unknownModelFeatures(ModelFeature.STOP_WORDS)
        .requiresApiKey(false)
        .build(), known);
  }

  @Override
  public String id() {
    return descriptor.id();
  }

  @Override
  public ProviderDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public ChatProvider create(LlmConfig config, ProviderContext context) {
    return new FakeProvider();
  }

  @Override
  public Optional<ModelInfo> knownModel(String modelName) {
    return Optional.ofNullable(known.get(modelName));
  }
}
