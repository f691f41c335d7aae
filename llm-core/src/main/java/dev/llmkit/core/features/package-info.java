/**
 * What each model can do: {@link dev.llmkit.core.features.ModelFeatureRegistry} combines the config,
 * the provider's knowledge of its own models, the price and capability catalog and glob patterns on
 * the normalised model name ({@link dev.llmkit.core.features.FeaturePatterns},
 * {@link dev.llmkit.core.features.ModelNameNormalizer}) into the features and limits of a
 * {@link dev.llmkit.api.ModelInfo}.
 */
@NullMarked
package dev.llmkit.core.features;

import org.jspecify.annotations.NullMarked;
