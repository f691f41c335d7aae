package dev.llmkit.core.fncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.ToolSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The prompt text, character for character as OpenHands writes it. */
class ToolPromptTest {

  @Test
  void the_tool_descriptions_are_openhands_text() {
    assertThat(ToolPrompt.describe(OpenHandsGolden.schemas())).isEqualTo(OpenHandsGolden.text("description.txt"));
  }

  @Test
  void the_system_prompt_suffix_is_openhands_text() {
    assertThat(ToolPrompt.systemPromptSuffix(OpenHandsGolden.schemas())).isEqualTo(OpenHandsGolden.text("system-suffix.txt"));
  }

  @Test
  void enum_values_of_other_types_and_missing_descriptions_read_as_python_writes_them() {
    Map<String, Object> level = new LinkedHashMap<>();
    level.put("type", "integer");
    level.put("enum", List.of(1, 2));
    Map<String, Object> flag = new LinkedHashMap<>();
    flag.put("type", "boolean");
    flag.put("enum", List.of(true));
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("level", level);
    properties.put("flag", flag);
    properties.put("note", Map.of());
    ToolSpec tool = ToolSpec.of("t", "A tool.", Map.of("type", "object", "properties", properties, "required", List.of("level")));

    assertThat(ToolPrompt.describe(List.of(ToolSchema.of(tool)))).isEqualTo("""
        ---- BEGIN FUNCTION #1: t ----
        Description: A tool.
        Parameters:
          (1) level (integer, required): No description provided
        Allowed values: [`1`, `2`]
          (2) flag (boolean, optional): No description provided
        Allowed values: [`True`]
          (3) note (string, optional): No description provided
        ---- END FUNCTION #1 ----
        """);
  }

  @Test
  void the_in_context_example_is_built_from_the_openhands_tools_offered() {
    for (String key : List.of("all", "bash", "finish", "edit-file")) {
      List<String> names = switch (key) {
        case "all" -> List.of("execute_bash", "str_replace_editor", "browser", "finish");
        case "bash" -> List.of("execute_bash");
        case "finish" -> List.of("finish");
        default -> List.of("edit_file", "execute_bash");
      };
      List<ToolSchema> tools = names.stream().map(n -> ToolSchema.of(ToolSpec.of(n, "d", Map.of()))).toList();
      assertThat(InContextExample.prefix(tools)).as(key).isEqualTo(OpenHandsGolden.text("example-" + key + ".txt"));
    }
    assertThat(InContextExample.prefix(OpenHandsGolden.schemas())).isEqualTo(OpenHandsGolden.text("example-openhands-tools.txt"));
    assertThat(InContextExample.suffix()).isEqualTo(OpenHandsGolden.text("example-suffix.txt"));
  }

  @Test
  void other_tools_get_no_example() {
    assertThat(InContextExample.prefix(List.of(ToolSchema.of(ToolSpec.of("get_weather", "d", Map.of()))))).isEmpty();
  }
}
