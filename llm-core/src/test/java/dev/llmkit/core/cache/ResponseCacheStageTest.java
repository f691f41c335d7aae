package dev.llmkit.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.CallAttributes;
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
import dev.llmkit.api.MetricsSnapshot;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.Usage;
import dev.llmkit.core.LlmCall;
import dev.llmkit.core.LlmInterceptor;
import dev.llmkit.core.Llms;
import dev.llmkit.core.PluginRegistry;
import dev.llmkit.core.fake.FakeProvider;
import dev.llmkit.core.fake.FakeProviderFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The response cache through a real pipeline ({@code Llms.builder()}) and the fake provider, on all three call shapes. */
class ResponseCacheStageTest {
  private final FakeProviderFactory factory = new FakeProviderFactory();
  private final FakeProvider provider = factory.provider();
  private final MetricRegistry registry = new MetricRegistry();
  private final ChatRequest hello = ChatRequest.of(Message.user("hello"));

  private Llm llm(ResponseCache cache, LlmInterceptor... interceptors) {
    Llms.Builder builder = Llms.builder()
        .config(LlmConfig.builder().model("fake/m").numRetries(0)
            .inputCostPerToken(new BigDecimal("0.001")).outputCostPerToken(new BigDecimal("0.002")).build())
        .registry(PluginRegistry.of(List.of(factory), List.of()))
        .metricRegistry(registry)
        .responseCache(cache);
    for (LlmInterceptor i : interceptors) {
      builder.interceptor(i);
    }
    return builder.build();
  }

  private long hits() {
    return registry.counter("llm.fake.m.cache.hits").getCount();
  }

  private long misses() {
    return registry.counter("llm.fake.m.cache.misses").getCount();
  }

  private static Optional<Boolean> cacheHit(ChatResponse response) {
    return response.metadata().attributes().get(CallAttributes.CACHE_HIT);
  }

  /** An answer with everything a stream can carry: reasoning, text, two tool calls, usage. */
  private static ChatResponse rich() {
    return new ChatResponse("resp-7", "fake", "fake-model-2026",
        new AssistantMessage("Checking.", List.of(new ToolCall("c1", "weather", "{\"city\":\"Paris\"}"),
            new ToolCall("c2", "time", "{\"tz\":\"CET\"}")), List.of(new Reasoning("think first", "sig", null))),
        FinishReason.TOOL_CALLS, "tool_calls", new Usage(30L, 12L, null, null, 4L), null, Duration.ZERO);
  }

  private static List<ChatEvent> liveEventsOf(ChatResponse r) {
    return List.of(new ChatEvent.ReasoningDelta("think ", null), new ChatEvent.ReasoningDelta("first", "sig"),
        new ChatEvent.TextDelta("Check"), new ChatEvent.TextDelta("ing."),
        new ChatEvent.ToolCallDelta(0, "c1", "weather", "{\"city\":"), new ChatEvent.ToolCallDelta(0, null, null, "\"Paris\"}"),
        new ChatEvent.ToolCallDelta(1, "c2", "time", "{\"tz\":\"CET\"}"),
        new ChatEvent.UsageUpdate(r.usage()), new ChatEvent.Completed(r));
  }

  private static List<ChatEvent> drain(ChatStream stream) {
    List<ChatEvent> events = new ArrayList<>();
    stream.forEach(events::add);
    return events;
  }

  /** What a caller assembles from a stream's events: the content, independent of how it was cut into fragments. */
  private record Assembled(String text, String reasoning, Map<Integer, String> toolCalls, Usage usage, ChatResponse last) {
    static Assembled of(List<ChatEvent> events) {
      StringBuilder text = new StringBuilder();
      StringBuilder reasoning = new StringBuilder();
      Map<Integer, String> calls = new ConcurrentHashMap<>();
      Usage usage = Usage.UNKNOWN;
      ChatResponse last = null;
      for (ChatEvent e : events) {
        if (e instanceof ChatEvent.TextDelta t) {
          text.append(t.text());
        } else if (e instanceof ChatEvent.ReasoningDelta r) {
          reasoning.append(r.text());
        } else if (e instanceof ChatEvent.ToolCallDelta d) {
          calls.merge(d.index(), (d.id() != null ? d.id() + ":" + d.name() + ":" : "") + d.argumentsFragment(), String::concat);
        } else if (e instanceof ChatEvent.UsageUpdate u) {
          usage = usage.overlay(u.usage());
        } else if (e instanceof ChatEvent.Completed c) {
          last = c.response();
        }
      }
      return new Assembled(text.toString(), reasoning.toString(), calls, usage, last);
    }
  }

  @Nested
  class Complete {
    @Test
    void the_second_identical_call_is_answered_from_the_cache() {
      Llm llm = llm(ResponseCache.inMemory());

      ChatResponse first = llm.complete(hello);
      ChatResponse second = llm.complete(hello);

      assertThat(provider.requests).hasSize(1);
      assertThat(second.text()).isEqualTo(first.text()).isEqualTo("ok");
      assertThat(second.id()).isEqualTo(first.id());
      assertThat(second.usage()).isEqualTo(first.usage());
      assertThat(cacheHit(first)).contains(false);
      assertThat(cacheHit(second)).contains(true);
      assertThat(hits()).isEqualTo(1);
      assertThat(misses()).isEqualTo(1);
    }

    @Test
    void a_different_request_is_a_miss() {
      Llm llm = llm(ResponseCache.inMemory());

      llm.complete(hello);
      ChatResponse other = llm.complete(ChatRequest.of(Message.user("hello again")));

      assertThat(provider.requests).hasSize(2);
      assertThat(cacheHit(other)).contains(false);
    }

    @Test
    void complete_async_hits_too_and_the_shapes_share_entries() {
      Llm llm = llm(ResponseCache.inMemory());

      llm.complete(hello);
      ChatResponse async = llm.completeAsync(hello).join();

      assertThat(provider.requests).hasSize(1);
      assertThat(cacheHit(async)).contains(true);
      assertThat(async.text()).isEqualTo("ok");
    }

    @Test
    void a_hit_costs_zero_and_the_metrics_show_it_with_its_latency() {
      Llm llm = llm(ResponseCache.inMemory());

      ChatResponse paid = llm.complete(hello);
      ChatResponse free = llm.complete(hello);

      assertThat(paid.cost()).isEqualTo(Cost.usd("0.02")); // 10 x 0.001 + 5 x 0.002
      assertThat(free.cost()).isEqualTo(Cost.ZERO);
      assertThat(free.latency()).isPositive().isLessThan(Duration.ofSeconds(1));
      MetricsSnapshot m = llm.metrics().snapshot();
      assertThat(m.calls()).isEqualTo(2);
      assertThat(m.cost()).isEqualTo(Cost.usd("0.02"));
      assertThat(m.usage().inputTokens()).isEqualTo(10); // the hit billed no tokens
      assertThat(m.recentCalls()).hasSize(2);
      CallRecord hit = m.recentCalls().get(1);
      assertThat(hit.cacheHit()).isTrue();
      assertThat(hit.cost()).isEqualTo(Cost.ZERO);
      assertThat(hit.usage()).isEqualTo(Usage.ZERO);
      assertThat(hit.latency()).isEqualTo(free.latency());
      assertThat(hit.responseId()).isEqualTo("resp-1");
      assertThat(hit.failed()).isFalse();
      assertThat(m.recentCalls().get(0).cacheHit()).isFalse();
      // The provider's traffic metrics count the one exchange only.
      assertThat(registry.meter("llm.fake.m.requests").getCount()).isEqualTo(1);
      assertThat(registry.counter("llm.fake.m.cost.micro-usd").getCount()).isEqualTo(20_000);
    }

    @Test
    void the_cached_response_keeps_the_whole_answer() {
      provider.answer(r -> rich());
      Llm llm = llm(ResponseCache.inMemory());

      ChatResponse live = llm.complete(hello);
      ChatResponse cached = llm.complete(hello);

      assertThat(cached.message()).isEqualTo(live.message());
      assertThat(cached.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
      assertThat(cached.rawFinishReason()).isEqualTo("tool_calls");
      assertThat(cached.model()).isEqualTo("fake-model-2026");
      assertThat(cached.usage()).isEqualTo(live.usage());
    }
  }

  @Nested
  class Stream {
    @Test
    void a_hit_is_replayed_as_a_stream_equal_in_content_to_the_live_one() {
      ChatResponse answer = rich();
      provider.answer(r -> answer);
      provider.streams(r -> FakeProvider.events(liveEventsOf(answer), null));
      Llm llm = llm(ResponseCache.inMemory());

      List<ChatEvent> live = drain(llm.stream(hello));
      List<ChatEvent> replayed = drain(llm.stream(hello));

      assertThat(provider.requests).hasSize(1);
      Assembled a = Assembled.of(live);
      Assembled b = Assembled.of(replayed);
      assertThat(b.text()).isEqualTo(a.text()).isEqualTo("Checking.");
      assertThat(b.reasoning()).isEqualTo(a.reasoning()).isEqualTo("think first");
      assertThat(b.toolCalls()).isEqualTo(a.toolCalls())
          .containsEntry(0, "c1:weather:{\"city\":\"Paris\"}").containsEntry(1, "c2:time:{\"tz\":\"CET\"}");
      assertThat(b.usage()).isEqualTo(a.usage());
      assertThat(b.last().message()).isEqualTo(a.last().message());
      assertThat(b.last().finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
      assertThat(replayed.get(replayed.size() - 1)).isInstanceOf(ChatEvent.Completed.class);
      assertThat(cacheHit(b.last())).contains(true);
      assertThat(cacheHit(a.last())).contains(false);
      assertThat(b.last().cost()).isEqualTo(Cost.ZERO);
    }

    @Test
    void a_replayed_hit_is_accounted_as_a_streamed_hit() {
      provider.streams(r -> FakeProvider.events(liveEventsOf(rich()), null));
      Llm llm = llm(ResponseCache.inMemory());

      llm.stream(hello).collect();
      ChatResponse replayed = llm.stream(hello).collect();

      CallRecord hit = llm.metrics().snapshot().recentCalls().get(1);
      assertThat(hit.cacheHit()).isTrue();
      assertThat(hit.streamed()).isTrue();
      assertThat(hit.cost()).isEqualTo(Cost.ZERO);
      assertThat(hit.timeToFirstToken()).isNotNull();
      assertThat(hit.latency()).isEqualTo(replayed.latency());
      assertThat(hits()).isEqualTo(1);
    }

    @Test
    void a_completed_stream_is_stored_and_serves_complete() {
      provider.streams(r -> FakeProvider.events(liveEventsOf(rich()), null));
      Llm llm = llm(ResponseCache.inMemory());

      ChatResponse streamed = llm.stream(hello).collect();
      ChatResponse completed = llm.complete(hello);

      assertThat(provider.requests).hasSize(1);
      assertThat(completed.message()).isEqualTo(streamed.message());
      assertThat(cacheHit(completed)).contains(true);
    }

    @Test
    void a_complete_answer_serves_a_stream() {
      Llm llm = llm(ResponseCache.inMemory());

      llm.complete(hello);
      List<ChatEvent> events = drain(llm.stream(hello));

      assertThat(provider.requests).hasSize(1);
      assertThat(events).containsExactly(new ChatEvent.TextDelta("ok", 0), new ChatEvent.UsageUpdate(Usage.of(10, 5)),
          events.get(2));
      assertThat(((ChatEvent.Completed) events.get(2)).response().text()).isEqualTo("ok");
    }

    @Test
    void nothing_is_looked_up_before_the_stream_is_consumed() {
      Llm llm = llm(ResponseCache.inMemory());
      llm.complete(hello);

      ChatStream unread = llm.stream(hello);

      assertThat(hits() + misses()).isEqualTo(1);
      unread.close();
    }

    @Test
    void a_stream_closed_before_it_completed_is_not_stored() throws Exception {
      Llm llm = llm(ResponseCache.inMemory());

      ChatStream stream = llm.stream(hello);
      Iterator<ChatEvent> it = stream.iterator();
      provider.lastStream.submit(new ChatEvent.TextDelta("par"));
      assertThat(it.next()).isEqualTo(new ChatEvent.TextDelta("par"));
      stream.close();
      provider.lastStream.submit(new ChatEvent.Completed(FakeProvider.reply("partial", Usage.of(1, 1))));
      provider.lastStream.close();

      llm.complete(hello);
      assertThat(provider.requests).hasSize(2);
    }

    @Test
    void a_failed_stream_is_not_stored() {
      provider.streams(r -> FakeProvider.events(List.of(new ChatEvent.TextDelta("par")),
          LlmException.builder(ErrorKind.SERVER_ERROR, "boom").build()));
      Llm llm = llm(ResponseCache.inMemory());

      assertThatThrownBy(() -> llm.stream(hello).collect()).isInstanceOf(LlmException.class);
      provider.streams(r -> FakeProvider.events(liveEventsOf(rich()), null));
      ChatResponse next = llm.stream(hello).collect();

      assertThat(provider.requests).hasSize(2);
      assertThat(cacheHit(next)).contains(false);
    }

    @Test
    void a_replay_honours_demand_and_closing() {
      provider.streams(r -> FakeProvider.events(liveEventsOf(rich()), null));
      Llm llm = llm(ResponseCache.inMemory());
      llm.stream(hello).collect();

      List<ChatEvent> received = new ArrayList<>();
      AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
      llm.stream(hello).subscribe(new Flow.Subscriber<ChatEvent>() {
        @Override public void onSubscribe(Flow.Subscription s) {
          subscription.set(s);
          s.request(1);
        }
        @Override public void onNext(ChatEvent item) {
          received.add(item);
        }
        @Override public void onError(Throwable throwable) {}
        @Override public void onComplete() {}
      });
      assertThat(received).singleElement().isInstanceOf(ChatEvent.ReasoningDelta.class);
      subscription.get().request(1);
      assertThat(received).hasSize(2).last().isEqualTo(new ChatEvent.TextDelta("Checking.", 1));
      subscription.get().cancel();

      MetricsSnapshot m = llm.metrics().snapshot();
      CallRecord closed = m.recentCalls().get(m.recentCalls().size() - 1);
      assertThat(closed.error()).isEqualTo(ErrorKind.CANCELLED);
      assertThat(closed.cost()).isNull();
    }
  }

  @Nested
  class WhatIsStored {
    @Test
    void truncated_filtered_and_failed_answers_are_not_stored() {
      Llm llm = llm(ResponseCache.inMemory());
      for (FinishReason reason : List.of(FinishReason.LENGTH, FinishReason.CONTENT_FILTER, FinishReason.OTHER)) {
        provider.answer(r -> FakeProvider.reply("cut", Usage.of(1, 1)).withMessage(AssistantMessage.of("cut"), reason));
        ChatRequest request = ChatRequest.of(Message.user("about " + reason));
        llm.complete(request);
        ChatResponse again = llm.complete(request);
        assertThat(cacheHit(again)).as(reason.name()).contains(false);
      }
      assertThat(provider.requests).hasSize(6);
    }

    @Test
    void an_error_is_not_stored() {
      Llm llm = llm(ResponseCache.inMemory());
      provider.fail(LlmException.builder(ErrorKind.SERVER_ERROR, "boom").build());
      assertThatThrownBy(() -> llm.complete(hello)).isInstanceOf(LlmException.class).hasMessageContaining("boom");

      provider.answer(r -> FakeProvider.reply("fine", Usage.of(1, 1)));
      assertThat(llm.complete(hello).text()).isEqualTo("fine");
      assertThat(llm.complete(hello).text()).isEqualTo("fine");

      assertThat(provider.requests).hasSize(2);
      assertThat(hits()).isEqualTo(1);
    }

    @Test
    void an_entry_expires_after_the_time_to_live() {
      AtomicLong nanos = new AtomicLong();
      ResponseCache cache = ResponseCache.builder().store(new InMemoryResponseCacheStore(10, nanos::get))
          .timeToLive(Duration.ofMinutes(5)).build();
      Llm llm = llm(cache);

      llm.complete(hello);
      nanos.addAndGet(Duration.ofMinutes(4).toNanos());
      assertThat(cacheHit(llm.complete(hello))).contains(true);
      nanos.addAndGet(Duration.ofMinutes(1).toNanos());
      assertThat(cacheHit(llm.complete(hello))).contains(false);

      assertThat(provider.requests).hasSize(2);
    }

    @Test
    void only_the_configured_call_shapes_are_served() {
      provider.streams(r -> FakeProvider.events(liveEventsOf(rich()), null));
      Llm llm = llm(ResponseCache.builder().modes(LlmCall.Mode.COMPLETE).build());

      llm.stream(hello).collect();
      ChatResponse streamedAgain = llm.stream(hello).collect();
      llm.completeAsync(hello).join();
      llm.complete(hello);
      ChatResponse completedAgain = llm.complete(hello);

      assertThat(cacheHit(streamedAgain)).isEmpty();
      assertThat(cacheHit(completedAgain)).contains(true);
      assertThat(provider.requests).hasSize(4); // two streams, one async, one complete
    }

    @Test
    void a_disabled_cache_is_not_in_the_chain() {
      Llm llm = llm(ResponseCache.builder().enabled(false).build());

      llm.complete(hello);
      ChatResponse again = llm.complete(hello);

      assertThat(provider.requests).hasSize(2);
      assertThat(cacheHit(again)).isEmpty();
      assertThat(registry.getCounters()).doesNotContainKey("llm.fake.m.cache.misses");
    }
  }

  @Nested
  class Bypass {
    @Test
    void a_bypassed_call_is_neither_looked_up_nor_stored() {
      Llm llm = llm(ResponseCache.inMemory(), ResponseCache.bypassWhen(r -> r.temperature() != null));
      ChatRequest fresh = hello.toBuilder().temperature(0.0).build();

      llm.complete(fresh);
      ChatResponse again = llm.complete(fresh);
      assertThat(cacheHit(again)).isEmpty();
      assertThat(provider.requests).hasSize(2);
      assertThat(hits() + misses()).isZero();
    }

    @Test
    void the_bypass_attribute_set_by_any_interceptor_works_for_streams_too() {
      LlmInterceptor bypassAll = new LlmInterceptor() {
        @Override
        public Flow.Publisher<ChatEvent> interceptStream(Chain chain) {
          chain.call().setAttribute(ResponseCache.BYPASS, true);
          return chain.proceedStream(chain.call());
        }
      };
      provider.streams(r -> FakeProvider.events(liveEventsOf(rich()), null));
      Llm llm = llm(ResponseCache.inMemory(), bypassAll);

      llm.complete(hello); // stored: the interceptor bypasses streams only
      ChatResponse streamed = llm.stream(hello).collect();

      assertThat(cacheHit(streamed)).isEmpty();
      assertThat(provider.requests).hasSize(2);
    }
  }

  @Nested
  class StoreTrouble {
    /** A store whose reads, writes or removals throw, as a remote store does when it is down or slow. */
    private final class FailingStore implements ResponseCacheStore {
      final InMemoryResponseCacheStore inner = new InMemoryResponseCacheStore(10);
      volatile boolean failGet;
      volatile boolean failPut;
      volatile boolean failInvalidate;
      final Set<String> keys = ConcurrentHashMap.newKeySet();

      @Override
      public Optional<byte[]> get(String key) {
        if (failGet) {
          throw new IllegalStateException("store timed out after 50ms");
        }
        return inner.get(key);
      }

      @Override
      public void put(String key, byte[] value, Duration timeToLive) {
        keys.add(key);
        if (failPut) {
          throw new IllegalStateException("store unreachable");
        }
        inner.put(key, value, timeToLive);
      }

      @Override
      public void invalidate(String key) {
        if (failInvalidate) {
          throw new IllegalStateException("store unreachable");
        }
        inner.invalidate(key);
      }
    }

    @Test
    void a_store_that_fails_to_read_is_a_miss_and_the_call_succeeds() {
      FailingStore store = new FailingStore();
      Llm llm = llm(ResponseCache.builder().store(store).build());
      llm.complete(hello);
      store.failGet = true;

      ChatResponse r = llm.complete(hello);

      assertThat(r.text()).isEqualTo("ok");
      assertThat(cacheHit(r)).contains(false);
      assertThat(provider.requests).hasSize(2);
      assertThat(misses()).isEqualTo(2);
    }

    @Test
    void a_store_that_fails_to_write_leaves_the_answer_uncached_and_the_call_succeeds() {
      FailingStore store = new FailingStore();
      store.failPut = true;
      provider.streams(r -> FakeProvider.events(liveEventsOf(rich()), null));
      Llm llm = llm(ResponseCache.builder().store(store).build());

      assertThat(llm.complete(hello).text()).isEqualTo("ok");
      assertThat(llm.completeAsync(hello).join().text()).isEqualTo("ok");
      assertThat(llm.stream(hello).collect().text()).isEqualTo("Checking.");

      assertThat(provider.requests).hasSize(3);
      assertThat(hits()).isZero();
    }

    @Test
    void an_entry_that_cannot_be_decoded_is_a_miss_and_is_replaced() {
      FailingStore store = new FailingStore();
      Llm llm = llm(ResponseCache.builder().store(store).build());
      llm.complete(hello);
      String key = store.keys.iterator().next();
      store.inner.put(key, "{\"format\":1,\"garbage\":true}".getBytes(), Duration.ofMinutes(1));

      ChatResponse afterCorruption = llm.complete(hello);
      ChatResponse afterRepair = llm.complete(hello);

      assertThat(cacheHit(afterCorruption)).contains(false);
      assertThat(afterCorruption.text()).isEqualTo("ok");
      assertThat(cacheHit(afterRepair)).contains(true);
      assertThat(provider.requests).hasSize(2);
    }

    @Test
    void an_undecodable_entry_that_cannot_be_removed_is_still_only_a_miss() {
      FailingStore store = new FailingStore();
      Llm llm = llm(ResponseCache.builder().store(store).build());
      llm.complete(hello);
      store.inner.put(store.keys.iterator().next(), new byte[] {0, 1, 2}, Duration.ofMinutes(1));
      store.failInvalidate = true;

      ChatResponse r = llm.complete(hello);

      assertThat(r.text()).isEqualTo("ok");
      assertThat(cacheHit(r)).contains(false);
      assertThat(cacheHit(llm.complete(hello))).contains(true); // the fresh answer overwrote it
    }
  }

  @Nested
  class Concurrency {
    @Test
    void two_identical_misses_at_once_both_call_the_provider_then_later_calls_hit() throws Exception {
      CyclicBarrier bothArrived = new CyclicBarrier(2);
      provider.answer(r -> {
        try {
          bothArrived.await(10, TimeUnit.SECONDS); // neither answers before the other has asked
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        return FakeProvider.reply("ok", Usage.of(10, 5));
      });
      Llm llm = llm(ResponseCache.inMemory());

      ExecutorService callers = Executors.newFixedThreadPool(2); // the common pool may have one thread on 2 CPUs
      try {
        Future<ChatResponse> a = callers.submit(() -> llm.complete(hello));
        Future<ChatResponse> b = callers.submit(() -> llm.complete(hello));
        assertThat(a.get(20, TimeUnit.SECONDS).text()).isEqualTo("ok");
        assertThat(b.get(20, TimeUnit.SECONDS).text()).isEqualTo("ok");
      } finally {
        callers.shutdownNow();
      }
      assertThat(provider.requests).hasSize(2);
      assertThat(misses()).isEqualTo(2);
      assertThat(cacheHit(llm.complete(hello))).contains(true);
      assertThat(provider.requests).hasSize(2);
    }
  }
}
