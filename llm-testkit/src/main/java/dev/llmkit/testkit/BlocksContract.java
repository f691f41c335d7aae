package dev.llmkit.testkit;

import static dev.llmkit.testkit.ProviderContractTest.WEATHER_TOOL;
import static dev.llmkit.testkit.ProviderContractTest.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmkit.api.AssistantBlock;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.Message;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.ToolCall;
import dev.llmkit.spi.ProviderDescriptor.Capability;
import dev.llmkit.spi.support.ResponseAssembler;
import dev.llmkit.testkit.mock.MockReply;
import dev.llmkit.testkit.mock.WireFeature;
import dev.llmkit.testkit.mock.WireView;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An assistant turn's blocks: a response with reasoning, text and a tool call is read in that order, its
 * stream events build the same blocks, and replayed as the next turn's history it arrives back in order
 * (reasoning included where the wire signs it, as a signed block must go back). Runs for providers that
 * declare {@code REASONING} and {@code TOOLS} and whose wire carries reasoning text.
 */
interface BlocksContract extends ContractPart {

  /** The reply every test scripts: reasoning, then text, then a call. */
  private MockReply reasoningTextAndCall() {
    return MockReply.toolCall("get_weather", "{\"city\":\"Paris\"}")
        .withText("Let me check.")
        .withReasoning("Paris needs a lookup.", "sig-contract");
  }

  private void requireReasoningWithTools() {
    requireCapability(Capability.REASONING);
    requireCapability(Capability.TOOLS);
    assumeTrue(wireHas(WireFeature.REASONING_TEXT), dialect().name() + " returns no reasoning text");
  }

  private static List<String> kinds(AssistantMessage message) {
    return message.blocks().stream().map(BlocksContract::kind).toList();
  }

  private static String kind(AssistantBlock block) {
    return block instanceof Reasoning ? "reasoning" : block instanceof AssistantBlock.Text ? "text"
        : block instanceof ToolCall ? "call" : "other";
  }

  @Test
  default void aTurnWithReasoningTextAndACallIsReadInOrder() {
    requireReasoningWithTools();
    server().reply(reasoningTextAndCall());

    ChatResponse response = complete(ChatRequest.builder().tool(WEATHER_TOOL).user("Weather in Paris?").build());

    assertThat(kinds(response.message())).containsExactly("reasoning", "text", "call");
    assertThat(response.text()).isEqualTo("Let me check.");
    assertThat(response.message().reasoningText()).isEqualTo("Paris needs a lookup.");
  }

  @Test
  default void replayedAsTheNextTurnItArrivesBackInOrder() {
    requireReasoningWithTools();
    server().reply(reasoningTextAndCall());
    ChatRequest first = ChatRequest.builder().tool(WEATHER_TOOL).user("Weather in Paris?").build();
    ChatResponse response = complete(first);

    server().reply(MockReply.text("Sunny."));
    complete(ChatRequest.builder().tool(WEATHER_TOOL).user("Weather in Paris?").message(response.message())
        .message(Message.toolResult(response.toolCalls().get(0), "18C")).build());

    WireView.Turn replayed = sent().turns().stream().filter(t -> t.role().equals("assistant")).findFirst().orElseThrow();
    if (wireHas(WireFeature.REASONING_SIGNATURE)) {
      assertThat(replayed.blocks()).as("a signed turn goes back whole").containsExactly("reasoning", "text", "call");
    } else {
      assertThat(replayed.blocks()).as("reasoning goes back only where the server takes it")
          .isIn(List.of("reasoning", "text", "call"), List.of("text", "call"));
    }
    assertThat(replayed.text()).isEqualTo("Let me check.");
    assertThat(replayed.calls()).extracting(WireView.Call::name).containsExactly("get_weather");
  }

  @Test
  default void streamEventsCarryBlockIndexesThatBuildTheFinalBlocks() {
    requireReasoningWithTools();
    requireCapability(Capability.STREAMING);
    server().reply(reasoningTextAndCall().inChunks(3));

    List<ChatEvent> events = events(llm().stream(ChatRequest.builder().tool(WEATHER_TOOL).user("Weather?").build()));

    ChatResponse done = ((ChatEvent.Completed) events.get(events.size() - 1)).response();
    assertThat(kinds(done.message())).containsExactly("reasoning", "text", "call");
    assertThat(events).filteredOn(e -> e instanceof ChatEvent.TextDelta)
        .allSatisfy(e -> assertThat(((ChatEvent.TextDelta) e).blockIndex()).isEqualTo(1));
    ResponseAssembler rebuilt = new ResponseAssembler();
    events.forEach(rebuilt::accept);
    assertThat(rebuilt.build(providerId(), model(), FinishReason.STOP, null).message().blocks())
        .isEqualTo(done.message().blocks());
  }
}
