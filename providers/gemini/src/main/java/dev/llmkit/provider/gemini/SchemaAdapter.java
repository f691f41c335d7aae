package dev.llmkit.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Rewrites a JSON Schema into the OpenAPI subset Gemini takes for function {@code parameters} and
 * {@code responseSchema}: upper-case types, {@code ["string","null"]} and a {@code null} branch of
 * {@code anyOf} as {@code nullable}, {@code oneOf} as {@code anyOf}, {@code allOf} merged, local
 * {@code $ref}s inlined from {@code $defs}/{@code definitions}, a string {@code const} as a one-value
 * {@code enum}, and {@code required} names kept only where the property exists (Gemini rejects the
 * rest). Keywords Gemini rejects ({@code $schema}, {@code additionalProperties}, {@code default},
 * {@code examples}, formats it does not know, enums of non-strings, recursive references, ...) are
 * dropped and reported in {@link Result#dropped()}, so the caller can log what the model will not see.
 * One instance per schema; not thread-safe.
 */
final class SchemaAdapter {
  /** The adapted schema and what was left out, as paths such as {@code properties.url.format=uri}. */
  record Result(ObjectNode schema, List<String> dropped) {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> PLAIN = Set.of("title", "description", "nullable", "minItems", "maxItems",
      "minLength", "maxLength", "pattern", "minimum", "maximum", "minProperties", "maxProperties", "example",
      "propertyOrdering");
  // Keywords consumed while adapting another one: not reported as dropped.
  private static final Set<String> CONSUMED = Set.of("type", "format", "enum", "const", "properties", "required",
      "items", "anyOf", "oneOf", "allOf", "$ref", "$defs", "definitions");
  private static final Map<String, Set<String>> FORMATS = Map.of(
      "STRING", Set.of("enum", "date-time"),
      "NUMBER", Set.of("float", "double"),
      "INTEGER", Set.of("int32", "int64"));
  private static final int MAX_DEPTH = 32;

  private final JsonNode root;
  private final List<String> dropped = new ArrayList<>();
  private final Deque<String> refs = new ArrayDeque<>();

  private SchemaAdapter(JsonNode root) {
    this.root = root;
  }

  /** Adapts {@code schema}; a schema that is not an object adapts to an empty one. */
  static Result adapt(JsonNode schema) {
    SchemaAdapter adapter = new SchemaAdapter(schema);
    ObjectNode out = schema.isObject() ? adapter.object(schema, "", 0) : NODES.objectNode();
    return new Result(out, List.copyOf(adapter.dropped));
  }

  private ObjectNode object(JsonNode in, String path, int depth) {
    ObjectNode out = NODES.objectNode();
    if (depth > MAX_DEPTH) {
      drop(path, "(nested deeper than " + MAX_DEPTH + ")");
      return out;
    }
    String ref = in.path("$ref").asText(null);
    JsonNode schema = inlineAllOf(resolveRef(in, path), path);
    if (ref != null) {
      refs.push(ref); // while its target's subtree is adapted, so that a cycle is seen
    }
    type(schema, out, path);
    for (Map.Entry<String, JsonNode> field : schema.properties()) {
      String key = field.getKey();
      if (PLAIN.contains(key)) {
        out.set(key, field.getValue());
      } else if (!CONSUMED.contains(key)) {
        drop(path, key);
      }
    }
    format(schema, out, path);
    enumeration(schema, out, path);
    properties(schema, out, path, depth);
    if (schema.has("items")) {
      JsonNode items = schema.get("items");
      if (items.isObject()) {
        out.set("items", object(items, join(path, "items"), depth + 1));
      } else {
        drop(path, "items (not a single schema)");
      }
    }
    anyOf(schema, out, path, depth);
    if (ref != null) {
      refs.pop();
    }
    return out;
  }

  /** The schema a local {@code $ref} points to, with the referring object's own keywords laid over it. */
  private JsonNode resolveRef(JsonNode in, String path) {
    JsonNode ref = in.get("$ref");
    if (ref == null) {
      return in;
    }
    String pointer = ref.asText("");
    JsonNode target = pointer.startsWith("#/") ? root.at(pointer.substring(1)) : null;
    if (target == null || !target.isObject() || refs.contains(pointer)) {
      drop(path, "$ref=" + pointer + (refs.contains(pointer) ? " (recursive)" : ""));
      ObjectNode rest = ((ObjectNode) in).deepCopy();
      rest.remove("$ref");
      return rest;
    }
    ObjectNode merged = ((ObjectNode) target).deepCopy();
    in.properties().forEach(e -> {
      if (!e.getKey().equals("$ref")) {
        merged.set(e.getKey(), e.getValue());
      }
    });
    return merged;
  }

  /** {@code allOf} folded into one schema: properties and required lists joined, other keywords first-wins. */
  private JsonNode inlineAllOf(JsonNode in, String path) {
    JsonNode all = in.get("allOf");
    if (all == null || !all.isArray()) {
      return in;
    }
    ObjectNode merged = ((ObjectNode) in).deepCopy();
    merged.remove("allOf");
    for (JsonNode part : all) {
      JsonNode branch = resolveRef(part, join(path, "allOf"));
      branch.properties().forEach(e -> {
        String key = e.getKey();
        if (key.equals("properties") && merged.path("properties").isObject() && e.getValue().isObject()) {
          ((ObjectNode) merged.get("properties")).setAll((ObjectNode) e.getValue().deepCopy());
        } else if (key.equals("required") && merged.path("required").isArray() && e.getValue().isArray()) {
          ((ArrayNode) merged.get("required")).addAll((ArrayNode) e.getValue().deepCopy());
        } else if (!merged.has(key)) {
          merged.set(key, e.getValue().deepCopy());
        }
      });
    }
    return merged;
  }

  private void type(JsonNode schema, ObjectNode out, String path) {
    JsonNode type = schema.get("type");
    List<String> types = new ArrayList<>();
    if (type != null && type.isTextual()) {
      types.add(type.asText());
    } else if (type != null && type.isArray()) {
      type.forEach(t -> types.add(t.asText()));
    }
    if (types.remove("null")) {
      out.put("nullable", true);
    }
    if (types.size() == 1) {
      out.put("type", types.get(0).toUpperCase(Locale.ROOT));
    } else if (types.size() > 1) {
      ArrayNode anyOf = out.putArray("anyOf");
      types.forEach(t -> anyOf.addObject().put("type", t.toUpperCase(Locale.ROOT)));
    } else if (schema.has("properties")) {
      out.put("type", "OBJECT");
    } else if (schema.has("items")) {
      out.put("type", "ARRAY");
    } else if (schema.path("const").isTextual() || isStringEnum(schema.get("enum"))) {
      out.put("type", "STRING");
    }
  }

  private void format(JsonNode schema, ObjectNode out, String path) {
    JsonNode format = schema.get("format");
    if (format == null) {
      return;
    }
    Set<String> known = FORMATS.getOrDefault(out.path("type").asText(), Set.of());
    if (format.isTextual() && known.contains(format.asText())) {
      out.set("format", format);
    } else {
      drop(path, "format=" + format.asText());
    }
  }

  private void enumeration(JsonNode schema, ObjectNode out, String path) {
    JsonNode values = schema.get("enum");
    JsonNode constant = schema.get("const");
    if (values == null && constant != null) {
      values = NODES.arrayNode().add(constant);
    }
    if (values == null) {
      return;
    }
    ArrayNode kept = NODES.arrayNode();
    for (JsonNode v : values) {
      if (v.isNull()) {
        out.put("nullable", true);
      } else {
        kept.add(v);
      }
    }
    if (isStringEnum(kept) && "STRING".equals(out.path("type").asText())) {
      out.set("enum", kept);
    } else {
      drop(path, (constant != null && schema.get("enum") == null ? "const" : "enum") + " (only string values are taken)");
    }
  }

  private void properties(JsonNode schema, ObjectNode out, String path, int depth) {
    JsonNode properties = schema.get("properties");
    if (properties == null || !properties.isObject()) {
      return;
    }
    ObjectNode wire = out.putObject("properties");
    properties.properties().forEach(e ->
        wire.set(e.getKey(), e.getValue().isObject()
            ? object(e.getValue(), join(path, "properties." + e.getKey()), depth + 1)
            : NODES.objectNode()));
    JsonNode required = schema.get("required");
    if (required != null && required.isArray()) {
      ArrayNode kept = out.putArray("required");
      for (JsonNode name : required) {
        if (wire.has(name.asText())) {
          kept.add(name.asText());
        } else {
          drop(path, "required=" + name.asText() + " (no such property)");
        }
      }
    }
  }

  private void anyOf(JsonNode schema, ObjectNode out, String path, int depth) {
    JsonNode branches = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
    if (branches == null || !branches.isArray()) {
      return;
    }
    ArrayNode wire = NODES.arrayNode();
    for (JsonNode branch : branches) {
      if ("null".equals(branch.path("type").asText(null))) {
        out.put("nullable", true);
      } else if (branch.isObject()) {
        wire.add(object(branch, join(path, "anyOf"), depth + 1));
      }
    }
    if (wire.size() == 1 && !out.has("type")) {
      // A nullable single type: the branch itself, not an anyOf of one.
      ((ObjectNode) wire.get(0)).properties().forEach(e -> out.set(e.getKey(), e.getValue()));
    } else if (wire.size() > 0) {
      out.set("anyOf", wire);
    }
  }

  private static boolean isStringEnum(@Nullable JsonNode values) {
    if (values == null || !values.isArray() || values.isEmpty()) {
      return false;
    }
    for (JsonNode v : values) {
      if (!v.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private void drop(String path, String what) {
    dropped.add(join(path, what));
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
