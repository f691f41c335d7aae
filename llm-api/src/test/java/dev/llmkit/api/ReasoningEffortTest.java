package dev.llmkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReasoningEffortTest {

  @ParameterizedTest
  @CsvSource({"none,NONE", "minimal,MINIMAL", "low,LOW", "Medium,MEDIUM", "HIGH,HIGH", "xHigh,XHIGH", "'  max ',MAX"})
  void parsesNamesIgnoringCaseAndSurroundingSpace(String text, ReasoningEffort expected) {
    assertThat(ReasoningEffort.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(ReasoningEffort.class)
  void theWireNameIsLowerCaseAndParsesBack(ReasoningEffort effort) {
    assertThat(effort.wireName()).isEqualTo(effort.name().toLowerCase());
    assertThat(ReasoningEffort.parse(effort.wireName())).isEqualTo(effort);
  }

  @ParameterizedTest
  @ValueSource(strings = {"extreme", "", "hi gh", "x-high"})
  void anUnknownNameIsRejectedListingTheValidOnes(String text) {
    assertThatThrownBy(() -> ReasoningEffort.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown reasoning effort '" + text
            + "'; expected one of none, minimal, low, medium, high, xhigh, max")
        .hasCauseInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nullIsRejected() {
    assertThatThrownBy(() -> ReasoningEffort.parse(null)).isInstanceOf(NullPointerException.class);
  }
}
