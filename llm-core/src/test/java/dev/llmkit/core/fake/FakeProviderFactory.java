package dev.llmkit.core.fake;

import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderContext;
import dev.llmkit.spi.ProviderDescriptor;
import dev.llmkit.spi.ProviderFactory;

/** A provider id "fake" claiming bare names "fake-*"; its provider is a {@link FakeProvider} tests script. */
public class FakeProviderFactory implements ProviderFactory {
  public static final String ID = "fake";
  private final FakeProvider provider;
  private final String id;
  private final ModelFeatures features;

  public FakeProviderFactory() {
    this(ID, new FakeProvider(), ModelFeatures.of(ModelFeature.NATIVE_TOOL_CALLING, ModelFeature.REASONING_EFFORT,
        ModelFeature.PROMPT_CACHE, ModelFeature.STOP_WORDS, ModelFeature.VISION, ModelFeature.STRUCTURED_OUTPUT));
  }

  public FakeProviderFactory(String id, FakeProvider provider, ModelFeatures features) {
    this.id = id;
    this.provider = provider;
    this.features = features;
  }

  public FakeProvider provider() {
    return provider;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public ProviderDescriptor descriptor() {
    return ProviderDescriptor.builder(id).modelPatterns(id + "-*").requiresApiKey(false).build();
  }

  @Override
  public ChatProvider create(LlmConfig config, ProviderContext context) {
    return provider;
  }

  @Override
  public ModelInfo describeModel(String modelName) {
    return new ModelInfo(id, modelName, features, 100_000, 4_096);
  }
}
