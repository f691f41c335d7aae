package dev.llmkit.core.fncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FunctionCallValidationException;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolSpec;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionCallParserTest {
  private final FunctionCallParser parser = new FunctionCallParser(OpenHandsGolden.schemas(), OpenHandsGolden.MODEL);

  @Test
  void replies_parse_to_the_calls_openhands_reads_out_of_them() {
    JsonNode cases = OpenHandsGolden.json("parsed-replies.json");
    for (Iterator<String> names = cases.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      JsonNode c = cases.get(name);
      FunctionCallParser.Parsed parsed = parser.parse(c.path("reply").asText(), "toolu_07");
      assertThat(parsed).as(name).isNotNull();
      assertThat(parsed.call()).as(name)
          .isEqualTo(new ToolCall("toolu_07", c.path("name").asText(), c.path("arguments").asText()));
      String content = c.path("content").asText();
      assertThat(parsed.content()).as(name).isEqualTo(content.isEmpty() ? null : content);
    }
  }

  @Test
  void invalid_calls_fail_with_openhands_messages() {
    JsonNode cases = OpenHandsGolden.json("validation-errors.json");
    for (Iterator<String> names = cases.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      JsonNode c = cases.get(name);
      assertThatThrownBy(() -> parser.parse(c.path("reply").asText(), "toolu_01")).as(name)
          .isInstanceOf(FunctionCallValidationException.class)
          .hasMessage(c.path("error").asText())
          .satisfies(e -> assertThat(((FunctionCallValidationException) e).kind()).isEqualTo(ErrorKind.FUNCTION_CALL_VALIDATION));
    }
  }

  @Test
  void number_boolean_and_object_parameters_are_converted_and_checked() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("ratio", Map.of("type", "number"));
    properties.put("dry_run", Map.of("type", "boolean"));
    properties.put("options", Map.of("type", "object"));
    FunctionCallParser typed = new FunctionCallParser(
        List.of(ToolSchema.of(ToolSpec.of("tune", "d", Map.of("type", "object", "properties", properties)))), OpenHandsGolden.MODEL);

    FunctionCallParser.Parsed parsed = typed.parse("<function=tune>\n<parameter=ratio> 0.5 </parameter>\n"
        + "<parameter=dry_run>True</parameter>\n<parameter=options>{\"a\": [1]}</parameter>\n</function>", "id");

    assertThat(parsed.call().arguments()).isEqualTo("{\"ratio\": 0.5, \"dry_run\": true, \"options\": {\"a\": [1]}}");
    assertThatThrownBy(() -> typed.parse("<function=tune>\n<parameter=ratio>half</parameter>\n</function>", "id"))
        .hasMessage("Parameter 'ratio' is expected to be a number.");
    assertThatThrownBy(() -> typed.parse("<function=tune>\n<parameter=dry_run>yes</parameter>\n</function>", "id"))
        .hasMessage("Parameter 'dry_run' is expected to be a boolean.");
    assertThatThrownBy(() -> typed.parse("<function=tune>\n<parameter=options>[1]</parameter>\n</function>", "id"))
        .hasMessage("Parameter 'options' is expected to be an object.");
  }

  @Test
  void a_reply_without_a_complete_call_is_no_call() {
    assertThat(parser.parse("Just text, no call.", "id")).isNull();
    assertThat(parser.parse("<function=execute_bash><parameter=command>ls</parameter></function>", "id")).isNull();
  }

  @Test
  void only_the_first_of_several_calls_is_read_and_text_after_it_is_dropped() {
    FunctionCallParser.Parsed parsed = parser.parse("First.\n<function=execute_bash>\n<parameter=command>ls</parameter>\n"
        + "</function>\nafter\n<function=execute_bash>\n<parameter=command>pwd</parameter>\n</function>", "id");

    assertThat(parsed.content()).isEqualTo("First.");
    assertThat(parsed.call().arguments()).isEqualTo("{\"command\": \"ls\"}");
  }

  @Test
  void the_closing_tag_is_put_back_as_openhands_does() {
    assertThat(FunctionCallParser.withClosingTag("<function=f>\n")).isEqualTo("<function=f>\n\n</function>");
    assertThat(FunctionCallParser.withClosingTag("<function=f>\n</")).isEqualTo("<function=f>\n</function>");
    assertThat(FunctionCallParser.withClosingTag("no call")).isEqualTo("no call");
    String two = "<function=f>\n</function><function=g>\n";
    assertThat(FunctionCallParser.withClosingTag(two)).isEqualTo(two);
  }
}
