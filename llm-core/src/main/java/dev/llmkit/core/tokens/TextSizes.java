package dev.llmkit.core.tokens;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.llmkit.api.ResponseFormat;
import dev.llmkit.api.ToolSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** UTF-8 lengths without encoding, and the JSON text of tool definitions and response schemas. */
final class TextSizes {
  private static final ObjectMapper JSON = new ObjectMapper()
      // ToolSpec and ResponseFormat hold Map.copyOf maps, whose order changes from run to run.
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private TextSizes() {}

  /**
   * The UTF-8 length of {@code s}; a lone surrogate counts 3 bytes (what tokenizers see in its place,
   * U+FFFD), never fewer.
   */
  static long utf8Length(String s) {
    long n = 0;
    int len = s.length();
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** {@code s} with each lone surrogate replaced by U+FFFD; {@code s} itself when it has none. */
  static String withoutLoneSurrogates(String s) {
    int len = s.length();
    int i = 0;
    while (i < len) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
          i += 2;
          continue;
        }
        break; // a lone one: rebuild from here
      }
      i++;
    }
    if (i == len) {
      return s;
    }
    StringBuilder sb = new StringBuilder(len).append(s, 0, i);
    while (i < len) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(c).append(s.charAt(i + 1));
        i += 2;
      } else {
        sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
        i++;
      }
    }
    return sb.toString();
  }

  /** A tool as the model is told about it: {@code {"description","name","parameters"}} in compact JSON, keys sorted. */
  static String toolJson(ToolSpec tool) {
    Map<String, Object> function = new LinkedHashMap<>();
    function.put("name", tool.name());
    function.put("description", tool.description());
    function.put("parameters", tool.parameters());
    return json(function);
  }

  /** The schema of a {@code JSON_SCHEMA} response format with its name, or empty for text and JSON-object formats. */
  static String schemaJson(ResponseFormat format) {
    if (format.type() != ResponseFormat.Type.JSON_SCHEMA || format.schema() == null) {
      return "";
    }
    Map<String, Object> named = new LinkedHashMap<>();
    named.put("name", format.name());
    named.put("schema", format.schema());
    return json(named);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      // A value Jackson cannot write (a caller's own object in the schema): its text still has a size.
      return String.valueOf(value);
    }
  }
}
