package dev.llmkit.provider.ollama;

import static dev.llmkit.provider.ollama.Fixtures.answer;
import static dev.llmkit.provider.ollama.Fixtures.json;
import static dev.llmkit.provider.ollama.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.Usage;
import dev.llmkit.spi.ProviderResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseParsingTest {
  @RegisterExtension
  static final WireMockExtension server = Fixtures.server();

  static ProviderResponse respond(String body) {
    answer(server, json(200, body).withHeader("x-request-id", "req-7f3a"));
    return Fixtures.provider(server.baseUrl()).respond(request(Fixtures.HI));
  }

  @Nested
  class Content {
    @Test
    void aTextAnswerWithUsageModelAndRequestId() {
      ProviderResponse r = respond(Fixtures.read("chat-text.json"));

      assertThat(r.message().text()).startsWith("The sky looks blue").endsWith("Rayleigh scattering.");
      assertThat(r.message().toolCalls()).isEmpty();
      assertThat(r.message().reasoning()).isEmpty();
      assertThat(r.model()).isEqualTo("llama3.2:3b");
      assertThat(r.id()).as("Ollama has no response id").isEmpty();
      assertThat(r.usage()).isEqualTo(new Usage(34L, 27L, null, null, null));
      assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
      assertThat(r.rawFinishReason()).isEqualTo("stop");
      assertThat(r.metadata().requestId()).isEqualTo("req-7f3a");
      assertThat(r.metadata().providerCost()).as("local models report no cost").isNull();
    }

    @Test
    void thinkingIsReasoningAndToolCallsKeepOrderWithArgumentsAsJsonText() {
      ProviderResponse r = respond(Fixtures.read("chat-thinking-tools.json"));

      assertThat(r.message().text()).as("empty content is no text").isNull();
      assertThat(r.message().reasoning()).containsExactly(
          Reasoning.of("The user wants the weather in two cities, so I call get_weather twice."));
      assertThat(r.message().toolCalls()).hasSize(2);
      ToolCall paris = r.message().toolCalls().get(0);
      ToolCall tokyo = r.message().toolCalls().get(1);
      assertThat(paris.id()).isEqualTo("call_x1pq7aeb");
      assertThat(paris.name()).isEqualTo("get_weather");
      assertThat(json(paris.arguments())).isEqualTo(json("{\"city\": \"Paris\", \"unit\": \"celsius\"}"));
      assertThat(tokyo.id()).as("synthesized for an older server").isEqualTo("call_0");
      assertThat(json(tokyo.arguments())).isEqualTo(json("{\"city\": \"Tokyo\", \"unit\": \"celsius\", \"days\": 2}"));
      assertThat(r.finishReason()).as("a stop with tool calls").isEqualTo(FinishReason.TOOL_CALLS);
      assertThat(r.rawFinishReason()).isEqualTo("stop");
      assertThat(r.usage()).isEqualTo(new Usage(180L, 64L, null, null, null));
    }

    @Test
    void generatedIdsAreUniqueEvenAgainstTheServersOwn() {
      ProviderResponse r = respond("""
          {"model": "qwen3:8b", "message": {"role": "assistant", "content": "", "tool_calls": [
            {"function": {"name": "a", "arguments": {}}},
            {"id": "call_0", "function": {"name": "b", "arguments": {}}},
            {"id": "call_k", "function": {"name": "c", "arguments": {"x": [1, 2]}}},
            {"id": "call_k", "function": {"name": "d", "arguments": null}}]},
           "done": true, "done_reason": "stop"}
          """);

      assertThat(r.message().toolCalls()).containsExactly(
          new ToolCall("call_0", "a", "{}"),
          new ToolCall("call_1", "b", "{}"),
          new ToolCall("call_k", "c", "{\"x\":[1,2]}"),
          new ToolCall("call_2", "d", "{}"));
    }

    @Test
    void aMissingPromptCountIsUnknownNotZero() {
      ProviderResponse r = respond("""
          {"model": "llama3.2:3b", "message": {"role": "assistant", "content": "Hi."}, "done": true, "eval_count": 3}
          """);
      assertThat(r.usage()).isEqualTo(new Usage(null, 3L, null, null, null));
      assertThat(r.finishReason()).as("no done_reason from an older server").isEqualTo(FinishReason.STOP);
      assertThat(r.rawFinishReason()).isNull();
    }
  }

  @Nested
  class DoneReason {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"stop, STOP", "length, LENGTH", "load, OTHER", "unload, OTHER", "something_new, OTHER"})
    void isMappedAndKept(String raw, FinishReason expected) {
      ProviderResponse r = respond("{\"model\": \"llama3.2:3b\", \"message\": {\"role\": \"assistant\", \"content\": \"\"},"
          + " \"done\": true, \"done_reason\": \"" + raw + "\"}");
      assertThat(r.finishReason()).isEqualTo(expected);
      assertThat(r.rawFinishReason()).isEqualTo(raw);
    }
  }

  @Nested
  class Malformed {
    @Test
    void aBodyThatIsNotJsonIsAMalformedResponse() {
      LlmException e = catchThrowableOfType(LlmException.class, () -> respond("<html>proxy</html>"));
      assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(e.model()).contains("llama3.2:3b");
    }

    @Test
    void streamedLinesWhereOneAnswerWasAskedForAreNotTakenForTheFirstLine() {
      LlmException e = catchThrowableOfType(LlmException.class, () -> respond(Fixtures.read("stream-text.ndjson")));
      assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(e.getMessage()).contains("done");
    }
  }
}
