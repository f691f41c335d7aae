package dev.llmkit.core.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.core.internal.Wildcard;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Glob patterns that say which model names have or lack a feature: the lists of the OpenHands LLM
 * module as a baseline plus llmkit's additions, kept as data in {@code model-features.json} next to
 * this class. A pattern is matched against the {@link ModelNameNormalizer#normalize normalised} name, or,
 * when it contains {@code /}, against the full lower-case {@code provider/model} name ({@code groq/*}).
 * {@code *} is any run of characters and {@code ?} one character. Immutable.
 */
public final class FeaturePatterns {
  static final String RESOURCE = "/dev/llmkit/core/features/model-features.json";
  private static final String BASELINE = "openHandsBaseline";
  private static final String ADDITIONS = "llmkitAdditions";

  private final Map<ModelFeature, Rules> rules;

  private FeaturePatterns(Map<ModelFeature, Rules> rules) {
    this.rules = rules;
  }

  /** The bundled lists: the OpenHands baseline and llmkit's additions. */
  public static FeaturePatterns bundled() {
    return Bundled.ALL;
  }

  /** The OpenHands baseline alone, as OpenHands ships it. */
  public static FeaturePatterns openHandsBaseline() {
    return Baseline.ONLY;
  }

  /**
   * What the patterns say of one feature for a model: present, absent, or empty when no pattern
   * matches. A matching {@code unsupported} pattern wins over a matching {@code supported} one.
   *
   * @param model the model name, bare or {@code provider/}-qualified
   */
  public Optional<Boolean> answer(ModelFeature feature, String model) {
    Rules r = rules.get(feature);
    if (r == null) {
      return Optional.empty();
    }
    String full = ModelNameNormalizer.fullName(model);
    String name = ModelNameNormalizer.normalize(model);
    if (matchesAny(r.unsupported, full, name)) {
      return Optional.of(false);
    }
    return matchesAny(r.supported, full, name) ? Optional.of(true) : Optional.empty();
  }

  /** {@code defaults} with every feature the patterns have an answer for set as they say. */
  public ModelFeatures features(String model, ModelFeatures defaults) {
    ModelFeatures result = defaults;
    for (ModelFeature f : ModelFeature.values()) {
      Optional<Boolean> a = answer(f, model);
      if (a.isPresent()) {
        result = result.set(f, a.get());
      }
    }
    return result;
  }

  /**
   * Whether {@code model} matches one of the glob {@code patterns}: a pattern with {@code /} against the
   * full name, any other against the normalised name; case is ignored.
   */
  public static boolean matches(String model, List<String> patterns) {
    List<Glob> compiled = patterns.stream().map(Glob::of).toList();
    return matchesAny(compiled, ModelNameNormalizer.fullName(model), ModelNameNormalizer.normalize(model));
  }

  private static boolean matchesAny(List<Glob> patterns, String full, String name) {
    for (Glob g : patterns) {
      if (Wildcard.matches(g.pattern, g.qualified ? full : name, Glob::accepts)) {
        return true;
      }
    }
    return false;
  }

  /** One pattern, lower case; a qualified one (with {@code /}) is matched against the full name. */
  private record Glob(String pattern, boolean qualified) {
    static Glob of(String glob) {
      return new Glob(glob.toLowerCase(Locale.ROOT), glob.contains("/"));
    }

    /** {@code ?} is any one character; {@code *} is {@link Wildcard}'s. */
    static boolean accepts(char patternChar, char c) {
      return patternChar == '?' || patternChar == c;
    }
  }

  /** The patterns of one feature. */
  private record Rules(List<Glob> supported, List<Glob> unsupported) {}

  /** The baseline alone, made only when asked for (few callers compare with OpenHands). */
  private static final class Baseline {
    static final FeaturePatterns ONLY = new FeaturePatterns(Bundled.parse(Bundled.read(), List.of(BASELINE)));
  }

  private static final class Bundled {
    static final FeaturePatterns ALL = new FeaturePatterns(parse(read(), List.of(BASELINE, ADDITIONS)));

    static JsonNode read() {
      try (InputStream in = FeaturePatterns.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the bundled feature patterns " + RESOURCE + " are missing from the classpath");
        }
        return new ObjectMapper().readTree(in);
      } catch (IOException e) {
        throw new IllegalStateException("the bundled feature patterns " + RESOURCE + " cannot be read", e);
      }
    }

    static Map<ModelFeature, Rules> parse(JsonNode root, List<String> sections) {
      Map<ModelFeature, List<Glob>> supported = new EnumMap<>(ModelFeature.class);
      Map<ModelFeature, List<Glob>> unsupported = new EnumMap<>(ModelFeature.class);
      for (String section : sections) {
        JsonNode node = root.path(section);
        if (!node.isObject()) {
          throw new IllegalStateException(RESOURCE + ": section '" + section + "' is missing");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (e.getKey().equals("source")) {
            continue;
          }
          ModelFeature feature = feature(section, e.getKey());
          add(supported, feature, e.getValue().path("supported"));
          add(unsupported, feature, e.getValue().path("unsupported"));
        }
      }
      Map<ModelFeature, Rules> rules = new EnumMap<>(ModelFeature.class);
      for (ModelFeature f : ModelFeature.values()) {
        rules.put(f, new Rules(List.copyOf(supported.getOrDefault(f, List.of())),
            List.copyOf(unsupported.getOrDefault(f, List.of()))));
      }
      return rules;
    }

    private static ModelFeature feature(String section, String name) {
      try {
        return ModelFeature.valueOf(name);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(RESOURCE + ": section '" + section + "' names an unknown feature '" + name
            + "'; expected one of " + List.of(ModelFeature.values()), e);
      }
    }

    private static void add(Map<ModelFeature, List<Glob>> into, ModelFeature feature, JsonNode patterns) {
      for (JsonNode p : patterns) {
        into.computeIfAbsent(feature, k -> new ArrayList<>()).add(Glob.of(p.asText()));
      }
    }
  }
}
