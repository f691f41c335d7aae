package dev.llmkit.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The model a call resolves to: the provider id (e.g. {@code openai}), the model name as the
 * provider spells it, its features and, when known, its context window and output limit in tokens.
 */
public record ModelInfo(
    String provider, String name, ModelFeatures features, @Nullable Integer contextWindow, @Nullable Integer maxOutputTokens) {

  public ModelInfo {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(features, "features");
  }

  /** {@code provider/name}. */
  public String qualifiedName() {
    return provider + "/" + name;
  }
}
