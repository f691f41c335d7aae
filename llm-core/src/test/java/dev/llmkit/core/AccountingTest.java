package dev.llmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import dev.llmkit.api.CallRecord;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.MetricsSnapshot;
import dev.llmkit.api.RateLimitException;
import dev.llmkit.api.Usage;
import dev.llmkit.core.fake.FakeProvider;
import dev.llmkit.core.fake.FakeProviderFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AccountingTest {
  private final FakeProviderFactory factory = new FakeProviderFactory();
  private final FakeProvider provider = factory.provider();
  private final MetricRegistry registry = new MetricRegistry();
  // Each call is one attempt here: retries and their accounting are in ResilienceTest.
  private final Llm llm = Llms.builder()
      .config(LlmConfig.builder().model("fake/m").numRetries(0).build())
      .registry(PluginRegistry.of(List.of(factory), List.of()))
      .metricRegistry(registry)
      .build();
  private final ChatRequest hello = ChatRequest.of(Message.user("hello"));

  @Nested
  class SyncCalls {
    @Test
    void a_record_carries_the_turns_tokens_and_the_models_context_window_as_openhands_does() {
      Llm sized = Llms.builder()
          .config(LlmConfig.builder().model("fake/m").numRetries(0).maxInputTokens(32_000).build())
          .registry(PluginRegistry.of(List.of(factory), List.of()))
          .build();

      sized.complete(hello);

      assertThat(sized.metrics().snapshot().recentCalls()).singleElement().satisfies(c -> {
        assertThat(c.perTurnTokens()).isEqualTo(15); // 10 in, 5 out
        assertThat(c.contextWindow()).isEqualTo(32_000);
      });
    }

    @Test
    void a_success_records_usage_latency_and_the_response_id() {
      ChatResponse r = llm.complete(hello);

      MetricsSnapshot m = llm.metrics().snapshot();
      assertThat(m.calls()).isEqualTo(1);
      assertThat(m.failures()).isZero();
      assertThat(m.usage().inputTokens()).isEqualTo(10);
      assertThat(m.usage().outputTokens()).isEqualTo(5);
      assertThat(r.latency()).isPositive();
      assertThat(m.recentCalls()).singleElement().satisfies(c -> {
        assertThat(c.responseId()).isEqualTo("resp-1");
        assertThat(c.latency()).isEqualTo(r.latency());
        assertThat(c.streamed()).isFalse();
      });
      assertThat(registry.meter("llm.fake.m.requests").getCount()).isEqualTo(1);
      assertThat(registry.counter("llm.fake.m.tokens.input").getCount()).isEqualTo(10);
    }

    @Test
    void a_failure_records_its_kind_and_latency_and_is_rethrown_with_the_model() {
      provider.fail(LlmException.builder(ErrorKind.RATE_LIMITED, "slow down").provider("fake").build());

      assertThatThrownBy(() -> llm.complete(hello))
          .isInstanceOfSatisfying(RateLimitException.class, e -> assertThat(e.model()).hasValue("m"));

      MetricsSnapshot m = llm.metrics().snapshot();
      assertThat(m.calls()).isEqualTo(1);
      assertThat(m.failures()).isEqualTo(1);
      assertThat(m.recentCalls()).singleElement().satisfies(c -> {
        assertThat(c.error()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(c.latency()).isPositive();
      });
      assertThat(registry.meter("llm.fake.m.errors.rate_limited").getCount()).isEqualTo(1);
    }

    @Test
    void a_provider_side_validation_error_keeps_its_type_and_problems() {
      provider.fail(new dev.llmkit.api.InvalidRequestException(List.of("tool call c1 has arguments that are not a JSON object")));

      assertThatThrownBy(() -> llm.complete(hello))
          .isInstanceOfSatisfying(dev.llmkit.api.InvalidRequestException.class,
              e -> assertThat(e.problems()).containsExactly("tool call c1 has arguments that are not a JSON object"));
      assertThat(llm.metrics().snapshot().failures()).isEqualTo(1);
    }

    @Test
    void concurrent_calls_lose_no_tokens() throws Exception {
      int threads = 8;
      int perThread = 250;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          futures.add(pool.submit(() -> {
            for (int i = 0; i < perThread; i++) {
              llm.complete(hello);
            }
          }));
        }
        for (Future<?> f : futures) {
          f.get(30, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      MetricsSnapshot m = llm.metrics().snapshot();
      assertThat(m.calls()).isEqualTo(threads * perThread);
      assertThat(m.usage().inputTokens()).isEqualTo(10L * threads * perThread);
      assertThat(m.usage().outputTokens()).isEqualTo(5L * threads * perThread);
      assertThat(m.recentCalls()).hasSize(1_000);
    }
  }

  @Nested
  class AsyncCalls {
    @Test
    void a_success_is_accounted_once_completed() {
      ChatResponse r = llm.completeAsync(hello).join();
      assertThat(r.text()).isEqualTo("ok");
      assertThat(llm.metrics().snapshot().calls()).isEqualTo(1);
    }

    @Test
    void cancelling_cancels_the_provider_future_and_is_accounted_as_cancelled() {
      provider.holdAsync();
      CompletableFuture<ChatResponse> f = llm.completeAsync(hello);

      assertThat(f.cancel(true)).isTrue();

      assertThat(provider.pendingAsync()).isCancelled();
      assertThatThrownBy(f::join).isInstanceOf(CancellationException.class);
      assertThat(llm.metrics().snapshot().recentCalls()).singleElement()
          .extracting(CallRecord::error).isEqualTo(ErrorKind.CANCELLED);
    }

    @Test
    void a_provider_failure_fails_the_future_with_the_typed_error() {
      provider.holdAsync();
      CompletableFuture<ChatResponse> f = llm.completeAsync(hello);
      provider.pendingAsync().completeExceptionally(LlmException.builder(ErrorKind.OVERLOADED, "busy").build());

      assertThatThrownBy(f::join).hasCauseInstanceOf(LlmException.class).hasMessageContaining("busy");
      assertThat(llm.metrics().snapshot().failures()).isEqualTo(1);
    }
  }

  @Nested
  class Streams {
    @Test
    void iterating_yields_the_events_and_the_final_response_is_timed_and_accounted() {
      ChatStream stream = llm.stream(hello);
      Iterator<ChatEvent> it = stream.iterator();
      provider.lastStream.submit(new ChatEvent.TextDelta("he"));
      provider.lastStream.submit(new ChatEvent.TextDelta("llo"));
      provider.lastStream.submit(new ChatEvent.Completed(FakeProvider.reply("hello", Usage.of(3, 2))));
      provider.lastStream.close();

      List<ChatEvent> events = new ArrayList<>();
      it.forEachRemaining(events::add);

      assertThat(events).hasSize(3);
      assertThat(events.get(2)).isInstanceOfSatisfying(ChatEvent.Completed.class,
          c -> assertThat(c.response().latency()).isPositive());
      MetricsSnapshot m = llm.metrics().snapshot();
      assertThat(m.calls()).isEqualTo(1);
      assertThat(m.usage().inputTokens()).isEqualTo(3);
      assertThat(m.recentCalls().get(0).streamed()).isTrue();
      assertThat(registry.timer("llm.fake.m.time-to-first-token").getCount()).isEqualTo(1);
    }

    @Test
    void collect_returns_the_final_response() {
      ChatStream stream = llm.stream(hello);
      CompletableFuture<ChatResponse> collected = CompletableFuture.supplyAsync(stream::collect);
      awaitStreamOpened();
      provider.lastStream.submit(new ChatEvent.TextDelta("x"));
      provider.lastStream.submit(new ChatEvent.Completed(FakeProvider.reply("x", Usage.of(1, 1))));
      provider.lastStream.close();

      assertThat(collected.orTimeout(5, TimeUnit.SECONDS).join().text()).isEqualTo("x");
    }

    @Test
    void an_error_mid_stream_surfaces_to_the_reader_and_is_accounted() {
      ChatStream stream = llm.stream(hello);
      Iterator<ChatEvent> it = stream.iterator();
      provider.lastStream.submit(new ChatEvent.TextDelta("par"));
      provider.lastStream.closeExceptionally(
          LlmException.builder(ErrorKind.OVERLOADED, "overloaded").midStream(true).build());

      assertThat(it.next()).isEqualTo(new ChatEvent.TextDelta("par"));
      assertThatThrownBy(it::hasNext).isInstanceOf(LlmException.class).hasMessage("overloaded");
      assertThat(llm.metrics().snapshot().recentCalls()).singleElement()
          .extracting(CallRecord::error).isEqualTo(ErrorKind.OVERLOADED);
    }

    @Test
    void closing_mid_stream_cancels_upstream_and_is_accounted_once() {
      ChatStream stream = llm.stream(hello);
      Iterator<ChatEvent> it = stream.iterator();
      provider.lastStream.submit(new ChatEvent.TextDelta("a"));
      assertThat(it.next()).isEqualTo(new ChatEvent.TextDelta("a"));

      stream.close();
      stream.close();

      assertThat(provider.lastStream.getNumberOfSubscribers()).isZero();
      assertThat(llm.metrics().snapshot().recentCalls()).singleElement()
          .extracting(CallRecord::error).isEqualTo(ErrorKind.CANCELLED);
    }

    @Test
    void closing_from_another_thread_wakes_a_reader_blocked_on_the_next_event() {
      ChatStream stream = llm.stream(hello);
      Iterator<ChatEvent> it = stream.iterator();
      CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(it::hasNext);
      awaitStreamOpened();

      stream.close();

      assertThat(blocked.orTimeout(5, TimeUnit.SECONDS).join()).isFalse();
    }

    @Test
    void closing_from_another_thread_ends_a_collect_with_a_cancellation() {
      ChatStream stream = llm.stream(hello);
      CompletableFuture<ChatResponse> collected = CompletableFuture.supplyAsync(stream::collect);
      awaitStreamOpened();
      provider.lastStream.submit(new ChatEvent.TextDelta("partial"));

      stream.close();

      assertThatThrownBy(() -> collected.orTimeout(5, TimeUnit.SECONDS).join())
          .hasCauseInstanceOf(dev.llmkit.api.LlmCancelledException.class);
    }

    @Test
    void collect_fails_with_the_typed_error_of_the_stream() {
      ChatStream stream = llm.stream(hello);
      CompletableFuture<ChatResponse> collected = CompletableFuture.supplyAsync(stream::collect);
      awaitStreamOpened();
      provider.lastStream.closeExceptionally(LlmException.builder(ErrorKind.OVERLOADED, "busy").build());

      assertThatThrownBy(() -> collected.orTimeout(5, TimeUnit.SECONDS).join())
          .hasCauseInstanceOf(LlmException.class).hasMessageContaining("busy");
    }

    @Test
    void a_stream_can_be_consumed_once() {
      ChatStream stream = llm.stream(hello);
      stream.iterator();
      assertThatThrownBy(() -> stream.iterator().hasNext()).hasMessageContaining("already consumed");
    }

    @Test
    void nothing_is_sent_until_the_stream_is_consumed() {
      llm.stream(hello);
      assertThat(provider.requests).isEmpty();
    }

    private void awaitStreamOpened() {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (provider.lastStream == null || provider.lastStream.getNumberOfSubscribers() == 0) {
        assertThat(System.nanoTime()).as("stream subscribed in time").isLessThan(deadline);
        Thread.onSpinWait();
      }
    }
  }
}
