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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class QuickstartTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final Quickstart quickstart = new Quickstart(new PrintStream(bytes, true, StandardCharsets.UTF_8));

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai/gpt-4o-mini", "anthropic/claude-sonnet-4-5", "gemini/gemini-2.5-flash",
      "ollama/llama3.2:3b", "ollama-openai/llama3.2:3b", "gemini-2.5-flash", "groq/llama-3.3-70b-versatile"})
  void without_a_key_it_runs_all_three_demos_against_the_local_mock(String model) {
    quickstart.run(new String[] {"--model", model}, Map.<String, String>of()::get);

    String out = output();
    assertThat(out).contains("using the built-in local mock server at http://127.0.0.1:");
    assertThat(out).doesNotContain("quickstart failed");
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
  void each_provider_gets_the_mock_in_its_own_wire_format() {
    quickstart.run(new String[] {"--model", "gemini/gemini-2.5-flash"}, Map.<String, String>of()::get);
    assertThat(output()).startsWith("No GEMINI_API_KEY or GOOGLE_API_KEY set")
        .containsPattern("mock server at http://127\\.0\\.0\\.1:\\d+/v1beta \\(gemini wire format")
        .contains("[gemini/gemini-2.5-flash, TOOL_CALLS,");
  }

  @Test
  void ollama_uses_the_mock_unless_OLLAMA_HOST_names_a_server() {
    quickstart.run(new String[] {"--model", "ollama/llama3.2:3b"}, Map.<String, String>of()::get);
    assertThat(output()).startsWith("No OLLAMA_HOST set")
        .containsPattern("mock server at http://127\\.0\\.0\\.1:\\d+ \\(ollama wire format");

    Target real = Target.choose("ollama/llama3.2:3b", Map.of("OLLAMA_HOST", "10.0.0.7")::get);
    assertThat(real).isEqualTo(new Target.Real(
        "Calling ollama/llama3.2:3b for real at http://10.0.0.7:11434 (OLLAMA_HOST is set).", "http://10.0.0.7:11434"));
  }

  @Test
  void a_key_in_the_environment_means_the_real_service() {
    assertThat(Target.choose("gemini/gemini-2.5-flash", Map.of("GOOGLE_API_KEY", "k")::get))
        .isEqualTo(new Target.Real("Calling gemini/gemini-2.5-flash for real (GOOGLE_API_KEY is set).", null));
    assertThat(Target.choose("anthropic/claude-sonnet-4-5", Map.of("ANTHROPIC_API_KEY", " ")::get))
        .isInstanceOf(Target.Mock.class);
  }

  @ParameterizedTest
  @CsvSource({
      "127.0.0.1:11434, http://127.0.0.1:11434",
      "0.0.0.0, http://127.0.0.1:11434",
      "ollama.internal, http://ollama.internal:11434",
      "http://ollama.internal, http://ollama.internal:80",
      "https://ollama.example.com/proxy/, https://ollama.example.com:443/proxy",
      "'[::1]:8080', 'http://[::1]:8080'",
      "::1, 'http://[::1]:11434'",
      "':11435', http://127.0.0.1:11435",
  })
  void OLLAMA_HOST_is_read_as_the_ollama_cli_reads_it(String host, String baseUrl) {
    assertThat(Target.ollamaBaseUrl(host)).isEqualTo(baseUrl);
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
