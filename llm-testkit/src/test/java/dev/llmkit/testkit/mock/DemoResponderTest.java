package dev.llmkit.testkit.mock;

import static dev.llmkit.testkit.mock.WireClient.json;
import static dev.llmkit.testkit.mock.WireClient.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoResponderTest {
  private static final String WEATHER_TOOL_OPENAI = "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
      + "\"description\":\"Current weather\",\"parameters\":{\"type\":\"object\",\"properties\":{"
      + "\"city\":{\"type\":\"string\"},\"unit\":{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]}},"
      + "\"required\":[\"city\",\"unit\"]}}}";
  private static final String WEATHER_TOOL_ANTHROPIC = "{\"name\":\"get_weather\",\"description\":\"Current weather\","
      + "\"input_schema\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}";

  private MockLlmServer mock;

  @BeforeAll
  void start() {
    mock = MockLlmServer.start().fallback(MockResponder.demo());
  }

  @AfterAll
  void stop() {
    mock.close();
  }

  @Nested
  class OpenAi {
    @Test
    void aPlainQuestionIsEchoed() {
      JsonNode body = json(post(mock.baseUrl() + "/chat/completions",
          "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hello\"}]}]}"));

      assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("You said: Hello");
    }

    @Test
    void toolsDescribedInThePromptAreCalledInTheEmulatedTextFormatAndTheResultIsAnswered() {
      String system = "You are helpful.\\nYou have access to the following functions:\\n\\n"
          + "---- BEGIN FUNCTION #1: get_weather ----\\nDescription: Current weather\\nParameters:\\n"
          + "  (1) city (string, required): City name\\n  (2) unit (string, optional): Unit\\n"
          + "---- END FUNCTION #1 ----\\n";
      JsonNode ask = json(post(mock.baseUrl() + "/chat/completions", "{\"model\":\"llama3.2\",\"messages\":["
          + "{\"role\":\"system\",\"content\":\"" + system + "\"},"
          + "{\"role\":\"user\",\"content\":\"What is the weather in Lima?\"}]}"));
      JsonNode answer = json(post(mock.baseUrl() + "/chat/completions", "{\"model\":\"llama3.2\",\"messages\":["
          + "{\"role\":\"system\",\"content\":\"" + system + "\"},"
          + "{\"role\":\"user\",\"content\":\"EXECUTION RESULT of [get_weather]:\\nSunny, 21 C\"}]}"));

      assertThat(ask.at("/choices/0/message/content").asText())
          .isEqualTo("<function=get_weather>\n<parameter=city>Lima</parameter>\n</function>");
      assertThat(ask.at("/choices/0/message/tool_calls").isMissingNode()).isTrue();
      assertThat(answer.at("/choices/0/message/content").asText()).isEqualTo("Here is what get_weather says: Sunny, 21 C");
    }

    @Test
    void withToolsTheFirstToolIsCalledWithArgumentsFromItsSchemaAndTheQuestion() throws Exception {
      JsonNode body = json(post(mock.baseUrl() + "/chat/completions",
          "{\"model\":\"gpt-4o\",\"tools\":[" + WEATHER_TOOL_OPENAI + "],"
              + "\"messages\":[{\"role\":\"user\",\"content\":\"What is the weather in Buenos Aires?\"}]}"));

      JsonNode call = body.at("/choices/0/message/tool_calls/0");
      assertThat(call.at("/function/name").asText()).isEqualTo("get_weather");
      JsonNode args = WireClient.MAPPER.readTree(call.at("/function/arguments").asText());
      assertThat(args.path("city").asText()).isEqualTo("Buenos Aires");
      assertThat(args.path("unit").asText()).isEqualTo("celsius");
      assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void aTrailingToolResultIsTurnedIntoAFinalAnswer() {
      JsonNode body = json(post(mock.baseUrl() + "/chat/completions",
          "{\"model\":\"gpt-4o\",\"tools\":[" + WEATHER_TOOL_OPENAI + "],\"messages\":["
              + "{\"role\":\"user\",\"content\":\"Weather in Paris?\"},"
              + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
              + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{}\"}}]},"
              + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"21 C and sunny\"}]}"));

      assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Here is what get_weather says: 21 C and sunny");
      assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }
  }

  @Nested
  class Anthropic {
    private String url() {
      return mock.baseUrl(WireDialects.anthropic()) + "/v1/messages";
    }

    @Test
    void withToolsTheToolIsCalledAndWithoutAPlaceParisIsUsed() {
      JsonNode body = json(post(url(), "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"tools\":["
          + WEATHER_TOOL_ANTHROPIC + "],\"messages\":[{\"role\":\"user\",\"content\":\"How is the weather?\"}]}"));

      JsonNode block = body.at("/content/0");
      assertThat(block.path("type").asText()).isEqualTo("tool_use");
      assertThat(block.path("name").asText()).isEqualTo("get_weather");
      assertThat(block.at("/input/city").asText()).isEqualTo("Paris");
      assertThat(body.path("stop_reason").asText()).isEqualTo("tool_use");
    }

    @Test
    void aTrailingToolResultBlockIsTurnedIntoAFinalAnswer() {
      JsonNode body = json(post(url(), "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"tools\":["
          + WEATHER_TOOL_ANTHROPIC + "],\"messages\":["
          + "{\"role\":\"user\",\"content\":\"Weather in Paris?\"},"
          + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\","
          + "\"input\":{\"city\":\"Paris\"}}]},"
          + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\","
          + "\"content\":[{\"type\":\"text\",\"text\":\"21 C and sunny\"}]}]}]}"));

      assertThat(body.at("/content/0/text").asText()).isEqualTo("Here is what get_weather says: 21 C and sunny");
      assertThat(body.path("stop_reason").asText()).isEqualTo("end_turn");
    }
  }
}
