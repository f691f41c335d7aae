package dev.llmkit.core.fncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.FunctionCallValidationException;
import dev.llmkit.api.ToolCall;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ToolArgumentsTest {

  private static String checked(String arguments) {
    return ToolArguments.checked(new ToolCall("call_1", "get_weather", arguments), OpenHandsGolden.MODEL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"city\": \"Paris\"}", "{}", "{\"a\": [1, {\"b\": null}]}"})
  void a_json_object_is_kept_as_it_came(String arguments) {
    assertThat(checked(arguments)).isSameAs(arguments);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      `{"city": "Paris",}`            | `{"city": "Paris"}`
      `{"days": [1, 2,], }`           | `{"days": [1, 2]}`
      `{"city": "Paris"`              | `{"city": "Paris"}`
      `{"city": "Par`                 | `{"city": "Par"}`
      `{"city": "Paris", `            | `{"city": "Paris"}`
      `{"a": {"b": [1, 2`             | `{"a": {"b": [1, 2]}}`
      `{"path": "C:\\`                | `{"path": "C:"}`
      `  `                            | `{}`
      """)
  void an_unambiguous_breakage_is_repaired(String arguments, String repaired) {
    assertThat(checked(arguments)).isEqualTo(repaired);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"city\": \"Paris\", oops", "{\"city\": ", "{\"city\"", "{\"a\": [1}", "{\"a\": tru",
      "[1, 2]", "\"text\"", "null", "{\"a\": 1} {\"b\": 2}", "city=Paris"})
  void anything_else_is_refused_naming_the_call(String arguments) {
    assertThatThrownBy(() -> checked(arguments))
        .isInstanceOf(FunctionCallValidationException.class)
        .hasMessageStartingWith("the arguments of tool call 'get_weather' (id call_1) ")
        .hasMessageContaining(arguments.strip());
  }
}
