package dev.llmkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseFormatTest {
  private static final Map<String, Object> SCHEMA = Map.of("type", "object");

  @Test
  void textAndJsonObjectCarryNoSchema() {
    assertThat(ResponseFormat.text()).isEqualTo(new ResponseFormat(ResponseFormat.Type.TEXT, null, null, false));
    assertThat(ResponseFormat.jsonObject().type()).isEqualTo(ResponseFormat.Type.JSON_OBJECT);
    assertThat(ResponseFormat.jsonObject().schema()).isNull();
  }

  @Test
  void aJsonSchemaFormatKeepsItsNameSchemaAndStrictness() {
    ResponseFormat f = ResponseFormat.jsonSchema("answer", SCHEMA, true);

    assertThat(f.type()).isEqualTo(ResponseFormat.Type.JSON_SCHEMA);
    assertThat(f.name()).isEqualTo("answer");
    assertThat(f.schema()).isEqualTo(SCHEMA);
    assertThat(f.strict()).isTrue();
  }

  @Test
  void aJsonSchemaFormatNeedsANameAndASchema() {
    assertThatThrownBy(() -> ResponseFormat.jsonSchema(null, SCHEMA, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a JSON_SCHEMA response format needs a name and a schema");
    assertThatThrownBy(() -> ResponseFormat.jsonSchema("answer", null, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSchemaIsAnImmutableCopy() {
    Map<String, Object> schema = new HashMap<>(SCHEMA);
    ResponseFormat f = ResponseFormat.jsonSchema("answer", schema, false);

    schema.put("required", "x");

    assertThat(f.schema()).isEqualTo(SCHEMA);
    assertThatThrownBy(() -> f.schema().put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theTypeIsRequired() {
    assertThatThrownBy(() -> new ResponseFormat(null, null, null, false)).isInstanceOf(NullPointerException.class);
  }
}
