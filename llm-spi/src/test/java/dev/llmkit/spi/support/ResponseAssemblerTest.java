package dev.llmkit.spi.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.AssistantBlock;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.Cost;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.RateLimit;
import dev.llmkit.api.RateLimits;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.ResponseMetadata;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.Usage;
import dev.llmkit.spi.ProviderResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResponseAssemblerTest {
  private final ResponseAssembler assembler = new ResponseAssembler();

  private ChatResponse build() {
    return assembler.build("openai", "gpt-4o", FinishReason.STOP, "stop");
  }

  @Nested
  class Text {

    @Test
    void joinsTextFragmentsAndReturnsEachAsAnEvent() {
      assertThat(assembler.text("Hel")).isEqualTo(new ChatEvent.TextDelta("Hel", 0));
      assertThat(assembler.text("lo")).isEqualTo(new ChatEvent.TextDelta("lo", 0));

      assertThat(build().text()).isEqualTo("Hello");
      assertThat(build().message().text()).isEqualTo("Hello");
    }

    @Test
    void noTextMeansANullTextNotAnEmptyOne() {
      assembler.toolCall(0, "call_1", "f", "{}");

      assertThat(build().message().text()).isNull();
      assertThat(build().text()).isEmpty();
    }

    @Test
    void anEmptyFragmentStillMeansTheModelAnsweredWithText() {
      assembler.text("");

      assertThat(build().message().text()).isEqualTo("");
    }
  }

  @Nested
  class ReasoningBlocks {

    @Test
    void collectsTextAndSignatureFragmentsPerBlock() {
      assertThat(assembler.reasoning(0, "Let me ")).isEqualTo(new ChatEvent.ReasoningDelta("Let me ", null, 0));
      assembler.reasoning(0, "think.");
      assertThat(assembler.reasoningSignature(0, "EqQB")).isEqualTo(new ChatEvent.ReasoningDelta("", "EqQB", 0));
      assembler.reasoningSignature(0, "CkYI");

      assertThat(build().message().reasoning()).containsExactly(new Reasoning("Let me think.", "EqQBCkYI", null));
      assertThat(build().message().reasoningText()).isEqualTo("Let me think.");
    }

    @Test
    void keepsBlocksInIndexOrderWhateverTheArrivalOrder() {
      assembler.reasoning(2, "third");
      assembler.redactedReasoning(1, "opaque-data");
      assembler.reasoning(0, "first");
      assembler.reasoningSignature(2, "sig-2");
      assembler.reasoningSignature(0, "sig-0");

      assertThat(build().message().reasoning()).containsExactly(
          new Reasoning("first", "sig-0", null),
          Reasoning.redacted("opaque-data"),
          new Reasoning("third", "sig-2", null));
      assertThat(build().message().reasoning().get(1).isRedacted()).isTrue();
    }

    @Test
    void aSignatureMayArriveBeforeAnyText() {
      assembler.reasoningSignature(0, "sig");
      assembler.reasoning(0, "text");

      assertThat(build().message().reasoning()).containsExactly(new Reasoning("text", "sig", null));
    }

    @Test
    void noReasoningMeansNoBlocks() {
      assembler.text("hi");

      assertThat(build().message().reasoning()).isEmpty();
    }
  }

  @Nested
  class ToolCalls {

    @Test
    void joinsArgumentFragmentsByIndex() {
      assertThat(assembler.toolCall(0, "call_a", "lookup", ""))
          .isEqualTo(new ChatEvent.ToolCallDelta(0, "call_a", "lookup", "", 0));
      assembler.toolCall(1, "call_b", "weather", "{\"city\":");
      assembler.toolCall(0, null, null, "{\"sku\":");
      assembler.toolCall(1, null, null, "\"Paris\"}");
      assembler.toolCall(0, null, null, "\"A-17\"}");

      assertThat(build().toolCalls()).containsExactly(
          new ToolCall("call_a", "lookup", "{\"sku\":\"A-17\"}"),
          new ToolCall("call_b", "weather", "{\"city\":\"Paris\"}"));
    }

    @Test
    void ordersCallsByIndex() {
      assembler.toolCall(3, "c3", "f", "{}");
      assembler.toolCall(1, "c1", "g", "{}");

      assertThat(build().toolCalls()).extracting(ToolCall::id).containsExactly("c1", "c3");
    }

    @Test
    void aCallWithoutAnIdGetsASyntheticOne() {
      assembler.toolCall(0, null, "lookup", "{}");
      assembler.toolCall(4, "", "lookup", "{}");

      assertThat(build().toolCalls()).extracting(ToolCall::id).containsExactly("call_0", "call_4");
    }

    @Test
    void aLaterIdReplacesButTheFirstNameStays() {
      assembler.toolCall(0, "first", "lookup", "");
      assembler.toolCall(0, "second", "other", "");
      assembler.toolCall(0, null, "", "");

      assertThat(build().toolCalls()).containsExactly(new ToolCall("second", "lookup", "{}"));
    }

    @Test
    void noArgumentsMeansAnEmptyObjectAndNoNameMeansEmpty() {
      assembler.toolCall(0, "c", null, "");

      assertThat(build().toolCalls()).containsExactly(new ToolCall("c", "", "{}"));
    }

    @Test
    void eachCallKeepsItsOwnProviderMetadata() {
      assembler.toolCall(0, "c0", "lookup", "{}");
      assembler.toolCallMetadata(0, "gemini.thoughtSignature", "sig-0");
      assembler.toolCall(1, "c1", "lookup", "{}");
      assembler.toolCallMetadata(2, "gemini.thoughtSignature", "early");
      assembler.toolCall(2, "c2", "lookup", "{}");
      assembler.toolCallMetadata(2, "gemini.thoughtSignature", "sig-2");

      assertThat(build().toolCalls()).containsExactly(
          new ToolCall("c0", "lookup", "{}", Map.of("gemini.thoughtSignature", "sig-0")),
          new ToolCall("c1", "lookup", "{}"),
          new ToolCall("c2", "lookup", "{}", Map.of("gemini.thoughtSignature", "sig-2")));
      assertThat(assembler.partial("gemini", "m").toolCalls().get(0).providerMetadata())
          .containsEntry("gemini.thoughtSignature", "sig-0");
    }

    @Test
    void hasToolCallsReportsWhetherAnyArrived() {
      assertThat(assembler.hasToolCalls()).isFalse();
      assembler.toolCall(0, "c", "f", "");
      assertThat(assembler.hasToolCalls()).isTrue();
    }
  }

  @Nested
  class FinishReasons {

    @Test
    void aStopWithToolCallsIsReportedAsToolCalls() {
      assembler.toolCall(0, "c", "f", "{}");

      ChatResponse r = assembler.build("gemini", "gemini-2.5-pro", FinishReason.STOP, "STOP");

      assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
      assertThat(r.rawFinishReason()).isEqualTo("STOP");
      assertThat(r.hasToolCalls()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = FinishReason.class, names = "STOP", mode = EnumSource.Mode.EXCLUDE)
    void anyOtherReasonWithToolCallsIsKept(FinishReason reason) {
      assembler.toolCall(0, "c", "f", "{}");

      assertThat(assembler.build("p", "m", reason, "raw").finishReason()).isEqualTo(reason);
    }

    @Test
    void aStopWithoutToolCallsStaysStop() {
      assembler.text("done");

      assertThat(build().finishReason()).isEqualTo(FinishReason.STOP);
    }
  }

  @Nested
  class UsageAndIdentity {

    @Test
    void laterCountsReplaceEarlierOnesAndEachEventCarriesTheTotalSoFar() {
      assertThat(assembler.usage(new Usage(100L, 1L, 80L, null, null)))
          .isEqualTo(new ChatEvent.UsageUpdate(new Usage(100L, 1L, 80L, null, null)));
      assertThat(assembler.usage(new Usage(null, 42L, null, 5L, null)))
          .isEqualTo(new ChatEvent.UsageUpdate(new Usage(100L, 42L, 80L, 5L, null)));

      assertThat(assembler.currentUsage()).isEqualTo(new Usage(100L, 42L, 80L, 5L, null));
      assertThat(build().usage()).isEqualTo(new Usage(100L, 42L, 80L, 5L, null));
    }

    @Test
    void withoutUsageTheResponseSaysUnknown() {
      assertThat(build().usage()).isEqualTo(Usage.UNKNOWN);
    }

    @Test
    void usesTheReportedIdAndModelWhenGiven() {
      assembler.id("chatcmpl-1");
      assembler.model("gpt-4o-2024-08-06");
      assembler.id("");
      assembler.model(null);

      ChatResponse r = build();

      assertThat(r.id()).isEqualTo("chatcmpl-1");
      assertThat(r.model()).isEqualTo("gpt-4o-2024-08-06");
    }

    @Test
    void fallsBackToAnEmptyIdAndTheRequestedModel() {
      ChatResponse r = build();

      assertThat(r.id()).isEmpty();
      assertThat(r.model()).isEqualTo("gpt-4o");
      assertThat(r.provider()).isEqualTo("openai");
    }

    @Test
    void leavesLatencyAndCostToTheEngine() {
      ChatResponse r = build();

      assertThat(r.latency()).isEqualTo(Duration.ZERO);
      assertThat(r.cost()).isNull();
    }
  }

  @Nested
  class MetadataAndPartial {
    private final ResponseMetadata fromHeaders = ResponseMetadata.of("req_1",
        new RateLimits(new RateLimit(50L, 49L, null), RateLimit.UNKNOWN, RateLimit.UNKNOWN, RateLimit.UNKNOWN),
        null, Cost.usd("0.5"));

    @Test
    void theResponseCarriesTheHeadersMetadata() {
      assembler.metadata(fromHeaders);

      assertThat(build().metadata()).isEqualTo(fromHeaders);
    }

    @Test
    void withoutHeadersThereIsNoMetadata() {
      assertThat(build().metadata()).isEqualTo(ResponseMetadata.NONE);
    }

    @Test
    void aCostFromTheBodyWinsOverTheHeadersWhicheverCameFirst() {
      assembler.providerCost(Cost.usd("0.0012"));
      assembler.metadata(fromHeaders);
      assembler.providerCost(null);

      assertThat(build().metadata().providerCost()).isEqualTo(Cost.usd("0.0012"));
      assertThat(build().metadata().requestId()).isEqualTo("req_1");
    }

    @Test
    void buildResponseIsTheWirePartWithoutProvider() {
      assembler.id("msg_1");
      assembler.text("hi");
      assembler.usage(Usage.of(3, 1));
      assembler.metadata(fromHeaders);

      ProviderResponse r = assembler.buildResponse("claude", FinishReason.LENGTH, "max_tokens");

      assertThat(r).isEqualTo(new ProviderResponse("msg_1", "claude", AssistantMessage.of("hi"),
          FinishReason.LENGTH, "max_tokens", Usage.of(3, 1), fromHeaders));
      assertThat(assembler.build("anthropic", "claude", FinishReason.LENGTH, "max_tokens"))
          .isEqualTo(r.toChatResponse("anthropic"));
    }

    @Test
    void keepsTheLastRawFinishReason() {
      assertThat(assembler.rawFinishReason()).isNull();
      assembler.finishReason("tool_calls");
      assembler.finishReason(null);
      assembler.finishReason("");
      assertThat(assembler.rawFinishReason()).isEqualTo("tool_calls");
      assembler.finishReason("stop");
      assertThat(assembler.rawFinishReason()).isEqualTo("stop");
    }

    @Test
    void thePartialResponseIsWhatArrivedMarkedAsAnError() {
      assembler.metadata(fromHeaders);
      assembler.text("Par");
      assembler.toolCall(0, "call_1", "lookup", "{\"sku\":");
      assembler.usage(Usage.of(40, 7));
      assembler.finishReason("tool_calls");

      ChatResponse partial = assembler.partial("openai", "gpt-4o");

      assertThat(partial.text()).isEqualTo("Par");
      assertThat(partial.toolCalls()).containsExactly(new ToolCall("call_1", "lookup", "{\"sku\":"));
      assertThat(partial.usage()).isEqualTo(Usage.of(40, 7));
      assertThat(partial.finishReason()).isEqualTo(FinishReason.ERROR);
      assertThat(partial.rawFinishReason()).isEqualTo("tool_calls");
      assertThat(partial.metadata()).isEqualTo(fromHeaders);
      assertThat(partial.provider()).isEqualTo("openai");
    }

    @Test
    void aPartialResponseBeforeAnythingArrivedIsEmpty() {
      ChatResponse partial = assembler.partial("p", "m");

      assertThat(partial.message().text()).isNull();
      assertThat(partial.toolCalls()).isEmpty();
      assertThat(partial.usage()).isEqualTo(Usage.UNKNOWN);
      assertThat(partial.rawFinishReason()).isNull();
    }
  }

  @Nested
  class Blocks {

    @Test
    void keepsInterleavedBlocksInTheirIndexOrder() {
      assembler.reasoning(0, "first ");
      assembler.reasoningSignature(0, "s1");
      assembler.toolCall(1, 0, "t1", "a", "{}");
      assembler.reasoning(2, "second");
      assembler.redactedReasoning(3, "opaque==");
      assembler.whole(4, new AssistantBlock.Opaque("anthropic", "server_tool_use", "{\"type\":\"server_tool_use\"}"));
      assembler.text(5, "done");

      assertThat(build().message().blocks()).containsExactly(
          new Reasoning("first ", "s1", null),
          new ToolCall("t1", "a", "{}"),
          Reasoning.of("second"),
          Reasoning.redacted("opaque=="),
          new AssistantBlock.Opaque("anthropic", "server_tool_use", "{\"type\":\"server_tool_use\"}"),
          AssistantBlock.text("done"));
      assertThat(build().text()).isEqualTo("done");
    }

    @Test
    void withoutIndexesAChangeOfKindOpensTheNextBlock() {
      assertThat(assembler.reasoning("think ").blockIndex()).isZero();
      assertThat(assembler.reasoning("more").blockIndex()).isZero();
      assertThat(assembler.text("Hi").blockIndex()).isEqualTo(1);
      assertThat(assembler.toolCall(0, "c", "f", "{").blockIndex()).isEqualTo(2);
      assertThat(assembler.text(" again").blockIndex()).isEqualTo(3);
      assertThat(assembler.toolCall(0, null, null, "}").blockIndex()).isEqualTo(2);

      assertThat(build().message().blocks()).containsExactly(
          Reasoning.of("think more"), AssistantBlock.text("Hi"), new ToolCall("c", "f", "{}"), AssistantBlock.text(" again"));
    }

    @Test
    void textMetadataLandsOnTheCurrentTextBlock() {
      assembler.text("Answer");
      assembler.textMetadata("gemini.thoughtSignature", "sig");

      assertThat(build().message().blocks())
          .containsExactly(new AssistantBlock.Text("Answer", Map.of("gemini.thoughtSignature", "sig")));
    }

    @Test
    void eventsRebuildEveryBlockInOrder() {
      ResponseAssembler source = new ResponseAssembler();
      ResponseAssembler replay = new ResponseAssembler();
      replay.accept(source.reasoning(0, "a"));
      replay.accept(source.reasoningSignature(0, "s"));
      replay.accept(source.whole(1, new AssistantBlock.Opaque("p", "x", "{}")));
      replay.accept(source.redactedReasoning(2, "r"));
      replay.accept(source.toolCall(3, 0, "c", "f", "{}"));
      replay.accept(source.text(4, "t"));

      assertThat(replay.build("p", "m", FinishReason.STOP, "stop").message())
          .isEqualTo(source.build("p", "m", FinishReason.STOP, "stop").message());
    }
  }

  @Nested
  class AcceptingEvents {

    @Test
    void rebuildsTheSameResponseFromTheEventsItEmitted() {
      ResponseAssembler source = new ResponseAssembler();
      ResponseAssembler replay = new ResponseAssembler();
      replay.accept(source.reasoning(0, "hmm "));
      replay.accept(source.reasoning(0, "ok"));
      replay.accept(source.reasoningSignature(0, "sig"));
      replay.accept(source.text("Hello "));
      replay.accept(source.text("there"));
      replay.accept(source.toolCall(0, "call_1", "lookup", "{\"a\""));
      replay.accept(source.toolCall(0, null, null, ":1}"));
      replay.accept(source.usage(Usage.of(10, 5)));

      ChatResponse expected = source.build("p", "m", FinishReason.STOP, "stop");
      ChatResponse rebuilt = replay.build("p", "m", FinishReason.STOP, "stop");

      assertThat(rebuilt).isEqualTo(expected);
      assertThat(rebuilt.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
      assertThat(rebuilt.message().reasoning()).containsExactly(new Reasoning("hmm ok", "sig", null));
    }

    @Test
    void aReasoningDeltaWithTextAndSignatureRecordsBoth() {
      assembler.accept(new ChatEvent.ReasoningDelta("thought", "sig"));

      assertThat(build().message().reasoning()).containsExactly(new Reasoning("thought", "sig", null));
    }

    @Test
    void anEmptyReasoningDeltaRecordsNoBlock() {
      assembler.accept(new ChatEvent.ReasoningDelta("", null));

      assertThat(build().message().reasoning()).isEmpty();
    }

    @Test
    void ignoresCompletedEvents() {
      assembler.text("a");
      ChatResponse first = build();

      assembler.accept(new ChatEvent.Completed(first));

      assertThat(build()).isEqualTo(first);
    }
  }
}
