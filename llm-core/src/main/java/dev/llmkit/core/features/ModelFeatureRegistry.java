package dev.llmkit.core.features;

import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.core.cost.CatalogEntry;
import dev.llmkit.core.cost.PriceCatalog;
import dev.llmkit.spi.ProviderFactory;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a model can do (native function calling, reasoning effort, prompt cache, stop words, vision,
 * structured output) and its max input and output tokens, from every source llmkit has, each feature
 * and limit decided by the first source that knows it:
 *
 * <ol>
 *   <li>the config: {@code nativeToolCalling} forces tool calling either way, {@code disableVision} and
 *       {@code disableStopWord} switch those off, {@code maxInputTokens} and {@code maxOutputTokens} set
 *       the limits;
 *   <li>the provider, for a model it knows by name ({@link ProviderFactory#knownModel}): the plugin that
 *       speaks the wire knows which of its models take which fields, so its answer for every feature
 *       stands. Limits the provider states (for a known model, or in an overridden
 *       {@link ProviderFactory#describeModel}) stand too; those it leaves null come from the catalog;
 *   <li>the price and capability catalog ({@link PriceCatalog}), whose capability flags only ever say
 *       that a model has a feature, and its max input and output tokens;
 *   <li>the glob patterns on the normalised name ({@link FeaturePatterns}: the OpenHands lists and
 *       llmkit's additions), which can also say that a model lacks a feature (no stop words for
 *       {@code o1*});
 *   <li>the provider's default for a model it does not know ({@link ProviderFactory#describeModel}, by
 *       default the descriptor's {@code defaultFeatures()}). Servers of arbitrary models declare no
 *       native tool calling there, so an unknown model's tools are emulated.
 * </ol>
 *
 * A feature that the catalog or a pattern claims is taken only when the provider's wire can carry it
 * ({@code ProviderDescriptor.wireFeatures()}); otherwise the later sources decide.
 */
public final class ModelFeatureRegistry {
  private static final Map<String, ModelFeature> CATALOG_CAPABILITIES = Map.of(
      CatalogEntry.FUNCTION_CALLING, ModelFeature.NATIVE_TOOL_CALLING,
      CatalogEntry.REASONING, ModelFeature.REASONING_EFFORT,
      CatalogEntry.PROMPT_CACHING, ModelFeature.PROMPT_CACHE,
      CatalogEntry.VISION, ModelFeature.VISION,
      CatalogEntry.RESPONSE_SCHEMA, ModelFeature.STRUCTURED_OUTPUT);

  private final PriceCatalog catalog;
  private final FeaturePatterns patterns;

  public ModelFeatureRegistry(PriceCatalog catalog, FeaturePatterns patterns) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.patterns = Objects.requireNonNull(patterns, "patterns");
  }

  /** The bundled catalog and patterns. */
  public static ModelFeatureRegistry bundled() {
    return new ModelFeatureRegistry(PriceCatalog.bundled(), FeaturePatterns.bundled());
  }

  /**
   * A model's features and limits.
   *
   * @param factory the provider the model resolved to
   * @param modelName the model name as that provider spells it (without the provider prefix)
   */
  public Resolution resolve(ProviderFactory factory, String modelName, LlmConfig config) {
    Optional<ModelInfo> known = factory.knownModel(modelName);
    // The provider's description: of a model it knows, else its default (or, for a plugin that only
    // overrides describeModel, whatever that says). Its limits are stated, so they beat the catalog's.
    ModelInfo described = known.orElseGet(() -> factory.describeModel(modelName));
    @Nullable CatalogEntry entry = catalog.find(factory.id(), modelName).orElse(null);
    ModelFeatures wire = factory.descriptor().wireFeatures();
    String qualified = factory.id() + "/" + modelName;

    Map<ModelFeature, FeatureSource> sources = new EnumMap<>(ModelFeature.class);
    ModelFeatures features = ModelFeatures.none();
    for (ModelFeature f : ModelFeature.values()) {
      Optional<Boolean> configured = configured(f, config);
      Optional<Boolean> pattern = patterns.answer(f, qualified).filter(has -> !has || wire.has(f));
      boolean fromCatalog = entry != null && wire.has(f) && catalogSays(entry, f);
      FeatureSource source;
      boolean has;
      if (configured.isPresent()) {
        source = FeatureSource.CONFIG;
        has = configured.get();
      } else if (known.isPresent()) {
        source = FeatureSource.PROVIDER;
        has = known.get().features().has(f);
      } else if (fromCatalog) {
        source = FeatureSource.CATALOG;
        has = true;
      } else if (pattern.isPresent()) {
        source = FeatureSource.PATTERN;
        has = pattern.get();
      } else {
        source = FeatureSource.PROVIDER_DEFAULT;
        has = described.features().has(f);
      }
      sources.put(f, source);
      features = features.set(f, has);
    }
    ModelInfo model = ModelInfo.builder(factory.id(), modelName)
        .features(features)
        .contextWindow(first(config.maxInputTokens(), described.contextWindow(),
            entry == null ? null : entry.maxInputTokens()))
        .maxOutputTokens(first(config.maxOutputTokens(), described.maxOutputTokens(),
            entry == null ? null : entry.maxOutputTokens()))
        .build();
    return new Resolution(model, Collections.unmodifiableMap(sources));
  }

  private static Optional<Boolean> configured(ModelFeature feature, LlmConfig config) {
    return switch (feature) {
      case NATIVE_TOOL_CALLING -> Optional.ofNullable(config.nativeToolCalling());
      case VISION -> config.disableVision() ? Optional.of(false) : Optional.empty();
      case STOP_WORDS -> config.disableStopWord() ? Optional.of(false) : Optional.empty();
      default -> Optional.empty();
    };
  }

  private static boolean catalogSays(CatalogEntry entry, ModelFeature feature) {
    for (String capability : entry.capabilities()) {
      if (CATALOG_CAPABILITIES.get(capability) == feature) {
        return true;
      }
    }
    return false;
  }

  @SafeVarargs
  private static <T> @Nullable T first(@Nullable T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /**
   * A resolved model and, for each feature, the source that decided it.
   *
   * @param model the model with its final features and limits
   * @param sources which source decided each feature
   */
  public record Resolution(ModelInfo model, Map<ModelFeature, FeatureSource> sources) {
    public Resolution {
      Objects.requireNonNull(model, "model");
      sources = Map.copyOf(sources);
    }

    /** The source that decided {@code feature}. */
    public FeatureSource sourceOf(ModelFeature feature) {
      return sources.get(feature);
    }
  }
}
