package dev.llmkit.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** What a model can do, as a set of named {@link ModelFeature}s. Immutable. */
public final class ModelFeatures {

  /** A plain chat model: stop words only. */
  public static final ModelFeatures BASIC = of(ModelFeature.STOP_WORDS);

  /** Tools, stop words and vision. */
  public static final ModelFeatures TOOLS_AND_VISION =
      of(ModelFeature.NATIVE_TOOL_CALLING, ModelFeature.STOP_WORDS, ModelFeature.VISION);

  private final Set<ModelFeature> features;

  private ModelFeatures(Set<ModelFeature> features) {
    this.features = Collections.unmodifiableSet(features);
  }

  /**
   * The five features llmkit knew before named features.
   *
   * @deprecated positional booleans are easy to get wrong; use {@link #of(ModelFeature...)}
   */
  @Deprecated(forRemoval = true)
  public ModelFeatures(boolean nativeToolCalling, boolean reasoningEffort, boolean promptCache, boolean stopWords, boolean vision) {
    this(fromFlags(nativeToolCalling, reasoningEffort, promptCache, stopWords, vision));
  }

  public static ModelFeatures of(ModelFeature... features) {
    EnumSet<ModelFeature> set = EnumSet.noneOf(ModelFeature.class);
    set.addAll(Arrays.asList(features));
    return new ModelFeatures(set);
  }

  public static ModelFeatures of(Set<ModelFeature> features) {
    EnumSet<ModelFeature> set = EnumSet.noneOf(ModelFeature.class);
    set.addAll(features);
    return new ModelFeatures(set);
  }

  public static ModelFeatures none() {
    return of();
  }

  public boolean has(ModelFeature feature) {
    return features.contains(Objects.requireNonNull(feature, "feature"));
  }

  /** These features and {@code feature}. */
  public ModelFeatures with(ModelFeature feature) {
    return set(feature, true);
  }

  /** These features without {@code feature}. */
  public ModelFeatures without(ModelFeature feature) {
    return set(feature, false);
  }

  /** These features with {@code feature} present or not as {@code present} says. */
  public ModelFeatures set(ModelFeature feature, boolean present) {
    if (has(feature) == present) {
      return this;
    }
    EnumSet<ModelFeature> set = EnumSet.noneOf(ModelFeature.class);
    set.addAll(features);
    if (present) {
      set.add(feature);
    } else {
      set.remove(feature);
    }
    return new ModelFeatures(set);
  }

  /** The features, as an unmodifiable set. */
  public Set<ModelFeature> asSet() {
    return features;
  }

  public boolean nativeToolCalling() {
    return has(ModelFeature.NATIVE_TOOL_CALLING);
  }

  public boolean reasoningEffort() {
    return has(ModelFeature.REASONING_EFFORT);
  }

  public boolean promptCache() {
    return has(ModelFeature.PROMPT_CACHE);
  }

  public boolean stopWords() {
    return has(ModelFeature.STOP_WORDS);
  }

  public boolean vision() {
    return has(ModelFeature.VISION);
  }

  public boolean structuredOutput() {
    return has(ModelFeature.STRUCTURED_OUTPUT);
  }

  private static Set<ModelFeature> fromFlags(boolean tools, boolean effort, boolean cache, boolean stop, boolean vision) {
    EnumSet<ModelFeature> set = EnumSet.noneOf(ModelFeature.class);
    if (tools) set.add(ModelFeature.NATIVE_TOOL_CALLING);
    if (effort) set.add(ModelFeature.REASONING_EFFORT);
    if (cache) set.add(ModelFeature.PROMPT_CACHE);
    if (stop) set.add(ModelFeature.STOP_WORDS);
    if (vision) set.add(ModelFeature.VISION);
    return set;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelFeatures other && features.equals(other.features);
  }

  @Override
  public int hashCode() {
    return features.hashCode();
  }

  @Override
  public String toString() {
    return "ModelFeatures" + features;
  }
}
