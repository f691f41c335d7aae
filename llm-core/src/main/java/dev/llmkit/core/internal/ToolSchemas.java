package dev.llmkit.core.internal;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks the parameter schema of a tool before it is sent, the way every provider would reject it, so
 * that the caller learns which tool and which field at once instead of a 400 per provider (or worse, a
 * schema some provider accepts and ignores): the top-level {@code type} must be {@code "object"} (or
 * the schema empty, meaning no arguments), every {@code type} in a schema position must be one of the
 * JSON Schema types, and every value must be a JSON value (maps with string keys, lists or arrays,
 * strings, finite numbers, booleans, null; enums are written by name), not an arbitrary object that
 * cannot be serialized.
 */
final class ToolSchemas {
  private static final Set<String> TYPES = Set.of("object", "array", "string", "number", "integer", "boolean", "null");
  /** Keywords whose value is a map of names to schemas. */
  private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "$defs", "definitions",
      "dependentSchemas");
  /** Keywords whose value is a list of schemas. */
  private static final Set<String> SCHEMA_LISTS = Set.of("anyOf", "oneOf", "allOf", "prefixItems");
  /** Keywords whose value is one schema. */
  private static final Set<String> SCHEMAS = Set.of("items", "additionalProperties", "not", "if", "then", "else",
      "contains", "propertyNames", "unevaluatedProperties", "unevaluatedItems", "additionalItems");
  private static final int MAX_DEPTH = 64;
  private static final int MAX_PROBLEMS_PER_TOOL = 5;

  private ToolSchemas() {}

  /** Adds to {@code problems} what is wrong with {@code parameters}, each starting with {@code tool}. */
  static void check(String tool, Map<String, Object> parameters, List<String> problems) {
    if (parameters.isEmpty()) {
      return; // no arguments: providers get {"type":"object","properties":{}}
    }
    int before = problems.size();
    Object type = parameters.get("type");
    if (!"object".equals(type)) {
      problems.add(tool + ": parameters must be a JSON Schema with \"type\": \"object\" at the top, e.g."
          + " {\"type\":\"object\",\"properties\":{...}}; its type is " + describe(type));
    }
    schema(tool, "parameters", parameters, problems, 0, before);
    values(tool, "parameters", parameters, problems, 0, before);
  }

  private static void schema(String tool, String path, Map<?, ?> schema, List<String> problems, int depth, int before) {
    if (depth > MAX_DEPTH || full(problems, before)) {
      return;
    }
    Object type = schema.get("type");
    if (type instanceof String s) {
      if (!TYPES.contains(s)) {
        problems.add(tool + ": " + path + ".type is \"" + s + "\", which is not a JSON Schema type (one of " + TYPES + ")");
      }
    } else if (type instanceof Collection<?> list) {
      for (Object t : list) {
        if (!(t instanceof String s) || !TYPES.contains(s)) {
          problems.add(tool + ": " + path + ".type lists " + describe(t) + ", which is not a JSON Schema type (one of "
              + TYPES + ")");
        }
      }
    } else if (type != null && !(type instanceof Map)) {
      problems.add(tool + ": " + path + ".type must be a string such as \"string\", was " + describe(type));
    }
    for (Map.Entry<?, ?> e : schema.entrySet()) {
      String key = String.valueOf(e.getKey());
      Object value = e.getValue();
      if (SCHEMA_MAPS.contains(key) && value instanceof Map<?, ?> named) {
        for (Map.Entry<?, ?> n : named.entrySet()) {
          if (n.getValue() instanceof Map<?, ?> sub) {
            schema(tool, path + "." + key + "." + n.getKey(), sub, problems, depth + 1, before);
          }
        }
      } else if (SCHEMA_LISTS.contains(key) && value instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          if (list.get(i) instanceof Map<?, ?> sub) {
            schema(tool, path + "." + key + "[" + i + "]", sub, problems, depth + 1, before);
          }
        }
      } else if (SCHEMAS.contains(key) && value instanceof Map<?, ?> sub) {
        schema(tool, path + "." + key, sub, problems, depth + 1, before);
      }
    }
  }

  private static void values(String tool, String path, @Nullable Object value, List<String> problems, int depth, int before) {
    if (depth > MAX_DEPTH || full(problems, before) || value == null || value instanceof String
        || value instanceof Boolean || value instanceof Character || value instanceof Enum<?>) {
      return;
    }
    if (value instanceof Number n) {
      if ((n instanceof Double d && !Double.isFinite(d)) || (n instanceof Float f && !Float.isFinite(f))) {
        problems.add(tool + ": " + path + " is " + n + ", which JSON cannot carry; use a finite number");
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String)) {
          problems.add(tool + ": " + path + " has a key of type " + typeName(e.getKey()) + "; JSON keys are strings");
          continue;
        }
        values(tool, path + "." + e.getKey(), e.getValue(), problems, depth + 1, before);
      }
      return;
    }
    if (value instanceof Collection<?> list) {
      int i = 0;
      for (Object item : list) {
        values(tool, path + "[" + i++ + "]", item, problems, depth + 1, before);
      }
      return;
    }
    if (value.getClass().isArray()) {
      for (int i = 0; i < Array.getLength(value); i++) {
        values(tool, path + "[" + i + "]", Array.get(value, i), problems, depth + 1, before);
      }
      return;
    }
    problems.add(tool + ": " + path + " is a " + value.getClass().getName()
        + ", which is not a JSON value; use maps, lists, strings, numbers and booleans");
  }

  private static boolean full(List<String> problems, int before) {
    return problems.size() - before >= MAX_PROBLEMS_PER_TOOL;
  }

  private static String describe(@Nullable Object value) {
    if (value == null) {
      return "missing";
    }
    return value instanceof String s ? "\"" + s + "\"" : typeName(value) + " " + value;
  }

  private static String typeName(@Nullable Object value) {
    return value == null ? "null" : value.getClass().getSimpleName();
  }
}
