package dev.llmkit.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The model a call resolves to: the provider id (e.g. {@code openai}), the model name as the
 * provider spells it, its features and, when known, its limits in tokens.
 *
 * <pre>{@code
 * ModelInfo model = ModelInfo.builder("openai", "gpt-4o")
 *     .features(ModelFeatures.of(ModelFeature.NATIVE_TOOL_CALLING, ModelFeature.VISION, ModelFeature.STOP_WORDS))
 *     .contextWindow(128_000)
 *     .maxOutputTokens(16_384)
 *     .build();
 * }</pre>
 *
 * @param contextWindow the most tokens a prompt may have (the model's max input tokens), or null when unknown
 * @param maxOutputTokens the most tokens one answer may have, or null when unknown
 */
public record ModelInfo(
    String provider, String name, ModelFeatures features, @Nullable Integer contextWindow, @Nullable Integer maxOutputTokens) {

  public ModelInfo {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(features, "features");
  }

  /** A builder for a model of {@code provider} named {@code name}: no features and no known limits to start with. */
  public static Builder builder(String provider, String name) {
    return new Builder(provider, name);
  }

  /** A builder that starts from this model's values. */
  public Builder toBuilder() {
    return new Builder(provider, name).features(features).contextWindow(contextWindow).maxOutputTokens(maxOutputTokens);
  }

  /** {@code provider/name}. */
  public String qualifiedName() {
    return provider + "/" + name;
  }

  /** Builds a {@link ModelInfo}; every limit left unset is unknown. */
  public static final class Builder {
    private final String provider;
    private final String name;
    private ModelFeatures features = ModelFeatures.none();
    private @Nullable Integer contextWindow;
    private @Nullable Integer maxOutputTokens;

    private Builder(String provider, String name) {
      this.provider = Objects.requireNonNull(provider, "provider");
      this.name = Objects.requireNonNull(name, "name");
    }

    public Builder features(ModelFeatures value) {
      features = Objects.requireNonNull(value, "features");
      return this;
    }

    public Builder features(ModelFeature... values) {
      return features(ModelFeatures.of(values));
    }

    /** The most tokens a prompt may have (the max input tokens); null when unknown. */
    public Builder contextWindow(@Nullable Integer value) {
      contextWindow = value;
      return this;
    }

    /** The most tokens one answer may have; null when unknown. */
    public Builder maxOutputTokens(@Nullable Integer value) {
      maxOutputTokens = value;
      return this;
    }

    public ModelInfo build() {
      return new ModelInfo(provider, name, features, contextWindow, maxOutputTokens);
    }
  }
}
