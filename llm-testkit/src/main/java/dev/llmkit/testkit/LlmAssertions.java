package dev.llmkit.testkit;

import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.LlmException;

/**
 * AssertJ entry point for llmkit values. Import it statically next to AssertJ's own
 * {@code Assertions.assertThat}; overloads pick the most specific type.
 *
 * <pre>{@code
 * import static dev.llmkit.testkit.LlmAssertions.assertThat;
 *
 * assertThat(response).hasText("Hello").hasFinishReason(FinishReason.STOP).hasNoToolCalls();
 * assertThat(response).hasToolCall("get_weather", "{\"city\":\"Paris\"}");
 * assertThat(error).hasKind(ErrorKind.RATE_LIMITED).isRetryable().hasRetryAfter(Duration.ofSeconds(7));
 * }</pre>
 */
public final class LlmAssertions {
  private LlmAssertions() {}

  /** Assertions on a {@link ChatResponse}. */
  public static ChatResponseAssert assertThat(ChatResponse actual) {
    return new ChatResponseAssert(actual);
  }

  /** Assertions on an {@link LlmException}. */
  public static LlmExceptionAssert assertThat(LlmException actual) {
    return new LlmExceptionAssert(actual);
  }
}
