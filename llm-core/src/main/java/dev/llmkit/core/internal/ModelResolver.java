package dev.llmkit.core.internal;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.core.PluginRegistry;
import dev.llmkit.spi.ProviderFactory;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a configured model to its provider: {@code customProvider} when set, else the prefix before
 * the first {@code /} when it names an installed provider ({@code openai/gpt-4o},
 * {@code openrouter/anthropic/claude-3.5-sonnet}), else the one provider whose patterns claim the bare
 * name ({@code gpt-4o}). Config limits and the native-tool-calling switch override the provider's
 * model description.
 */
public final class ModelResolver {
  private final PluginRegistry registry;

  public ModelResolver(PluginRegistry registry) {
    this.registry = registry;
  }

  public ResolvedModel resolve(LlmConfig config) {
    String model = config.model().trim();
    ProviderFactory factory;
    String name;
    if (config.customProvider() != null) {
      factory = provider(config.customProvider(), model);
      name = stripPrefix(model, config.customProvider());
    } else {
      int slash = model.indexOf('/');
      Optional<ProviderFactory> prefixed = slash > 0 ? registry.provider(model.substring(0, slash)) : Optional.empty();
      if (prefixed.isPresent()) {
        factory = prefixed.get();
        name = model.substring(slash + 1);
      } else {
        factory = byPattern(model);
        name = model;
      }
    }
    if (name.isBlank()) {
      throw configError("model '" + model + "' names a provider but no model; use provider/model, e.g. openai/gpt-4o");
    }
    return new ResolvedModel(factory, applyConfig(factory.describeModel(name), config));
  }

  private ProviderFactory provider(String id, String model) {
    return registry.provider(id).orElseThrow(() -> configError(
        "unknown provider '" + id + "' for model '" + model + "'; installed providers: " + registry.providerIds()
            + ". Add the provider's jar (dev.llmkit:llm-provider-" + id + ") to the class path or fix the id"));
  }

  private ProviderFactory byPattern(String model) {
    List<ProviderFactory> claimants =
        registry.providers().stream().filter(f -> f.descriptor().claims(model)).toList();
    if (claimants.size() == 1) {
      return claimants.get(0);
    }
    int slash = model.indexOf('/');
    if (claimants.isEmpty() && slash > 0) {
      return provider(model.substring(0, slash), model);
    }
    if (claimants.isEmpty()) {
      throw configError("no installed provider serves model '" + model + "'; installed providers: "
          + registry.providerIds() + ". Use the form provider/model, e.g. openai/gpt-4o or anthropic/claude-sonnet-4-5");
    }
    throw configError("model '" + model + "' is claimed by several providers "
        + claimants.stream().map(ProviderFactory::id).toList() + "; prefix it with one, e.g. "
        + claimants.get(0).id() + "/" + model);
  }

  private static ModelInfo applyConfig(ModelInfo info, LlmConfig config) {
    ModelFeatures f = info.features();
    boolean nativeTools = config.nativeToolCalling() != null ? config.nativeToolCalling() : f.nativeToolCalling();
    ModelFeatures features = f.set(ModelFeature.NATIVE_TOOL_CALLING, nativeTools)
        .set(ModelFeature.STOP_WORDS, f.stopWords() && !config.disableStopWord())
        .set(ModelFeature.VISION, f.vision() && !config.disableVision());
    Integer contextWindow = config.maxInputTokens() != null ? config.maxInputTokens() : info.contextWindow();
    Integer maxOutput = config.maxOutputTokens() != null ? config.maxOutputTokens() : info.maxOutputTokens();
    return new ModelInfo(info.provider(), info.name(), features, contextWindow, maxOutput);
  }

  private static String stripPrefix(String model, String provider) {
    return model.startsWith(provider + "/") ? model.substring(provider.length() + 1) : model;
  }

  private static LlmException configError(String message) {
    return LlmException.builder(ErrorKind.CONFIGURATION, message).build();
  }
}
