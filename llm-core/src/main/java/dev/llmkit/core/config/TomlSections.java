package dev.llmkit.core.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Reads the sections of an OpenHands-style {@code config.toml} that concern models: {@code [llm]} (the
 * base), every {@code [llm.<name>]} (overlays of it) and {@code [model_routing]}. Other top-level
 * sections ({@code [core]}, {@code [agent]}, {@code [sandbox]}, ...) belong to the application and are
 * not looked at. Every problem in the file is collected and reported at once.
 */
final class TomlSections {
  static final String BASE = "llm";
  static final String ROUTING = "model_routing";
  static final String STORE = "store";
  static final String METRICS = "metrics";
  private static final TomlMapper TOML = new TomlMapper();
  /** Other projects' names for our keys (LiteLLM's, OpenAI's), for the "did you mean" hint. */
  private static final Map<String, String> ALIASES = Map.of(
      "max_tokens", "max_output_tokens",
      "max_completion_tokens", "max_output_tokens",
      "api_base", "base_url",
      "base_url_override", "base_url",
      "custom_provider", "custom_llm_provider",
      "extra_body", "completion_kwargs",
      "headers", "extra_headers",
      "reasoning", "reasoning_effort");

  private TomlSections() {}

  /** One {@code [llm]} or {@code [llm.<name>]} section: its settings and its {@code for_routing} flag. */
  record Section(Settings settings, @Nullable Boolean forRouting) {}

  /** What the file says about models. */
  record Parsed(Section base, Map<String, Section> named, @Nullable JsonNode routing, @Nullable JsonNode store,
      @Nullable JsonNode metrics) {}

  static Parsed parse(String text, String source) {
    JsonNode root;
    try {
      root = TOML.readTree(text);
    } catch (JacksonException e) {
      // The parser's own message may quote the offending line, and that line may hold a key.
      JsonLocation at = e.getLocation();
      String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new ConfigException(source, List.of("the file is not valid TOML" + where
          + " (the parser's message is left out, as it may quote a secret)"));
    }
    List<String> problems = new ArrayList<>();
    Section base = new Section(Settings.NONE, null);
    Map<String, Section> named = new LinkedHashMap<>();
    JsonNode llm = root == null ? null : root.get(BASE);
    if (llm != null) {
      if (!llm.isObject()) {
        problems.add("[" + BASE + "] must be a table, was " + TomlTypes.describe(llm));
      } else {
        Map<String, JsonNode> baseFields = new LinkedHashMap<>();
        Map<String, JsonNode> namedTables = new LinkedHashMap<>();
        llm.fields().forEachRemaining(e -> {
          // As in OpenHands, a table under [llm] is a named config, unless it is the value of a table-valued key.
          if (e.getValue().isObject() && ConfigKeys.byName(e.getKey()).isEmpty()) {
            namedTables.put(e.getKey(), e.getValue());
          } else {
            baseFields.put(e.getKey(), e.getValue());
          }
        });
        base = readSection("[" + BASE + "]", baseFields, problems);
        namedTables.forEach((name, table) -> named.put(name, readSection("[" + BASE + "." + name + "]", fieldsOf(table), problems)));
      }
    }
    JsonNode routing = root == null ? null : root.get(ROUTING);
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems);
    }
    return new Parsed(base, named, routing, root == null ? null : root.get(STORE), root == null ? null : root.get(METRICS));
  }

  private static Map<String, JsonNode> fieldsOf(JsonNode table) {
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    table.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
    return fields;
  }

  private static Section readSection(String section, Map<String, JsonNode> fields, List<String> problems) {
    Map<ConfigKey, Object> values = new LinkedHashMap<>();
    Boolean forRouting = null;
    for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
      String name = field.getKey();
      JsonNode node = field.getValue();
      if (name.equals(ConfigKeys.FOR_ROUTING)) {
        if (node.isBoolean()) {
          forRouting = node.booleanValue();
        } else {
          problems.add(typeProblem(name, section, "true or false", node));
        }
      } else if (name.equals(ConfigKeys.CORRECT_NUM)) {
        if (!node.isIntegralNumber()) {
          problems.add(typeProblem(name, section, "a whole number such as 5", node));
        }
      } else if (name.equals(ConfigKeys.OLLAMA_BASE_URL)) {
        if (!(node.isTextual() && node.textValue().isBlank())) {
          problems.add("key '" + name + "' in " + section + " is not read by llmkit: set base_url (with a model such as"
              + " \"ollama/llama3.1\") instead");
        }
      } else {
        ConfigKey key = ConfigKeys.byName(name).orElse(null);
        if (key == null) {
          problems.add(unknownKey(name, section));
          continue;
        }
        try {
          Object value = key.type().fromToml(node);
          values.put(key, value != null ? value : Settings.UNSET);
        } catch (ValueType.BadValue e) {
          problems.add(typeProblem(name, section, key.expected(), node));
        }
      }
    }
    return new Section(new Settings(values), forRouting);
  }

  private static String unknownKey(String name, String section) {
    TreeSet<String> known = new TreeSet<>();
    ConfigKeys.all().forEach(k -> known.add(k.name()));
    known.add(ConfigKeys.FOR_ROUTING);
    String hint = Optional.ofNullable(ALIASES.get(name)).or(() -> Suggestions.closest(name, known)).map(k -> "; did you mean '" + k + "'?")
        .orElse("; the known keys are " + known);
    return "unknown key '" + name + "' in " + section + hint;
  }

  private static String typeProblem(String name, String section, String expected, JsonNode node) {
    // Only the TOML type of the value is shown, never the value: it may be a key.
    return "key '" + name + "' in " + section + " must be " + expected + ", was " + TomlTypes.describe(node);
  }
}
