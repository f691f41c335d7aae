package dev.llmkit.testkit;

import static dev.llmkit.testkit.ProviderContractTest.WEATHER_TOOL;
import static dev.llmkit.testkit.ProviderContractTest.weatherQuestion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.Message;
import dev.llmkit.api.ToolCall;
import dev.llmkit.spi.ProviderDescriptor.Capability;
import dev.llmkit.testkit.mock.MockReply;
import dev.llmkit.testkit.mock.MockToolCall;
import dev.llmkit.testkit.mock.WireView;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tools: calls parsed with id, name and arguments, text next to calls, parallel calls, and the round
 * trip of a call and its result back to the wire.
 */
interface ToolsContract extends ContractPart {
  @BeforeEach
  default void requireTools() {
    requireCapability(Capability.TOOLS);
  }

  @Test
  default void aToolCallIsParsedWithItsIdNameAndJsonArguments() {
    MockToolCall call = MockToolCall.of("get_weather", "{\"city\":\"Paris\"}");
    server().reply(MockReply.toolCalls(call));

    ChatResponse response = complete(weatherQuestion());

    assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertCallIds(response.toolCalls(), call);
    ToolCall parsed = response.toolCalls().get(0);
    assertThat(parsed.name()).isEqualTo("get_weather");
    assertThat(json(parsed.arguments())).isEqualTo(json("{\"city\":\"Paris\"}"));
    assertThat(sent().toolNames()).containsExactly("get_weather");
  }

  @Test
  default void textBeforeAToolCallIsKept() {
    server().reply(MockReply.toolCall("get_weather", "{\"city\":\"Oslo\"}").withText("Let me check."));

    ChatResponse response = complete(weatherQuestion());

    assertThat(response.text()).isEqualTo("Let me check.");
    assertThat(response.toolCalls()).extracting(ToolCall::name).containsExactly("get_weather");
  }

  @Test
  default void parallelToolCallsAreAllParsedInOrder() {
    requireCapability(Capability.PARALLEL_TOOL_CALLS);
    MockToolCall paris = MockToolCall.of("get_weather", "{\"city\":\"Paris\"}");
    MockToolCall rome = MockToolCall.of("get_weather", "{\"city\":\"Rome\"}");
    server().reply(MockReply.toolCalls(paris, rome));

    ChatResponse response = complete(weatherQuestion());

    assertCallIds(response.toolCalls(), paris, rome);
    assertThat(json(response.toolCalls().get(1).arguments())).isEqualTo(json("{\"city\":\"Rome\"}"));
  }

  @Test
  default void aToolResultRoundTripSendsTheCallAndTheResultBack() {
    MockToolCall call = MockToolCall.of("get_weather", "{\"city\":\"Paris\"}");
    server().reply(MockReply.toolCalls(call), MockReply.text("It is 21 C and sunny in Paris."));

    ChatResponse first = complete(weatherQuestion());
    ToolCall parsed = first.toolCalls().get(0);
    ChatRequest followUp = weatherQuestion().toBuilder()
        .message(first.message())
        .message(Message.toolResult(parsed, "{\"temp_c\":21,\"sky\":\"sunny\"}"))
        .build();
    ChatResponse second = complete(followUp);

    assertThat(second.text()).isEqualTo("It is 21 C and sunny in Paris.");
    assertThat(second.finishReason()).isEqualTo(FinishReason.STOP);
    WireView wire = sent();
    assertThat(wire.problems()).as("what the real API would refuse").isEmpty();
    assertThat(wire.turns()).hasSizeGreaterThanOrEqualTo(3);
    WireView.Turn assistant = wire.turns().get(1);
    assertThat(assistant.role()).isEqualTo("assistant");
    assertThat(assistant.calls()).singleElement().satisfies(sentCall -> {
      assertThat(sentCall.id()).isEqualTo(wireRef(call));
      assertThat(sentCall.name()).isEqualTo("get_weather");
      assertThat(json(sentCall.arguments())).isEqualTo(json("{\"city\":\"Paris\"}"));
    });
    assertThat(wire.results()).singleElement().satisfies(result -> {
      assertThat(result.callId()).isEqualTo(wireRef(call));
      assertThat(json(result.content())).isEqualTo(json("{\"temp_c\":21,\"sky\":\"sunny\"}"));
    });
  }

  @Test
  default void anAssistantTurnWithOnlyToolCallsIsAcceptedInHistory() {
    server().reply(MockReply.text("done"));
    MockToolCall earlier = new MockToolCall("get_weather", "{\"city\":\"Lima\"}", "hist1");
    ToolCall call = new ToolCall(dialect().toolCallId(earlier).orElse("hist1"), "get_weather", earlier.arguments());

    complete(ChatRequest.builder()
        .tool(WEATHER_TOOL)
        .user("Weather in Lima?")
        .message(AssistantMessage.ofToolCalls(List.of(call)))
        .message(Message.toolResult(call, "cloudy"))
        .build());

    assertThat(sent().problems()).as("what the real API would refuse").isEmpty();
    assertThat(sent().results()).extracting(WireView.Result::callId).containsExactly(wireRef(earlier));
  }
}
