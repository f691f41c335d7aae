package dev.llmkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ToolSpecTest {
  private static final Map<String, Object> SCHEMA = Map.of("type", "object", "properties", Map.of());

  @Nested
  class Names {

    @ParameterizedTest
    @ValueSource(strings = {"a", "get_weather", "lookup-stock", "Tool_42", "UPPER", "0_starts_with_digit"})
    void lettersDigitsUnderscoresAndHyphensAreAccepted(String name) {
      assertThat(ToolSpec.of(name, "d", SCHEMA).name()).isEqualTo(name);
    }

    @Test
    void sixtyFourCharactersIsTheLongestName() {
      String name = "x".repeat(64);

      assertThat(ToolSpec.of(name, "d", SCHEMA).name()).hasSize(64);
      assertThatThrownBy(() -> ToolSpec.of(name + "x", "d", SCHEMA)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "dotted.name", "slash/name", "wätter", "emoji🔧", "colon:name", "tab\t"})
    void anythingElseIsRejectedQuotingTheName(String name) {
      assertThatThrownBy(() -> ToolSpec.of(name, "d", SCHEMA))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("tool name '" + name + "' is invalid: use 1-64 letters, digits, '_' or '-'");
    }

    @Test
    void nameAndDescriptionAreRequired() {
      assertThatThrownBy(() -> ToolSpec.of(null, "d", SCHEMA)).isInstanceOf(NullPointerException.class).hasMessage("name");
      assertThatThrownBy(() -> ToolSpec.of("n", null, SCHEMA))
          .isInstanceOf(NullPointerException.class).hasMessage("description");
    }
  }

  @Test
  void parametersAreAnImmutableCopy() {
    Map<String, Object> params = new HashMap<>(SCHEMA);
    ToolSpec spec = ToolSpec.of("t", "d", params);

    params.put("required", "x");

    assertThat(spec.parameters()).isEqualTo(SCHEMA);
    assertThatThrownBy(() -> spec.parameters().put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
  }
}
