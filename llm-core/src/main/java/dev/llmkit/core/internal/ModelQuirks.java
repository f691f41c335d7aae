package dev.llmkit.core.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The sampling settings particular models reject, read from the data file {@code model-quirks.tsv}
 * beside this class (a table, not code branches, so that a new model is one line). See the file for
 * its format.
 */
final class ModelQuirks {

  /** One thing a model will not take. */
  enum Quirk {
    /** Temperature or top_p, not both; top_p goes. */
    TEMPERATURE_OR_TOP_P,
    NO_TEMPERATURE,
    NO_TOP_P,
    NO_TOP_K
  }

  private record Rule(Pattern pattern, Set<Quirk> quirks) {}

  private static final String RESOURCE = "model-quirks.tsv";
  // Bedrock ("us.anthropic.claude-...-v1:0") and Vertex ("claude-...@20250805") decoration.
  private static final Pattern HOSTED_PREFIX = Pattern.compile("^(?:[a-z0-9-]+\\.)?anthropic\\.");
  private static final ModelQuirks DEFAULT = load();

  private final List<Rule> rules;
  /** Answers by model name; as many entries as the models an application names. */
  private final Map<String, Set<Quirk>> byModel = new ConcurrentHashMap<>();

  private ModelQuirks(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The table shipped with llmkit. */
  static ModelQuirks standard() {
    return DEFAULT;
  }

  /** The quirks of a model, by the first rule whose glob matches its normalised name. */
  Set<Quirk> of(String modelName) {
    // An Llm asks for its one model on every call: remember the answer instead of matching again.
    return byModel.computeIfAbsent(modelName, this::match);
  }

  private Set<Quirk> match(String modelName) {
    String name = normalise(modelName);
    for (Rule r : rules) {
      if (r.pattern.matcher(name).matches()) {
        return r.quirks;
      }
    }
    return Set.of();
  }

  static String normalise(String modelName) {
    String n = modelName.trim().toLowerCase(Locale.ROOT);
    n = n.substring(n.lastIndexOf('/') + 1);
    n = HOSTED_PREFIX.matcher(n).replaceFirst("");
    int at = n.indexOf('@');
    return at >= 0 ? n.substring(0, at) : n;
  }

  static ModelQuirks parse(List<String> lines) {
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t");
      if (cols.length != 2) {
        throw new IllegalStateException(RESOURCE + " line " + (i + 1) + ": expected a glob, a tab and the quirks");
      }
      Set<Quirk> quirks = EnumSet.noneOf(Quirk.class);
      for (String q : cols[1].split(",")) {
        String name = q.strip();
        if (!name.equals("none")) {
          quirks.add(Quirk.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_')));
        }
      }
      rules.add(new Rule(glob(cols[0].strip()), Set.copyOf(quirks)));
    }
    return new ModelQuirks(rules);
  }

  private static Pattern glob(String glob) {
    String[] pieces = glob.split("\\*", -1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pieces.length; i++) {
      if (i > 0) {
        sb.append(".*");
      }
      if (!pieces[i].isEmpty()) {
        sb.append(Pattern.quote(pieces[i]));
      }
    }
    return Pattern.compile(sb.toString());
  }

  private static ModelQuirks load() {
    try (InputStream in = ModelQuirks.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the llm-core jar");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return parse(reader.lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
