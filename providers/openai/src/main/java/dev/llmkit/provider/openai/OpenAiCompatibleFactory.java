package dev.llmkit.provider.openai;

import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderContext;
import dev.llmkit.spi.ProviderDescriptor;
import dev.llmkit.spi.ProviderFactory;
import java.util.Optional;

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
  public final Optional<ModelInfo> knownModel(String modelName) {
    return ModelCatalog.known(dialect.id(), dialect.family(), modelName);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + dialect.id() + "]";
  }
}
