package dev.llmkit.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.ToolCall;
import java.util.Objects;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractObjectAssert;
import org.jspecify.annotations.Nullable;

/**
 * AssertJ assertions on a {@link ChatResponse}; start with {@link LlmAssertions#assertThat(ChatResponse)}.
 *
 * <pre>{@code
 * assertThat(response).hasText("Hi").hasFinishReason(FinishReason.STOP).hasUsage(12, 3);
 * }</pre>
 */
public final class ChatResponseAssert extends AbstractObjectAssert<ChatResponseAssert, ChatResponse> {
  private static final ObjectMapper JSON = new ObjectMapper();

  ChatResponseAssert(ChatResponse actual) {
    super(actual, ChatResponseAssert.class);
  }

  /** The answer text is exactly {@code expected}. */
  public ChatResponseAssert hasText(String expected) {
    isNotNull();
    if (!actual.text().equals(expected)) {
      failWithMessage("Expected response text <%s> but was <%s>", expected, actual.text());
    }
    return this;
  }

  /** The answer text contains {@code fragment}. */
  public ChatResponseAssert hasTextContaining(String fragment) {
    isNotNull();
    if (!actual.text().contains(fragment)) {
      failWithMessage("Expected response text to contain <%s> but was <%s>", fragment, actual.text());
    }
    return this;
  }

  /** The normalized finish reason is {@code expected}. */
  public ChatResponseAssert hasFinishReason(FinishReason expected) {
    isNotNull();
    if (actual.finishReason() != expected) {
      failWithMessage("Expected finish reason <%s> but was <%s> (raw <%s>)",
          expected, actual.finishReason(), actual.rawFinishReason());
    }
    return this;
  }

  /** The model called no tool. */
  public ChatResponseAssert hasNoToolCalls() {
    isNotNull();
    if (actual.hasToolCalls()) {
      failWithMessage("Expected no tool calls but got %s", describeCalls());
    }
    return this;
  }

  /** The model called the tool {@code name} (at least once). */
  public ChatResponseAssert hasToolCall(String name) {
    isNotNull();
    if (find(name, null) == null) {
      failWithMessage("Expected a call of tool <%s> but got %s", name, describeCalls());
    }
    return this;
  }

  /** The model called the tool {@code name} with arguments equal, as JSON, to {@code argumentsJson}. */
  public ChatResponseAssert hasToolCall(String name, String argumentsJson) {
    isNotNull();
    JsonNode expected = parse(argumentsJson, "expected arguments");
    if (find(name, expected) == null) {
      failWithMessage("Expected a call of tool <%s> with arguments <%s> but got %s", name, argumentsJson, describeCalls());
    }
    return this;
  }

  /** Exactly {@code count} tool calls. */
  public ChatResponseAssert hasToolCallCount(int count) {
    isNotNull();
    if (actual.toolCalls().size() != count) {
      failWithMessage("Expected %s tool call(s) but got %s", count, describeCalls());
    }
    return this;
  }

  /** The reported input and output token counts. */
  public ChatResponseAssert hasUsage(long inputTokens, long outputTokens) {
    isNotNull();
    if (!Objects.equals(actual.usage().inputTokens(), inputTokens)
        || !Objects.equals(actual.usage().outputTokens(), outputTokens)) {
      failWithMessage("Expected usage of %s input and %s output tokens but was %s", inputTokens, outputTokens,
          actual.usage());
    }
    return this;
  }

  /** The joined reasoning text is {@code expected}. */
  public ChatResponseAssert hasReasoning(String expected) {
    isNotNull();
    String reasoning = actual.message().reasoningText();
    if (!reasoning.equals(expected)) {
      failWithMessage("Expected reasoning <%s> but was <%s>", expected, reasoning);
    }
    return this;
  }

  private @Nullable ToolCall find(String name, @Nullable JsonNode arguments) {
    for (ToolCall call : actual.toolCalls()) {
      if (call.name().equals(name) && (arguments == null || arguments.equals(parseOrNull(call.arguments())))) {
        return call;
      }
    }
    return null;
  }

  private String describeCalls() {
    return actual.toolCalls().stream()
        .map(c -> c.name() + c.arguments())
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static @Nullable JsonNode parseOrNull(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static JsonNode parse(String text, String what) {
    JsonNode node = parseOrNull(text);
    if (node == null) {
      throw new IllegalArgumentException(what + " are not JSON: " + text);
    }
    return node;
  }
}
