package dev.llmkit.core.fncall;

import dev.llmkit.api.ToolSpec;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the emulation reads of a tool's JSON Schema: its parameters in declaration order (so pass the
 * {@code properties} as an ordered map, e.g. a {@code LinkedHashMap}, for a stable prompt), their type,
 * description, allowed values, and which are required.
 *
 * @param declaresParameters false for a tool with an empty schema, which the prompt says takes none
 */
record ToolSchema(String name, String description, boolean declaresParameters, List<Parameter> parameters,
    Set<String> required) {

  /**
   * One declared parameter.
   *
   * @param type the JSON Schema type ({@code "string"} when the schema names none; the first non-null
   *     type of a type list)
   * @param declaredType the schema's {@code type} as the prompt shows it (Python's {@code str} of it)
   * @param enumValues the allowed values (enum constants by name), or {@code null} when any value is allowed
   */
  record Parameter(String name, String type, String declaredType, @Nullable String description, @Nullable List<@Nullable Object> enumValues) {}

  static ToolSchema of(ToolSpec tool) {
    Map<String, Object> schema = tool.parameters();
    List<Parameter> parameters = new ArrayList<>();
    if (schema.get("properties") instanceof Map<?, ?> properties) {
      properties.forEach((name, value) -> {
        Map<?, ?> property = value instanceof Map<?, ?> m ? m : Map.of();
        Object type = property.get("type");
        parameters.add(new Parameter(String.valueOf(name), type(type), type == null ? "string" : PythonText.strOf(type),
            property.get("description") instanceof String d ? d : null, values(property.get("enum"))));
      });
    }
    Set<String> required = new LinkedHashSet<>();
    List<@Nullable Object> requiredNames = values(schema.get("required"));
    if (requiredNames != null) {
      requiredNames.forEach(r -> required.add(String.valueOf(r)));
    }
    return new ToolSchema(tool.name(), tool.description(), !schema.isEmpty(), List.copyOf(parameters),
        Collections.unmodifiableSet(required));
  }

  @Nullable Parameter parameter(String name) {
    for (Parameter p : parameters) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    return null;
  }

  List<String> parameterNames() {
    return parameters.stream().map(Parameter::name).toList();
  }

  private static String type(@Nullable Object type) {
    if (type instanceof String s) {
      return s;
    }
    List<@Nullable Object> types = values(type);
    if (types != null) {
      for (Object t : types) {
        if (t instanceof String s && !s.equals("null")) {
          return s;
        }
      }
    }
    return "string";
  }

  /** A list, array or collection of values as a list (enum constants by name); {@code null} for anything else. */
  private static @Nullable List<@Nullable Object> values(@Nullable Object value) {
    List<@Nullable Object> out = new ArrayList<>();
    if (value instanceof Collection<?> c) {
      c.forEach(v -> out.add(plain(v)));
    } else if (value != null && value.getClass().isArray()) {
      for (int i = 0; i < Array.getLength(value); i++) {
        out.add(plain(Array.get(value, i)));
      }
    } else {
      return null;
    }
    return out;
  }

  private static @Nullable Object plain(@Nullable Object value) {
    return value instanceof Enum<?> e ? e.name() : value;
  }
}
