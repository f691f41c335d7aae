package dev.llmkit.core.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.api.InvalidRequestException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The one Jackson mapper of structured output: schemas to JSON, replies to trees. */
final class SchemaJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private SchemaJson() {}

  /** The schema as compact JSON text, for the emulation instruction. */
  static String write(@Nullable Map<String, Object> schema) {
    try {
      return MAPPER.writeValueAsString(tree(schema));
    } catch (JsonProcessingException e) {
      throw unwritable(e.getOriginalMessage());
    }
  }

  /** The schema as a tree; a schema Jackson cannot write is an invalid request. */
  static JsonNode tree(@Nullable Map<String, Object> schema) {
    try {
      return MAPPER.valueToTree(schema == null ? Map.of() : schema);
    } catch (IllegalArgumentException e) {
      throw unwritable(e.getMessage());
    }
  }

  private static InvalidRequestException unwritable(@Nullable String reason) {
    return new InvalidRequestException(List.of("the responseFormat schema cannot be written as JSON (" + reason
        + "); use maps, lists, strings, numbers and booleans"));
  }
}
