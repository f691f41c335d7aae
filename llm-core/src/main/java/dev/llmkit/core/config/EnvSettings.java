package dev.llmkit.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code LLM_<KEY>} environment variables, one per {@link ConfigKeys} entry, as OpenHands'
 * {@code load_from_env} does: an empty variable is skipped (the file's value or the default stays), while
 * one that means "nothing" ({@code LLM_MAX_OUTPUT_TOKENS=0}) clears the file's value. Other variables are
 * not looked at.
 */
final class EnvSettings {
  static final String SOURCE = "the environment";

  private EnvSettings() {}

  /** The settings the variables give; every badly formed one is reported at once. */
  static Settings read(Map<String, String> env) {
    Map<ConfigKey, Object> values = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (ConfigKey key : ConfigKeys.all()) {
      String text = env.get(key.envVar());
      if (text == null || text.isBlank()) {
        continue;
      }
      try {
        Object value = key.type().fromText(text);
        values.put(key, value != null ? value : Settings.UNSET);
      } catch (ValueType.BadValue e) {
        problems.add(key.envVar() + " must be " + key.expected() + ", was " + shown(key, text));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(SOURCE, problems);
    }
    return new Settings(values);
  }

  private static String shown(ConfigKey key, String text) {
    if (key.secret()) {
      return "a value that is not shown (it is a secret)";
    }
    String s = text.strip();
    return "'" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "'";
  }
}
