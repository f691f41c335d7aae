package dev.llmkit.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class QuickstartTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final Quickstart quickstart = new Quickstart(new PrintStream(bytes, true, StandardCharsets.UTF_8));

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai/gpt-4o-mini", "anthropic/claude-sonnet-4-5"})
  void without_a_key_it_runs_all_three_demos_against_the_local_mock(String model) {
    quickstart.run(new String[] {"--model", model}, Map.<String, String>of()::get);

    String out = output();
    assertThat(out).contains("using the built-in local mock server at http://127.0.0.1:");
    assertThat(out).contains("1. Completion", "2. Stream", "3. Tool call round trip");
    assertThat(out).contains("model asked for: [get_weather{");
    assertThat(out).contains("we ran get_weather -> {\"city\":\"Paris\"");
    assertThat(out).containsPattern("Totals: 4 calls, 0 failed, \\d+ input \\+ \\d+ output tokens");
  }

  @Test
  void names_the_missing_key_variable_of_the_chosen_provider() {
    quickstart.run(new String[] {"--model", "anthropic/claude-sonnet-4-5"}, Map.<String, String>of()::get);
    assertThat(output()).startsWith("No ANTHROPIC_API_KEY set");
  }

  @Test
  void an_unknown_provider_fails_with_the_installed_ones_listed() {
    assertThatThrownBy(() -> quickstart.run(new String[] {"--model", "nosuch/model"}, Map.<String, String>of()::get))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
        .hasMessageContaining("anthropic")
        .hasMessageContaining("openai");
  }

  @Test
  void rejects_unknown_arguments_with_the_usage() {
    assertThatThrownBy(() -> quickstart.run(new String[] {"--verbose"}, Map.<String, String>of()::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("usage: [--model provider/name]");
  }
}
