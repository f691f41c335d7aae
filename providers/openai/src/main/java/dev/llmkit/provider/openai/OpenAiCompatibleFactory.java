package dev.llmkit.provider.openai;

import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderContext;
import dev.llmkit.spi.ProviderDescriptor;
import dev.llmkit.spi.ProviderFactory;

/**
 * The one implementation behind every factory of this plugin; a subclass only names its
 * {@link Dialect}. Stateless: the descriptor is computed once and the provider built per config.
 */
abstract class OpenAiCompatibleFactory implements ProviderFactory {
  private final Dialect dialect;
  private final ProviderDescriptor descriptor;

  OpenAiCompatibleFactory(Dialect dialect) {
    this.dialect = dialect;
    this.descriptor = dialect.descriptor();
  }

  @Override
  public final String id() {
    return dialect.id();
  }

  @Override
  public final ProviderDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public final ChatProvider create(LlmConfig config, ProviderContext context) {
    return OpenAiChatProvider.create(dialect, config, context);
  }

  @Override
  public final ModelInfo describeModel(String modelName) {
    ModelInfo info = ModelCatalog.describe(dialect.id(), dialect.family(), modelName);
    // Every dialect that takes response_format takes it for all its models (json_schema or guided decoding).
    boolean structured = dialect.capabilities().contains(ProviderDescriptor.Capability.RESPONSE_FORMAT);
    return new ModelInfo(info.provider(), info.name(), info.features().set(ModelFeature.STRUCTURED_OUTPUT, structured),
        info.contextWindow(), info.maxOutputTokens());
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + dialect.id() + "]";
  }
}
