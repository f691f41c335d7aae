package dev.llmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.CallRecord;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.Cost;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.RateLimit;
import dev.llmkit.api.RateLimits;
import dev.llmkit.api.ResponseMetadata;
import dev.llmkit.api.Usage;
import dev.llmkit.core.fake.FakeProvider;
import dev.llmkit.core.fake.FakeProviderFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the provider read off the wire reaches the caller's response; what a failed stream used is kept. */
class ResponseMetadataTest {
  private static final RateLimits LIMITS = new RateLimits(
      new RateLimit(500L, 499L, Instant.parse("2026-11-30T10:00:01Z")),
      new RateLimit(30_000L, 29_000L, Instant.parse("2026-11-30T10:00:06Z")), RateLimit.UNKNOWN, RateLimit.UNKNOWN);
  private static final ResponseMetadata WIRE = ResponseMetadata.of("req_123", LIMITS, null, Cost.usd("0.00042"));

  private final FakeProviderFactory factory = new FakeProviderFactory();
  private final FakeProvider provider = factory.provider();
  private final Llm llm = Llms.builder().config(LlmConfig.of("fake/m"))
      .registry(PluginRegistry.of(List.of(factory), List.of())).build();
  private final ChatRequest hello = ChatRequest.of(Message.user("hello"));

  private static ChatResponse wireReply() {
    return FakeProvider.reply("ok", Usage.of(10, 5)).withMetadata(WIRE);
  }

  @Test
  void request_id_rate_limits_and_the_provider_cost_reach_complete_and_completeAsync() {
    provider.answer(r -> wireReply());

    for (ChatResponse r : List.of(llm.complete(hello), llm.completeAsync(hello).join())) {
      assertThat(r.metadata().requestId()).isEqualTo("req_123");
      assertThat(r.metadata().rateLimits()).isEqualTo(LIMITS);
      assertThat(r.metadata().providerCost()).isEqualTo(Cost.usd("0.00042"));
      assertThat(r.cost()).isEqualTo(Cost.usd("0.00042"));
    }
    assertThat(llm.metrics().snapshot().recentCalls()).extracting(CallRecord::cost)
        .containsOnly(Cost.usd("0.00042"));
  }

  @Test
  void the_final_event_of_a_stream_carries_the_same_metadata() {
    try (ChatStream stream = llm.stream(hello)) {
      Iterator<ChatEvent> it = stream.iterator();
      provider.lastStream.submit(new ChatEvent.TextDelta("ok"));
      provider.lastStream.submit(new ChatEvent.Completed(wireReply()));
      provider.lastStream.close();
      ChatResponse last = null;
      while (it.hasNext()) {
        if (it.next() instanceof ChatEvent.Completed c) {
          last = c.response();
        }
      }
      assertThat(last).isNotNull();
      assertThat(last.metadata().requestId()).isEqualTo("req_123");
      assertThat(last.metadata().rateLimits().tokens().remaining()).isEqualTo(29_000L);
      assertThat(last.cost()).isEqualTo(Cost.usd("0.00042"));
    }
  }

  @Test
  void a_stream_that_fails_midway_keeps_its_partial_answer_and_its_tokens_are_accounted() {
    ChatResponse partial = new ChatResponse("resp-1", "fake", "fake-model", AssistantMessage.of("Once upon"),
        FinishReason.ERROR, null, Usage.of(12, 3), null, Duration.ZERO);
    try (ChatStream stream = llm.stream(hello)) {
      Iterator<ChatEvent> it = stream.iterator();
      provider.lastStream.submit(new ChatEvent.TextDelta("Once upon"));
      provider.lastStream.closeExceptionally(LlmException.builder(ErrorKind.OVERLOADED, "Overloaded")
          .httpStatus(200).midStream(true).partialResponse(partial).build());

      assertThat(it.next()).isEqualTo(new ChatEvent.TextDelta("Once upon"));
      assertThatThrownBy(it::hasNext).isInstanceOfSatisfying(LlmException.class, e -> {
        assertThat(e.httpStatus()).hasValue(200);
        assertThat(e.partialResponse()).map(ChatResponse::text).contains("Once upon");
        assertThat(e.model()).contains("m");
      });
    }
    CallRecord record = llm.metrics().snapshot().recentCalls().get(0);
    assertThat(record.error()).isEqualTo(ErrorKind.OVERLOADED);
    assertThat(record.usage()).isEqualTo(Usage.of(12, 3));
  }
}
