package dev.llmkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ToolChoiceTest {

  @Test
  void theFactoriesSetTheModeAndOnlyToolNamesATool() {
    assertThat(ToolChoice.auto()).isEqualTo(new ToolChoice(ToolChoice.Mode.AUTO, null));
    assertThat(ToolChoice.none()).isEqualTo(new ToolChoice(ToolChoice.Mode.NONE, null));
    assertThat(ToolChoice.required()).isEqualTo(new ToolChoice(ToolChoice.Mode.REQUIRED, null));
    assertThat(ToolChoice.tool("lookup")).isEqualTo(new ToolChoice(ToolChoice.Mode.TOOL, "lookup"));
  }

  @Test
  void aToolChoiceWithoutAToolNameIsRejected() {
    assertThatThrownBy(() -> new ToolChoice(ToolChoice.Mode.TOOL, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("toolName is required for Mode.TOOL");
    assertThatThrownBy(() -> ToolChoice.tool(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @EnumSource(value = ToolChoice.Mode.class, names = "TOOL", mode = EnumSource.Mode.EXCLUDE)
  void aToolNameWithAnyOtherModeIsRejected(ToolChoice.Mode mode) {
    assertThatThrownBy(() -> new ToolChoice(mode, "lookup")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theModeIsRequired() {
    assertThatThrownBy(() -> new ToolChoice(null, null)).isInstanceOf(NullPointerException.class).hasMessage("mode");
  }
}
