package dev.llmkit.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@code [model_routing]} section as OpenHands writes it: {@code router_name} names the router
 * ({@code noop_router}, OpenHands' default, means no routing; a {@code _router} suffix is dropped, so
 * {@code multimodal_router} is llmkit's {@code multimodal}); every other key is a setting of the router,
 * passed on as text (numbers and booleans as written, arrays joined with commas), which the router
 * checks when it is built.
 *
 * @param router the llmkit router id, or {@code null} for no routing
 * @param settings the router's settings
 */
record RoutingSection(@Nullable String router, Map<String, String> settings) {
  static final String ROUTER_NAME = "router_name";
  static final String NOOP = "noop";
  private static final String SUFFIX = "_router";

  static Optional<RoutingSection> read(@Nullable JsonNode node, String source) {
    if (node == null) {
      return Optional.empty();
    }
    String section = "[" + TomlSections.ROUTING + "]";
    List<String> problems = new ArrayList<>();
    if (!node.isObject()) {
      throw new ConfigException(source, List.of(section + " must be a table, was " + TomlTypes.describe(node)));
    }
    String router = NOOP;
    Map<String, String> settings = new LinkedHashMap<>();
    var fields = node.fields();
    while (fields.hasNext()) {
      var e = fields.next();
      if (e.getKey().equals(ROUTER_NAME)) {
        if (e.getValue().isTextual() && !e.getValue().textValue().isBlank()) {
          router = e.getValue().textValue().strip();
        } else {
          problems.add("key '" + ROUTER_NAME + "' in " + section + " must be a router name such as"
              + " \"multimodal_router\" or \"fallback\", was " + TomlTypes.describe(e.getValue()));
        }
      } else {
        String text = settingText(e.getValue());
        if (text == null) {
          problems.add("key '" + e.getKey() + "' in " + section + " must be a string, number, boolean or an array of"
              + " those (a setting of the router), was " + TomlTypes.describe(e.getValue()));
        } else {
          settings.put(e.getKey(), text);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems);
    }
    String id = router.endsWith(SUFFIX) ? router.substring(0, router.length() - SUFFIX.length()) : router;
    return Optional.of(new RoutingSection(id.equals(NOOP) ? null : id, settings));
  }

  private static @Nullable String settingText(JsonNode node) {
    if (node.isValueNode()) {
      return node.asText();
    }
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      for (JsonNode item : node) {
        if (!item.isValueNode()) {
          return null;
        }
        items.add(item.asText());
      }
      return String.join(",", items);
    }
    return null;
  }
}
