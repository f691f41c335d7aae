package dev.llmkit.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchemaAdapterTest {

  private static SchemaAdapter.Result adapt(String schema) {
    return SchemaAdapter.adapt(Fixtures.json(schema));
  }

  private static void assertAdapted(String schema, String expected) {
    assertThat(adapt(schema).schema()).isEqualTo(Fixtures.json(expected));
  }

  @Test
  void upperCasesTypesAndKeepsWhatGeminiTakes() {
    assertAdapted("""
        {"type": "object", "title": "Order", "description": "An order",
         "properties": {
           "qty": {"type": "integer", "minimum": 1, "maximum": 99, "format": "int32"},
           "tags": {"type": "array", "items": {"type": "string", "maxLength": 20}, "minItems": 1},
           "size": {"type": "string", "enum": ["S", "M", "L"]}},
         "required": ["qty"], "propertyOrdering": ["qty", "tags", "size"]}
        """, """
        {"type": "OBJECT", "title": "Order", "description": "An order",
         "properties": {
           "qty": {"type": "INTEGER", "minimum": 1, "maximum": 99, "format": "int32"},
           "tags": {"type": "ARRAY", "items": {"type": "STRING", "maxLength": 20}, "minItems": 1},
           "size": {"type": "STRING", "enum": ["S", "M", "L"]}},
         "required": ["qty"], "propertyOrdering": ["qty", "tags", "size"]}
        """);
    assertThat(adapt("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}").dropped()).isEmpty();
  }

  @Test
  void dropsWhatGeminiRejectsAndSaysWhere() {
    SchemaAdapter.Result result = adapt("""
        {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "urn:order",
         "type": "object", "additionalProperties": false,
         "properties": {
           "email": {"type": "string", "format": "email", "default": "a@b.c", "examples": ["x@y.z"]},
           "ratio": {"type": "number", "exclusiveMinimum": 0, "multipleOf": 0.5},
           "level": {"type": "integer", "enum": [1, 2, 3]}},
         "required": ["email", "ghost"]}
        """);

    assertThat(result.schema()).isEqualTo(Fixtures.json("""
        {"type": "OBJECT", "properties": {"email": {"type": "STRING"}, "ratio": {"type": "NUMBER"},
         "level": {"type": "INTEGER"}}, "required": ["email"]}
        """));
    assertThat(result.dropped()).containsExactlyInAnyOrder(
        "$schema", "$id", "additionalProperties",
        "properties.email.default", "properties.email.examples", "properties.email.format=email",
        "properties.ratio.exclusiveMinimum", "properties.ratio.multipleOf",
        "properties.level.enum (only string values are taken)",
        "required=ghost (no such property)");
  }

  @Test
  void turnsNullableUnionsIntoNullableAndOneOfIntoAnyOf() {
    assertAdapted("""
        {"type": "object", "properties": {
          "note": {"type": ["string", "null"]},
          "when": {"anyOf": [{"type": "string", "format": "date-time"}, {"type": "null"}]},
          "id": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
          "any": {"type": ["string", "number"]},
          "mode": {"const": "fast"}}}
        """, """
        {"type": "OBJECT", "properties": {
          "note": {"type": "STRING", "nullable": true},
          "when": {"type": "STRING", "format": "date-time", "nullable": true},
          "id": {"anyOf": [{"type": "STRING"}, {"type": "INTEGER"}]},
          "any": {"anyOf": [{"type": "STRING"}, {"type": "NUMBER"}]},
          "mode": {"type": "STRING", "enum": ["fast"]}}}
        """);
  }

  @Test
  void inlinesLocalReferencesAndMergesAllOf() {
    SchemaAdapter.Result result = adapt("""
        {"type": "object",
         "$defs": {"Address": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}},
         "definitions": {"Named": {"properties": {"name": {"type": "string"}}, "required": ["name"]}},
         "properties": {
           "home": {"$ref": "#/$defs/Address", "description": "Where they live"},
           "person": {"allOf": [{"$ref": "#/definitions/Named"}, {"properties": {"age": {"type": "integer"}}}]}}}
        """);

    assertThat(result.schema()).isEqualTo(Fixtures.json("""
        {"type": "OBJECT", "properties": {
          "home": {"type": "OBJECT", "description": "Where they live",
                   "properties": {"city": {"type": "STRING"}}, "required": ["city"]},
          "person": {"type": "OBJECT", "properties": {"name": {"type": "STRING"}, "age": {"type": "INTEGER"}},
                     "required": ["name"]}}}
        """));
    assertThat(result.dropped()).isEmpty();
  }

  @Test
  void cutsARecursiveReferenceInsteadOfLoopingForever() {
    SchemaAdapter.Result result = adapt("""
        {"$ref": "#/$defs/Node",
         "$defs": {"Node": {"type": "object", "properties": {
           "value": {"type": "string"},
           "next": {"$ref": "#/$defs/Node", "description": "The next node"}}}}}
        """);

    assertThat(result.schema()).isEqualTo(Fixtures.json("""
        {"type": "OBJECT", "properties": {"value": {"type": "STRING"}, "next": {"description": "The next node"}}}
        """));
    assertThat(result.dropped()).containsExactly("properties.next.$ref=#/$defs/Node (recursive)");
  }

  @Test
  void anUnknownReferenceIsDropped() {
    SchemaAdapter.Result result = adapt("{\"type\":\"object\",\"properties\":{\"x\":{\"$ref\":\"https://example.com/x.json\"}}}");

    assertThat(result.dropped()).containsExactly("properties.x.$ref=https://example.com/x.json");
  }
}
