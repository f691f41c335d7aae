package dev.llmkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.ToolSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestValidatorTest {
  private final RequestValidator validator = new RequestValidator();

  private List<String> problems(ChatRequest request) {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> validator.validate(request));
    assertThat(e).as("the request is rejected").isNotNull();
    return e.problems();
  }

  private static ChatRequest.Builder hi() {
    return ChatRequest.builder().user("hi");
  }

  private static ChatRequest withTool(Map<String, Object> parameters) {
    return hi().tool(ToolSpec.of("lookup", "finds things", parameters)).build();
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, 1.5})
  void aTopPThatIsNotInRangeIsRejectedNaNIncluded(double topP) {
    assertThat(problems(hi().topP(topP).build())).containsExactly("topP must be in (0, 1], was " + topP);
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.1, 2.5})
  void aTemperatureThatIsNotInRangeIsRejectedNaNIncluded(double temperature) {
    assertThat(problems(hi().temperature(temperature).build()))
        .containsExactly("temperature must be between 0 and 2, was " + temperature);
  }

  @Test
  void aToolSchemaOfAnUnknownTypeIsRejectedNamingTheTool() {
    assertThat(problems(withTool(Map.of("type", "banana"))))
        .anySatisfy(p -> assertThat(p).startsWith("tools[0] 'lookup': parameters must be a JSON Schema with \"type\": \"object\""))
        .anySatisfy(p -> assertThat(p).isEqualTo("tools[0] 'lookup': parameters.type is \"banana\", which is not a JSON Schema"
            + " type (one of " + p.substring(p.indexOf("(one of ") + 8, p.length() - 1) + ")"));
  }

  @Test
  void aNestedPropertyOfAnUnknownTypeIsRejectedWithItsPath() {
    Map<String, Object> schema = Map.of("type", "object", "properties", Map.of(
        "q", Map.of("type", "strnig"),
        "tags", Map.of("type", "array", "items", Map.of("type", "text"))));

    assertThat(problems(withTool(schema)))
        .anySatisfy(p -> assertThat(p).startsWith("tools[0] 'lookup': parameters.properties.q.type is \"strnig\""))
        .anySatisfy(p -> assertThat(p).startsWith("tools[0] 'lookup': parameters.properties.tags.items.type is \"text\""));
  }

  @Test
  void aTopLevelSchemaWithoutTypeObjectIsRejected() {
    assertThat(problems(withTool(Map.of("properties", Map.of("q", Map.of("type", "string"))))))
        .singleElement().asString().contains("its type is missing");
  }

  @Test
  void aValueThatIsNotJsonIsRejectedNamingTheToolAndThePath() {
    Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("q", Map.of("type", "string",
        "default", new Object())));

    assertThat(problems(withTool(schema))).singleElement().asString()
        .startsWith("tools[0] 'lookup': parameters.properties.q.default is a java.lang.Object, which is not a JSON value");
  }

  @Test
  void aNonFiniteNumberInASchemaIsRejected() {
    Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("n", Map.of("type", "number",
        "maximum", Double.NaN)));

    assertThat(problems(withTool(schema))).singleElement().asString().contains("NaN, which JSON cannot carry");
  }

  @Test
  void ordinarySchemasPass() {
    Map<String, Object> schema = Map.of(
        "type", "object",
        "properties", Map.of(
            "city", Map.of("type", "string", "enum", List.of("Paris", "Rome")),
            "days", Map.of("type", List.of("integer", "null"), "minimum", 1),
            "type", Map.of("type", "string", "description", "a property named type"),
            "where", Map.of("anyOf", List.of(Map.of("type", "string"), Map.of("$ref", "#/$defs/point"))),
            "points", Map.of("type", "array", "items", Map.of("type", "object", "additionalProperties", false))),
        "required", List.of("city"),
        "$defs", Map.of("point", Map.of("type", "object", "properties", Map.of("x", Map.of("type", "number")))),
        "additionalProperties", false);

    assertThatCode(() -> validator.validate(withTool(schema))).doesNotThrowAnyException();
    assertThatCode(() -> validator.validate(withTool(Map.of()))).doesNotThrowAnyException();
    assertThatCode(() -> validator.validate(withTool(Map.of("type", "object")))).doesNotThrowAnyException();
  }
}
