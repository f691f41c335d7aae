package dev.llmkit.core.config;

import dev.llmkit.api.LlmConfig;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * One {@link LlmConfig} setting as it is spelled outside Java: a key of an {@code [llm]} section of
 * {@code config.toml}, and the environment variable {@code LLM_<KEY>} (OpenHands' spelling for both).
 */
public final class ConfigKey {
  private final String name;
  private final ValueType<Object> type;
  private final BiConsumer<LlmConfig.Builder, Object> apply;
  private final List<String> setters;

  @SuppressWarnings("unchecked")
  <T> ConfigKey(String name, ValueType<T> type, BiConsumer<LlmConfig.Builder, T> apply, List<String> setters) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = (ValueType<Object>) type;
    this.apply = (BiConsumer<LlmConfig.Builder, Object>) apply;
    this.setters = List.copyOf(setters);
  }

  /** The TOML key, e.g. {@code base_url}. */
  public String name() {
    return name;
  }

  /** The environment variable, e.g. {@code LLM_BASE_URL}. */
  public String envVar() {
    return "LLM_" + name.toUpperCase(Locale.ROOT);
  }

  /** The expected form of the value, as error messages word it. */
  public String expected() {
    return type.expected();
  }

  /** True when the value is a secret and never shown. */
  public boolean secret() {
    return type.secret();
  }

  /** The {@link LlmConfig.Builder} methods this key sets. */
  public List<String> setters() {
    return setters;
  }

  ValueType<Object> type() {
    return type;
  }

  void apply(LlmConfig.Builder builder, Object value) {
    apply.accept(builder, value);
  }

  @Override
  public String toString() {
    return name;
  }
}
