package dev.llmkit.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.Usage;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseParsingTest {
  @RegisterExtension
  static final StubServer server = new StubServer();

  private static ChatResponse call() {
    return Fixtures.provider(server.baseUrl())
        .complete(Fixtures.request("claude-sonnet-4-5", ChatRequest.builder().user("Weather in Paris?").build()));
  }

  @Nested
  class Content {
    @Test
    void readsThinkingTextAndToolUseInOrder() {
      server.answerJson(Fixtures.read("message-thinking-tool.json"));
      ChatResponse response = call();
      assertThat(response.id()).isEqualTo("msg_01Aq9w938a90dw8q");
      assertThat(response.provider()).isEqualTo("anthropic");
      assertThat(response.model()).isEqualTo("claude-sonnet-4-5-20250929");
      assertThat(response.text()).isEqualTo("I'll check the current weather in Paris for you.");
      assertThat(response.toolCalls()).containsExactly(new ToolCall("toolu_01A09q90qw90lq917835lq9", "get_weather",
          "{\"location\":\"Paris, France\",\"unit\":\"celsius\",\"days\":[1,2]}"));
      assertThat(response.message().reasoning()).containsExactly(
          new Reasoning("The user wants the weather in Paris. I should call get_weather with the city.",
              "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds6a1gT9AfU0n6J3xEcvzXz+Vx0TqQ==", null),
          Reasoning.redacted("EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXGmKDxH4mPnZ5sQ=="));
      assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
      assertThat(response.rawFinishReason()).isEqualTo("tool_use");
      assertThat(response.latency()).isEqualTo(Duration.ZERO);
      assertThat(response.cost()).isNull();
    }

    @Test
    void sumsCachedTokensIntoInputAndReportsThemApart() {
      server.answerJson(Fixtures.read("message-thinking-tool.json"));
      assertThat(call().usage()).isEqualTo(new Usage(472L + 1024 + 2048, 118L, 2048L, 1024L, 64L, 0L)); // all 5-minute writes
    }

    @Test
    void leavesUnreportedCountsUnknown() {
      server.answerJson("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-3-haiku-20240307\","
          + "\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\","
          + "\"usage\":{\"input_tokens\":5,\"output_tokens\":2}}");
      assertThat(call().usage()).isEqualTo(new Usage(5L, 2L, null, null, null));
    }

    @Test
    void aResponseWithOnlyToolsHasNoText() {
      server.answerJson("{\"id\":\"msg_2\",\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"tool_use\","
          + "\"id\":\"toolu_1\",\"name\":\"now\",\"input\":{}}],\"stop_reason\":\"end_turn\",\"usage\":{}}");
      ChatResponse response = call();
      assertThat(response.message().text()).isNull();
      assertThat(response.toolCalls()).containsExactly(new ToolCall("toolu_1", "now", "{}"));
      assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
      assertThat(response.usage()).isEqualTo(Usage.UNKNOWN);
    }

    @Test
    void aTwoHundredWithABrokenBodyIsAMalformedResponse() {
      server.answerJson("{\"id\":\"msg_3\",\"content\":[");
      assertThatThrownBy(ResponseParsingTest::call)
          .isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
            assertThat(e.model()).contains("claude-sonnet-4-5");
          });
    }
  }

  @Nested
  class StopReason {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "end_turn, STOP",
        "stop_sequence, STOP",
        "max_tokens, LENGTH",
        "model_context_window_exceeded, LENGTH",
        "tool_use, TOOL_CALLS",
        "refusal, CONTENT_FILTER",
        "pause_turn, OTHER",
        "something_new, OTHER",
    })
    void mapsEveryStopReasonAndKeepsTheRawOne(String raw, FinishReason expected) {
      server.answerJson("{\"id\":\"msg_4\",\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"t\"}],"
          + "\"stop_reason\":\"" + raw + "\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}");
      ChatResponse response = call();
      assertThat(response.finishReason()).isEqualTo(expected);
      assertThat(response.rawFinishReason()).isEqualTo(raw);
    }
  }
}
