package dev.llmkit.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link LlmConfig#problems()} refuses a base URL whose port no socket can have. */
class LlmConfigBaseUrlPortTest {

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:99999/v1", "https://api.example.com:65536", "http://127.0.0.1:0/v1",
      "https://user:PASS@h:100000/v1?key=QUERY"})
  void aPortOutsideOneTo65535IsAProblemNamingBaseUrl(String url) {
    LlmConfig config = LlmConfig.builder().model("openai/gpt-4o").build();

    assertThat(config.toBuilder().baseUrl(url)).satisfies(b -> {
      java.util.List<String> problems = problemsOf(b);
      assertThat(problems).singleElement().asString().startsWith("baseUrl has port")
          .contains("1 to 65535").doesNotContain("PASS").doesNotContain("QUERY");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:11434", "https://api.example.com:65535/v1", "http://127.0.0.1:1", "https://h/v1"})
  void aValidPortOrNoneIsFine(String url) {
    assertThat(problemsOf(LlmConfig.builder().model("openai/gpt-4o").baseUrl(url))).isEmpty();
  }

  private static java.util.List<String> problemsOf(LlmConfig.Builder b) {
    try {
      return b.build().problems();
    } catch (InvalidRequestException e) {
      return e.problems();
    }
  }
}
