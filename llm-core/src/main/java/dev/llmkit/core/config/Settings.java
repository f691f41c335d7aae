package dev.llmkit.core.config;

import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.LlmConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;

/**
 * The settings one source gave for one config (typed, not yet checked together), and how they become an
 * {@link LlmConfig}: applied in {@link ConfigKeys} order to a fresh builder, so an overlay replaces a
 * key's value whole (a named section's {@code extra_headers} replace the base's).
 */
final class Settings {
  static final Settings NONE = new Settings(Map.of());
  /**
   * The value of a key set to "nothing" ({@code api_key = ""}, {@code max_output_tokens = 0}): the default
   * applies, and in an overlay it clears what the base set, as in OpenHands.
   */
  static final Object UNSET = new Object() {
    @Override public String toString() {
      return "UNSET";
    }
  };

  private final Map<ConfigKey, Object> values;

  Settings(Map<ConfigKey, Object> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  boolean has(ConfigKey key) {
    Object value = values.get(key);
    return value != null && value != UNSET;
  }

  /** These settings with {@code top}'s on top of them. */
  Settings overlay(Settings top) {
    Map<ConfigKey, Object> merged = new LinkedHashMap<>(values);
    // A key on top also replaces the base's other spelling of the same setting (caching_prompt, prompt_cache_policy).
    top.values.keySet().forEach(k -> ConfigKeys.sameSetting(k).forEach(merged::remove));
    merged.putAll(top.values);
    return new Settings(merged);
  }

  /** These settings plus one more value. */
  Settings with(ConfigKey key, Object value) {
    Map<ConfigKey, Object> merged = new LinkedHashMap<>(values);
    merged.put(key, value);
    return new Settings(merged);
  }

  /**
   * The config, or a {@link ConfigException} naming {@code where} (e.g. {@code "[llm.gpt]"}; empty for the
   * environment) and, for each invalid value, the key as the source spells it.
   *
   * @param keyName how the source spells a key ({@code top_p} in TOML, {@code LLM_TOP_P} in the environment)
   */
  LlmConfig toConfig(String source, String where, Function<ConfigKey, String> keyName) {
    String prefix = where.isEmpty() ? "" : where + ": ";
    ConfigKey model = ConfigKeys.byName("model").orElseThrow();
    if (!has(model)) {
      throw new ConfigException(source, List.of(prefix + "no model is set: set " + keyName.apply(model)
          + ", e.g. \"openai/gpt-4o\" or \"anthropic/claude-sonnet-4-5\""));
    }
    LlmConfig.Builder builder = LlmConfig.builder();
    for (ConfigKey key : ConfigKeys.all()) {
      Object value = values.get(key);
      if (value != null && value != UNSET) {
        key.apply(builder, value);
      }
    }
    try {
      return builder.build();
    } catch (InvalidRequestException e) {
      List<String> problems = new ArrayList<>();
      for (String p : e.problems()) {
        problems.add(prefix + spellKeys(p, keyName));
      }
      throw new ConfigException(source, problems);
    }
  }

  /**
   * {@code LlmConfig}'s problems name Java fields ({@code topP must be ...}); say the source's key instead.
   * Camel-case names are replaced wherever they stand, one-word names ({@code model}) only as the first
   * word, where they cannot be ordinary prose.
   */
  private static String spellKeys(String problem, Function<ConfigKey, String> keyName) {
    String result = problem;
    for (ConfigKey key : ConfigKeys.all()) {
      for (String setter : key.setters()) {
        String spelled = Matcher.quoteReplacement(keyName.apply(key));
        if (!setter.equals(setter.toLowerCase(Locale.ROOT))) {
          result = result.replaceAll("\\b" + setter + "\\b", spelled);
        } else if (result.startsWith(setter + " ")) {
          result = keyName.apply(key) + result.substring(setter.length());
        }
      }
    }
    return result;
  }
}
