package dev.llmkit.api;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Structured output: plain text, any JSON object, or JSON matching a schema. */
public record ResponseFormat(Type type, @Nullable String name, @Nullable Map<String, Object> schema, boolean strict) {
  public ResponseFormat {
    Objects.requireNonNull(type, "type");
    if (type == Type.JSON_SCHEMA && (name == null || schema == null)) {
      throw new IllegalArgumentException("a JSON_SCHEMA response format needs a name and a schema");
    }
    schema = schema == null ? null : Map.copyOf(schema);
  }

  public static ResponseFormat text() {
    return new ResponseFormat(Type.TEXT, null, null, false);
  }

  public static ResponseFormat jsonObject() {
    return new ResponseFormat(Type.JSON_OBJECT, null, null, false);
  }

  public static ResponseFormat jsonSchema(String name, Map<String, Object> schema, boolean strict) {
    return new ResponseFormat(Type.JSON_SCHEMA, name, schema, strict);
  }

  /** The kinds of structured output. */
  public enum Type {
    TEXT,
    JSON_OBJECT,
    JSON_SCHEMA
  }
}
