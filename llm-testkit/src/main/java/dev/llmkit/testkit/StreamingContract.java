package dev.llmkit.testkit;

import static dev.llmkit.testkit.ProviderContractTest.collect;
import static dev.llmkit.testkit.ProviderContractTest.events;
import static dev.llmkit.testkit.ProviderContractTest.hi;
import static dev.llmkit.testkit.ProviderContractTest.weatherQuestion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.RateLimitException;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.Usage;
import dev.llmkit.spi.ProviderDescriptor.Capability;
import dev.llmkit.testkit.mock.MockReply;
import dev.llmkit.testkit.mock.MockToolCall;
import dev.llmkit.testkit.mock.WireFeature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Streaming: laziness, event order, equality with the non-streamed answer, reasoning, and how a stream fails. */
interface StreamingContract extends ContractPart {
  @BeforeEach
  default void requireStreaming() {
    requireCapability(Capability.STREAMING);
  }

  @Test
  default void nothingIsSentUntilTheStreamIsConsumed() {
    server().reply(MockReply.text("lazy"));

    try (ChatStream stream = llm().stream(hi())) {
      assertThat(server().requests()).isEmpty();
      assertThat(collect(stream).text()).isEqualTo("lazy");
    }
    assertThat(server().lastRequest().isStream()).isTrue();
    assertThat(sent().problems()).as("what the real API would refuse").isEmpty();
  }

  @Test
  default void eventsArriveInOrderAndEndWithCompleted() {
    server().reply(MockReply.text("The quick brown fox jumps").inChunks(5));

    List<ChatEvent> events = events(llm().stream(hi()));

    assertThat(events).isNotEmpty();
    assertThat(events.get(events.size() - 1)).isInstanceOf(ChatEvent.Completed.class);
    assertThat(events.stream().filter(e -> e instanceof ChatEvent.Completed)).hasSize(1);
    StringBuilder text = new StringBuilder();
    int deltas = 0;
    for (ChatEvent e : events) {
      if (e instanceof ChatEvent.TextDelta t) {
        text.append(t.text());
        deltas++;
      }
    }
    assertThat(deltas).as("the text arrives in pieces").isGreaterThan(1);
    ChatResponse done = ((ChatEvent.Completed) events.get(events.size() - 1)).response();
    assertThat(text).hasToString("The quick brown fox jumps");
    assertThat(done.text()).isEqualTo("The quick brown fox jumps");
    assertThat(done.finishReason()).isEqualTo(FinishReason.STOP);
  }

  @Test
  default void aStreamedReplyEqualsTheNonStreamedOne() {
    MockReply reply = MockReply.text("Same either way").withUsage(new Usage(40L, 6L, 0L, 0L, 0L)).inChunks(4);
    server().reply(reply, reply);

    ChatResponse plain = complete(hi());
    ChatResponse streamed = collect(llm().stream(hi()));

    assertSameResponse(streamed, plain);
    assertThat(streamed.usage().inputTokens()).isEqualTo(40L);
    assertThat(streamed.usage().outputTokens()).isEqualTo(6L);
  }

  @Test
  default void aStreamedToolCallEqualsTheNonStreamedOne() {
    requireCapability(Capability.TOOLS);
    MockToolCall call = MockToolCall.of("get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}");
    MockReply reply = MockReply.toolCalls(call).inChunks(4);
    server().reply(reply, reply);

    ChatResponse plain = complete(weatherQuestion());
    List<ChatEvent> events = events(llm().stream(weatherQuestion()));
    ChatResponse streamed = ((ChatEvent.Completed) events.get(events.size() - 1)).response();

    assertSameResponse(streamed, plain);
    assertCallIds(streamed.toolCalls(), call);
    assertCallIds(plain.toolCalls(), call);
    assertThat(streamed.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    StringBuilder args = new StringBuilder();
    events.stream().filter(e -> e instanceof ChatEvent.ToolCallDelta)
        .forEach(e -> args.append(((ChatEvent.ToolCallDelta) e).argumentsFragment()));
    assertThat(json(args.toString())).isEqualTo(json("{\"city\":\"Paris\",\"unit\":\"celsius\"}"));
  }

  @Test
  default void reasoningDeltasCarryTheThinkingAndItsSignature() {
    requireCapability(Capability.REASONING);
    assumeTrue(wireHas(WireFeature.REASONING_TEXT), dialect().name() + " returns no reasoning text");
    server().reply(MockReply.text("42").withReasoning("Six times seven.", "sig-contract").inChunks(3));

    List<ChatEvent> events = events(llm().stream(hi()));

    StringBuilder thinking = new StringBuilder();
    List<String> signatures = new ArrayList<>();
    for (ChatEvent e : events) {
      if (e instanceof ChatEvent.ReasoningDelta r) {
        thinking.append(r.text());
        if (r.signature() != null) {
          signatures.add(r.signature());
        }
      }
    }
    assertThat(thinking).hasToString("Six times seven.");
    ChatResponse done = ((ChatEvent.Completed) events.get(events.size() - 1)).response();
    assertThat(done.message().reasoning()).hasSize(1);
    assertThat(done.message().reasoning().get(0).text()).isEqualTo("Six times seven.");
    if (wireHas(WireFeature.REASONING_SIGNATURE)) {
      assertThat(String.join("", signatures)).isEqualTo("sig-contract");
      assertThat(done.message().reasoning().get(0).signature()).isEqualTo("sig-contract");
    }
    assertThat(done.text()).isEqualTo("42");
  }

  @Test
  default void anInBandErrorFailsTheStreamWithAMidStreamException() {
    server().reply(MockReply.text("one two three four").inChunks(4).midStreamError());

    LlmException error = catchThrowableOfType(LlmException.class, () -> collect(llm().stream(hi())));

    assertThat(error).as("an in-band error must fail the stream").isNotNull();
    assertThat(error.midStream()).isTrue();
    assertThat(error.retryable()).isTrue();
    assertThat(error.provider()).contains(providerId());
  }

  @Test
  default void aTruncatedStreamFailsInsteadOfLookingLikeASuccess() {
    server().reply(MockReply.text("one two three four").inChunks(4).truncated());

    assertThatThrownBy(() -> collect(llm().stream(hi()))).isInstanceOf(LlmException.class);
  }

  @Test
  default void anErrorStatusOnAStreamIsRaisedAsTheTypedException() {
    server().reply(MockReply.rateLimited(Duration.ofSeconds(7)));

    RateLimitException error = catchThrowableOfType(RateLimitException.class, () -> collect(llm().stream(hi())));

    assertThat(error).isNotNull();
    assertThat(error.httpStatus()).hasValue(429);
    if (wireHas(WireFeature.RETRY_AFTER)) {
      assertThat(error.retryAfter()).contains(Duration.ofSeconds(7));
    }
    assertThat(error.midStream()).isFalse();
  }

  /** The same answer; ids only where the wire carries them (a provider makes up the others). */
  private void assertSameResponse(ChatResponse streamed, ChatResponse plain) {
    if (wireHas(WireFeature.RESPONSE_ID)) {
      assertThat(streamed.id()).isEqualTo(plain.id());
    }
    assertThat(streamed.text()).isEqualTo(plain.text());
    assertThat(streamed.finishReason()).isEqualTo(plain.finishReason());
    assertThat(streamed.rawFinishReason()).isEqualTo(plain.rawFinishReason());
    assertThat(streamed.usage()).isEqualTo(plain.usage());
    assertThat(streamed.toolCalls()).hasSameSizeAs(plain.toolCalls());
    for (int i = 0; i < plain.toolCalls().size(); i++) {
      ToolCall s = streamed.toolCalls().get(i);
      ToolCall p = plain.toolCalls().get(i);
      assertThat(s.name()).isEqualTo(p.name());
      assertThat(json(s.arguments())).isEqualTo(json(p.arguments()));
    }
  }
}
