package dev.llmkit.testkit;

import static dev.llmkit.testkit.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.Usage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LlmAssertionsTest {
  private static final ChatResponse TEXT = new ChatResponse("chatcmpl-1", "openai", "gpt-4o",
      new AssistantMessage("Hello there", List.of(), List.of(Reasoning.of("Greet."))), FinishReason.STOP, "stop",
      Usage.of(12, 3), null, Duration.ZERO);
  private static final ChatResponse TOOLS = new ChatResponse("msg_01", "anthropic", "claude", AssistantMessage.ofToolCalls(
      List.of(new ToolCall("toolu_1", "get_weather", "{\"city\": \"Paris\"}"))), FinishReason.TOOL_CALLS, "tool_use",
      Usage.of(20, 9), null, Duration.ZERO);

  @Nested
  class Responses {
    @Test
    void passingAssertionsChain() {
      assertThat(TEXT).hasText("Hello there").hasTextContaining("there").hasFinishReason(FinishReason.STOP)
          .hasNoToolCalls().hasUsage(12, 3).hasReasoning("Greet.");
      assertThat(TOOLS).hasToolCall("get_weather").hasToolCall("get_weather", "{\"city\":\"Paris\"}").hasToolCallCount(1);
    }

    @Test
    void aWrongTextFailsWithBothValues() {
      assertThatThrownBy(() -> assertThat(TEXT).hasText("Bye"))
          .isInstanceOf(AssertionError.class).hasMessageContaining("Bye").hasMessageContaining("Hello there");
    }

    @Test
    void toolArgumentsAreComparedAsJson() {
      assertThatThrownBy(() -> assertThat(TOOLS).hasToolCall("get_weather", "{\"city\":\"Rome\"}"))
          .isInstanceOf(AssertionError.class).hasMessageContaining("get_weather{\"city\": \"Paris\"}");
      assertThatThrownBy(() -> assertThat(TOOLS).hasNoToolCalls()).isInstanceOf(AssertionError.class);
      assertThatThrownBy(() -> assertThat(TEXT).hasToolCall("get_weather")).isInstanceOf(AssertionError.class);
    }

    @Test
    void aWrongFinishReasonOrUsageFails() {
      assertThatThrownBy(() -> assertThat(TEXT).hasFinishReason(FinishReason.LENGTH))
          .isInstanceOf(AssertionError.class).hasMessageContaining("raw <stop>");
      assertThatThrownBy(() -> assertThat(TEXT).hasUsage(1, 1)).isInstanceOf(AssertionError.class);
    }
  }

  @Nested
  class Errors {
    private final LlmException limited = LlmException.builder(ErrorKind.RATE_LIMITED, "slow down")
        .httpStatus(429).retryAfter(Duration.ofSeconds(7)).providerCode("rate_limit_exceeded").build();

    @Test
    void passingAssertionsChain() {
      assertThat(limited).hasKind(ErrorKind.RATE_LIMITED).hasHttpStatus(429).isRetryable()
          .hasRetryAfter(Duration.ofSeconds(7)).hasProviderCode("rate_limit_exceeded").hasMessage("slow down");
    }

    @Test
    void mismatchesFail() {
      assertThatThrownBy(() -> assertThat(limited).hasKind(ErrorKind.AUTHENTICATION)).isInstanceOf(AssertionError.class);
      assertThatThrownBy(() -> assertThat(limited).isNotRetryable()).isInstanceOf(AssertionError.class);
      assertThatThrownBy(() -> assertThat(limited).isMidStream()).isInstanceOf(AssertionError.class);
      assertThatThrownBy(() -> assertThat(limited).hasHttpStatus(500)).isInstanceOf(AssertionError.class);
    }
  }
}
