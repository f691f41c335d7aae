package dev.llmkit.api;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * What a model can do, as a set of named {@link ModelFeature}s. Immutable; there is one instance per
 * combination of features, so {@link #with}, {@link #without} and {@link #set} allocate nothing.
 *
 * <pre>{@code
 * ModelFeatures f = ModelFeatures.of(ModelFeature.NATIVE_TOOL_CALLING, ModelFeature.STOP_WORDS);
 * f.has(ModelFeature.VISION);              // false
 * f.with(ModelFeature.VISION).vision();    // true
 * }</pre>
 */
public final class ModelFeatures {
  private static final ModelFeature[] FEATURES = ModelFeature.values();
  // Every combination, indexed by its bit mask (bit i = FEATURES[i]); declared before the constants below.
  private static final ModelFeatures[] ALL =
      IntStream.range(0, 1 << FEATURES.length).mapToObj(ModelFeatures::new).toArray(ModelFeatures[]::new);

  /** A plain chat model: stop words only. */
  public static final ModelFeatures BASIC = of(ModelFeature.STOP_WORDS);

  /** Tools, stop words and vision. */
  public static final ModelFeatures TOOLS_AND_VISION =
      of(ModelFeature.NATIVE_TOOL_CALLING, ModelFeature.STOP_WORDS, ModelFeature.VISION);

  private final int mask;
  private final Set<ModelFeature> features;

  private ModelFeatures(int mask) {
    this.mask = mask;
    EnumSet<ModelFeature> set = EnumSet.noneOf(ModelFeature.class);
    for (ModelFeature f : FEATURES) {
      if ((mask & bit(f)) != 0) {
        set.add(f);
      }
    }
    this.features = Collections.unmodifiableSet(set);
  }

  /** Exactly these features. */
  public static ModelFeatures of(ModelFeature... features) {
    return of(Arrays.asList(features));
  }

  /** Exactly these features. */
  public static ModelFeatures of(Collection<ModelFeature> features) {
    int mask = 0;
    for (ModelFeature f : features) {
      mask |= bit(Objects.requireNonNull(f, "feature"));
    }
    return ALL[mask];
  }

  /** No feature at all. */
  public static ModelFeatures none() {
    return ALL[0];
  }

  public boolean has(ModelFeature feature) {
    return (mask & bit(Objects.requireNonNull(feature, "feature"))) != 0;
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
    int b = bit(Objects.requireNonNull(feature, "feature"));
    return ALL[present ? mask | b : mask & ~b];
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

  private static int bit(ModelFeature feature) {
    return 1 << feature.ordinal();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelFeatures other && mask == other.mask;
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
