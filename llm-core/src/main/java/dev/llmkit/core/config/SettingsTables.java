package dev.llmkit.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.api.LlmException;
import dev.llmkit.core.metrics.MetricsReporting;
import dev.llmkit.core.store.StoreSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The tables of a config file that are flat string settings of another part of llmkit: {@code [store]},
 * the shared store (Redis) of a fleet, for {@link StoreSettings#fromMap}, and {@code [metrics]}, the
 * metrics reporters, for {@link MetricsReporting.Settings#parse}. Nested tables become dotted keys
 * ({@code [store.failPolicy]} with {@code budget = "FAIL_CLOSED"} is {@code failPolicy.budget}).
 */
final class SettingsTables {
  private SettingsTables() {}

  static MetricsReporting.@Nullable Settings metrics(@Nullable JsonNode table, String source) {
    return table == null ? null : read(TomlSections.METRICS, table, source, MetricsReporting.Settings::parse);
  }

  static @Nullable StoreSettings store(@Nullable JsonNode table, String source) {
    return table == null ? null : read(TomlSections.STORE, table, source, StoreSettings::fromMap);
  }

  private static <T> T read(String name, JsonNode table, String source, Function<Map<String, String>, T> parse) {
    if (!table.isObject()) {
      throw new ConfigException(source, List.of("[" + name + "] must be a table, was " + TomlTypes.describe(table)));
    }
    Map<String, String> flat = new LinkedHashMap<>();
    flatten("", table, flat);
    try {
      return parse.apply(flat);
    } catch (LlmException e) {
      throw new ConfigException(source, List.of("[" + name + "]: " + e.getMessage()));
    }
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    node.fields().forEachRemaining(e -> {
      String key = prefix + e.getKey();
      if (e.getValue().isObject()) {
        flatten(key + ".", e.getValue(), out);
      } else {
        out.put(key, e.getValue().asText());
      }
    });
  }
}
