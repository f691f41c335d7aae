package dev.llmkit.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.api.LlmException;
import dev.llmkit.core.store.StoreSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code [store]} table of a config file: the shared store (Redis) of a fleet, as flat settings for
 * {@link StoreSettings#fromMap}. Nested tables become dotted keys ({@code [store.failPolicy]} with
 * {@code budget = "FAIL_CLOSED"} is {@code failPolicy.budget}).
 */
final class StoreSection {
  private StoreSection() {}

  static @Nullable StoreSettings read(@Nullable JsonNode table, String source) {
    if (table == null) {
      return null;
    }
    if (!table.isObject()) {
      throw new ConfigException(source, List.of("[" + TomlSections.STORE + "] must be a table, was " + TomlTypes.describe(table)));
    }
    Map<String, String> flat = new LinkedHashMap<>();
    flatten("", table, flat);
    try {
      return StoreSettings.fromMap(flat);
    } catch (LlmException e) {
      throw new ConfigException(source, List.of("[" + TomlSections.STORE + "]: " + e.getMessage()));
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
