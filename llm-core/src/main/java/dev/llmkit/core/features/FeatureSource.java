package dev.llmkit.core.features;

/** Which source decided a feature of a model, in the order the {@link ModelFeatureRegistry} asks them. */
public enum FeatureSource {
  /** {@code LlmConfig}: {@code nativeToolCalling}, {@code disableVision}, {@code disableStopWord}. */
  CONFIG,
  /** The provider's description of a model it knows by name ({@code ProviderFactory.knownModel}). */
  PROVIDER,
  /** The price and capability catalog ({@link dev.llmkit.core.cost.PriceCatalog}). */
  CATALOG,
  /** The glob patterns on the model name ({@link FeaturePatterns}). */
  PATTERN,
  /** The provider's default for a model it does not know ({@code ProviderFactory.describeModel}). */
  PROVIDER_DEFAULT
}
