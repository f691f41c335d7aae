package dev.llmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.util.Modules;
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
import dev.llmkit.api.LlmTimeoutException;
import dev.llmkit.api.Message;
import dev.llmkit.api.MetricsSnapshot;
import dev.llmkit.api.RateLimitException;
import dev.llmkit.api.Usage;
import dev.llmkit.core.fake.FakeProvider;
import dev.llmkit.core.fake.FakeProviderFactory;
import dev.llmkit.core.resilience.BulkheadPolicy;
import dev.llmkit.core.resilience.CircuitBreakerPolicy;
import dev.llmkit.core.resilience.CircuitState;
import dev.llmkit.core.resilience.InMemoryRateLimitStore;
import dev.llmkit.core.resilience.RateLimitPolicy;
import dev.llmkit.core.resilience.ResilienceOptions;
import dev.llmkit.core.resilience.ResilienceRegistry;
import dev.llmkit.spi.ProviderRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Retries, the overall deadline, the circuit breaker, the client-side rate limit and the bulkhead, for
 * every call shape, against the scripted fake provider. Waits are milliseconds so that the class runs
 * in a few seconds.
 */
class ResilienceTest {
  private final FakeProviderFactory factory = new FakeProviderFactory();
  private final FakeProvider provider = factory.provider();
  private final MetricRegistry metrics = new MetricRegistry();
  private final ChatRequest hello = ChatRequest.of(Message.user("hello"));
  /** When each request reached the provider, in nanoseconds. */
  private final List<Long> sentAt = new CopyOnWriteArrayList<>();

  /** Retries with waits of 10, 20, 40 ms (less jitter), and nothing else on. */
  private static LlmConfig.Builder fast() {
    return LlmConfig.builder().model("fake/m").numRetries(3)
        .retryMinWait(Duration.ofMillis(10)).retryMaxWait(Duration.ofMillis(40)).retryMultiplier(2);
  }

  private Llm llm(LlmConfig.Builder config) {
    return llm(config, b -> { });
  }

  private Llm llm(LlmConfig.Builder config, Consumer<Llms.Builder> options) {
    Llms.Builder b = Llms.builder().config(config.build())
        .registry(PluginRegistry.of(List.of(factory), List.of()))
        .metricRegistry(metrics);
    options.accept(b);
    return b.build();
  }

  private static LlmException error(ErrorKind kind) {
    return LlmException.builder(kind, kind + " from the fake").provider("fake").build();
  }

  /** The provider fails the first {@code failures} requests with {@code error}, then answers "ok". */
  private void failFirst(int failures, Supplier<LlmException> error) {
    AtomicInteger seen = new AtomicInteger();
    provider.answer(r -> {
      sentAt.add(System.nanoTime());
      if (seen.incrementAndGet() <= failures) {
        throw error.get();
      }
      return FakeProvider.reply("ok", Usage.of(10, 5));
    });
  }

  private static ChatResponse emptyReply() {
    return new ChatResponse("resp-e", "fake", "fake-model", AssistantMessage.of(""), FinishReason.STOP, "stop",
        Usage.of(10, 0), null, Duration.ZERO);
  }

  private static int attempts(ChatResponse r) {
    return r.metadata().attributes().get(CallAttributes.ATTEMPTS).orElse(0);
  }

  private static long millisBetween(long fromNanos, long toNanos) {
    return TimeUnit.NANOSECONDS.toMillis(toNanos - fromNanos);
  }

  private List<ErrorKind> recordedErrors(Llm llm) {
    List<ErrorKind> errors = new ArrayList<>();
    for (CallRecord c : llm.metrics().snapshot().recentCalls()) {
      errors.add(c.error());
    }
    return errors;
  }

  private static void await(String what, Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.get()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  @Nested
  class WhatIsRetried {
    @ParameterizedTest
    @EnumSource(value = ErrorKind.class,
        names = {"RATE_LIMITED", "SERVER_ERROR", "OVERLOADED", "TIMEOUT", "CONNECTION", "CONFLICT"})
    void each_retryable_kind_is_retried_until_an_attempt_succeeds(ErrorKind kind) {
      failFirst(2, () -> error(kind));
      Llm llm = llm(fast());

      ChatResponse sync = llm.complete(hello);
      assertThat(sync.text()).isEqualTo("ok");
      assertThat(attempts(sync)).isEqualTo(3);

      failFirst(2, () -> error(kind));
      ChatResponse async = llm.completeAsync(hello).join();
      assertThat(async.text()).isEqualTo("ok");
      assertThat(attempts(async)).isEqualTo(3);
      assertThat(provider.requests).hasSize(6);
    }

    @ParameterizedTest
    @EnumSource(value = ErrorKind.class, names = {"AUTHENTICATION", "PERMISSION_DENIED", "INVALID_REQUEST", "NOT_FOUND",
        "CONTEXT_WINDOW_EXCEEDED", "CONTENT_POLICY", "BUDGET_EXCEEDED", "CANCELLED", "QUOTA_EXHAUSTED"})
    void a_kind_that_sending_again_cannot_fix_is_not_retried(ErrorKind kind) {
      // Even when the error says it is retryable: the kind decides.
      failFirst(1, () -> LlmException.builder(kind, "no").provider("fake").retryable(true).build());
      Llm llm = llm(fast());

      Throwable thrown = catchThrowable(() -> llm.complete(hello));

      assertThat(thrown).isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(kind));
      assertThat(provider.requests).hasSize(1);
      assertThat(metrics.meter("llm.fake.m.retries").getCount()).isZero();
    }

    @Test
    void an_error_that_says_it_is_not_retryable_is_not_retried() {
      failFirst(1, () -> LlmException.builder(ErrorKind.SERVER_ERROR, "x-should-retry: false").retryable(false).build());

      assertThatThrownBy(() -> llm(fast()).complete(hello)).hasMessageContaining("x-should-retry: false");
      assertThat(provider.requests).hasSize(1);
    }

    @Test
    void retries_stop_after_num_retries_with_the_last_error() {
      failFirst(100, () -> error(ErrorKind.SERVER_ERROR));
      Llm llm = llm(fast());

      assertThatThrownBy(() -> llm.complete(hello))
          .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR));

      assertThat(provider.requests).hasSize(4); // the first attempt and 3 retries
      assertThat(metrics.meter("llm.fake.m.retries").getCount()).isEqualTo(3);
    }

    @Test
    void with_num_retries_0_each_call_is_sent_once() {
      failFirst(1, () -> error(ErrorKind.SERVER_ERROR));

      assertThatThrownBy(() -> llm(fast().numRetries(0)).complete(hello)).isInstanceOf(LlmException.class);
      assertThat(provider.requests).hasSize(1);
    }

    @Test
    void the_retry_listener_hears_each_retry_with_its_number_the_maximum_and_the_cause() {
      failFirst(2, () -> error(ErrorKind.OVERLOADED));
      List<String> heard = new CopyOnWriteArrayList<>();
      Llm llm = llm(fast(), b -> b.retryListener((retry, max, cause) -> heard.add(retry + "/" + max + " " + cause.kind())));

      llm.complete(hello);

      assertThat(heard).containsExactly("1/3 OVERLOADED", "2/3 OVERLOADED");
    }

    @Test
    void a_listener_that_throws_does_not_stop_the_retry() {
      failFirst(1, () -> error(ErrorKind.OVERLOADED));
      Llm llm = llm(fast(), b -> b.retryListener((retry, max, cause) -> {
        throw new IllegalStateException("listener bug");
      }));

      assertThat(llm.complete(hello).text()).isEqualTo("ok");
    }
  }

  @Nested
  class Waits {
    @Test
    void waits_grow_from_retry_min_wait_by_the_multiplier_up_to_retry_max_wait_less_a_quarter_at_most() {
      failFirst(3, () -> error(ErrorKind.SERVER_ERROR));
      Llm llm = llm(LlmConfig.builder().model("fake/m").numRetries(3)
          .retryMinWait(Duration.ofMillis(40)).retryMaxWait(Duration.ofMillis(100)).retryMultiplier(2));

      llm.complete(hello);

      assertThat(sentAt).hasSize(4);
      // 40, 80, then 100 (160 capped), each less up to 25% jitter
      assertThat(millisBetween(sentAt.get(0), sentAt.get(1))).isBetween(29L, 400L);
      assertThat(millisBetween(sentAt.get(1), sentAt.get(2))).isBetween(59L, 450L);
      assertThat(millisBetween(sentAt.get(2), sentAt.get(3))).isBetween(74L, 500L);
    }

    @Test
    void a_retry_after_the_server_asked_for_is_waited_exactly_instead_of_the_backoff() {
      failFirst(1, () -> LlmException.builder(ErrorKind.RATE_LIMITED, "slow down").httpStatus(429)
          .retryAfter(Duration.ofMillis(200)).build());
      Llm llm = llm(LlmConfig.builder().model("fake/m").numRetries(2)
          .retryMinWait(Duration.ofMillis(1)).retryMaxWait(Duration.ofMillis(500)));

      assertThat(llm.complete(hello).text()).isEqualTo("ok");

      assertThat(millisBetween(sentAt.get(0), sentAt.get(1))).isBetween(195L, 1_000L);
    }

    @Test
    void a_retry_after_longer_than_retry_max_wait_fails_at_once_with_the_rate_limit_error_and_its_hint() {
      failFirst(1, () -> LlmException.builder(ErrorKind.RATE_LIMITED, "slow down").httpStatus(429)
          .retryAfter(Duration.ofSeconds(30)).build());
      Llm llm = llm(fast());
      long start = System.nanoTime();

      assertThatThrownBy(() -> llm.complete(hello)).isInstanceOfSatisfying(RateLimitException.class, e -> {
        assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(30));
        assertThat(e.httpStatus()).hasValue(429);
        assertThat(e.getMessage()).startsWith("slow down")
            .contains("not retried: the server asked to wait PT30S, longer than retryMaxWait PT0.04S");
      });

      assertThat(millisBetween(start, System.nanoTime())).isLessThan(1_000L);
      assertThat(provider.requests).hasSize(1);
    }

    @Test
    void a_stale_pooled_connection_is_retried_at_once_without_backoff() {
      failFirst(2, () -> LlmException.builder(ErrorKind.CONNECTION, "connection to fake failed")
          .cause(new IOException("HTTP/1.1 header parser received no bytes")).build());
      // A backoff would take 10 s; numRetries 1: the stale retries together count once.
      Llm llm = llm(LlmConfig.builder().model("fake/m").numRetries(1).retryMinWait(Duration.ofSeconds(10))
          .retryMaxWait(Duration.ofSeconds(10)));
      long start = System.nanoTime();

      ChatResponse r = llm.complete(hello);

      assertThat(r.text()).isEqualTo("ok");
      assertThat(attempts(r)).isEqualTo(3);
      assertThat(millisBetween(start, System.nanoTime())).isLessThan(2_000L);
    }

    @Test
    void another_connection_failure_waits_like_any_retry() {
      failFirst(1, () -> LlmException.builder(ErrorKind.CONNECTION, "connection refused")
          .cause(new IOException("Connection refused")).build());
      Llm llm = llm(LlmConfig.builder().model("fake/m").numRetries(1).retryMinWait(Duration.ofMillis(150))
          .retryMaxWait(Duration.ofMillis(150)));

      llm.complete(hello);

      assertThat(millisBetween(sentAt.get(0), sentAt.get(1))).isGreaterThanOrEqualTo(110L);
    }
  }

  @Nested
  class EmptyResponses {
    @Test
    void an_empty_response_at_temperature_0_is_retried_at_temperature_1() {
      AtomicInteger n = new AtomicInteger();
      provider.answer(r -> n.incrementAndGet() == 1 ? emptyReply() : FakeProvider.reply("ok", Usage.of(10, 5)));
      Llm llm = llm(fast().temperature(0.0));

      ChatResponse r = llm.complete(hello);

      assertThat(r.text()).isEqualTo("ok");
      assertThat(attempts(r)).isEqualTo(2);
      assertThat(provider.requests).extracting(p -> p.chat().temperature()).containsExactly(0.0, 1.0);
    }

    @Test
    void an_empty_response_at_another_temperature_is_retried_as_it_was() {
      AtomicInteger n = new AtomicInteger();
      provider.answer(r -> n.incrementAndGet() == 1 ? emptyReply() : FakeProvider.reply("ok", Usage.of(10, 5)));

      llm(fast().temperature(0.7)).complete(hello);

      assertThat(provider.requests).extracting(p -> p.chat().temperature()).containsExactly(0.7, 0.7);
    }

    @Test
    void only_empty_responses_end_in_a_retryable_malformed_response_error() {
      provider.answer(r -> emptyReply());

      assertThatThrownBy(() -> llm(fast()).complete(hello)).isInstanceOfSatisfying(LlmException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("fake/m answered with an empty response");
      });
      assertThat(provider.requests).hasSize(4);
    }

    @Test
    void a_reply_cut_by_the_length_limit_is_an_answer_not_an_empty_response() {
      provider.answer(r -> emptyReply().withMessage(AssistantMessage.of(""), FinishReason.LENGTH));

      assertThat(llm(fast()).complete(hello).finishReason()).isEqualTo(FinishReason.LENGTH);
      assertThat(provider.requests).hasSize(1);
    }

    @Test
    void a_turn_of_server_tool_blocks_only_is_an_answer_not_an_empty_response() {
      AssistantMessage paused = AssistantMessage.ofBlocks(new dev.llmkit.api.AssistantBlock.Opaque(
          "anthropic", "server_tool_use", "{\"type\":\"server_tool_use\"}"));
      provider.answer(r -> emptyReply().withMessage(paused, FinishReason.STOP));

      assertThat(llm(fast()).complete(hello).message()).isEqualTo(paused);
      assertThat(provider.requests).hasSize(1);
    }

    @Test
    void an_empty_stream_is_retried_too() {
      AtomicInteger n = new AtomicInteger();
      provider.streams(r -> n.incrementAndGet() == 1
          ? FakeProvider.events(List.of(new ChatEvent.Completed(emptyReply())), null)
          : FakeProvider.events(List.of(new ChatEvent.TextDelta("ok"),
              new ChatEvent.Completed(FakeProvider.reply("ok", Usage.of(10, 5)))), null));

      ChatResponse r = llm(fast()).stream(hello).collect();

      assertThat(r.text()).isEqualTo("ok");
      assertThat(attempts(r)).isEqualTo(2);
    }
  }

  @Nested
  class Streams {
    private final LlmException overloaded = LlmException.builder(ErrorKind.OVERLOADED, "Overloaded").httpStatus(529).build();

    @Test
    void a_stream_that_fails_before_its_first_event_is_retried() {
      AtomicInteger n = new AtomicInteger();
      provider.streams(r -> n.incrementAndGet() <= 2
          // a usage update first (as Anthropic's message_start), then the error: still before the first event
          ? FakeProvider.events(List.of(new ChatEvent.UsageUpdate(Usage.of(10, 0))), overloaded)
          : FakeProvider.events(List.of(new ChatEvent.TextDelta("o"), new ChatEvent.TextDelta("k"),
              new ChatEvent.Completed(FakeProvider.reply("ok", Usage.of(10, 5)))), null));
      Llm llm = llm(fast());

      List<ChatEvent> events = new ArrayList<>();
      try (ChatStream stream = llm.stream(hello)) {
        stream.iterator().forEachRemaining(events::add);
      }

      assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("TextDelta", "TextDelta", "Completed");
      ChatResponse r = ((ChatEvent.Completed) events.get(2)).response();
      assertThat(attempts(r)).isEqualTo(3);
      assertThat(provider.requests).hasSize(3);
      MetricsSnapshot m = llm.metrics().snapshot();
      assertThat(m.calls()).isEqualTo(3);
      assertThat(m.failures()).isEqualTo(2);
      assertThat(metrics.meter("llm.fake.m.retries").getCount()).isEqualTo(2);
    }

    @Test
    void a_stream_is_not_retried_once_an_event_reached_the_caller_and_ends_with_what_arrived() {
      ChatResponse partial = new ChatResponse("r", "fake", "fake-model", AssistantMessage.of("par"), FinishReason.ERROR,
          null, Usage.of(10, 1), null, Duration.ZERO);
      provider.streams(r -> FakeProvider.events(List.of(new ChatEvent.TextDelta("par")),
          overloaded.toBuilder().midStream(true).partialResponse(partial).build()));
      Llm llm = llm(fast());

      try (ChatStream stream = llm.stream(hello)) {
        Iterator<ChatEvent> it = stream.iterator();
        assertThat(it.next()).isEqualTo(new ChatEvent.TextDelta("par"));
        assertThatThrownBy(it::hasNext).isInstanceOfSatisfying(LlmException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED);
          assertThat(e.midStream()).isTrue();
          assertThat(e.partialResponse()).map(ChatResponse::text).contains("par");
        });
      }

      assertThat(provider.requests).hasSize(1);
      assertThat(recordedErrors(llm)).containsExactly(ErrorKind.OVERLOADED);
    }

    @Test
    void a_stream_whose_every_attempt_fails_before_an_event_ends_with_the_last_error() {
      provider.streams(r -> FakeProvider.events(List.of(), overloaded));

      assertThatThrownBy(() -> llm(fast()).stream(hello).collect()).isInstanceOfSatisfying(LlmException.class,
          e -> assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED));
      assertThat(provider.requests).hasSize(4);
    }

    @Test
    void closing_a_stream_during_a_backoff_wait_stops_it_at_once_and_records_one_cancellation() {
      provider.streams(r -> FakeProvider.events(List.of(), overloaded));
      CountDownLatch waiting = new CountDownLatch(1);
      Llm llm = llm(fast().retryMinWait(Duration.ofSeconds(10)).retryMaxWait(Duration.ofSeconds(10)),
          b -> b.retryListener((retry, max, cause) -> waiting.countDown()));
      ChatStream stream = llm.stream(hello);
      CompletableFuture<Throwable> collected = CompletableFuture.supplyAsync(() -> catchThrowable(stream::collect));

      await("the first attempt failed and its retry waits", () -> waiting.getCount() == 0);
      long start = System.nanoTime();
      stream.close();

      assertThat(collected.orTimeout(2, TimeUnit.SECONDS).join()).isInstanceOfSatisfying(LlmException.class,
          e -> assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED));
      await("the cancellation is recorded", () -> recordedErrors(llm).size() == 2);
      assertThat(millisBetween(start, System.nanoTime())).isLessThan(2_000L);
      assertThat(recordedErrors(llm)).containsExactly(ErrorKind.OVERLOADED, ErrorKind.CANCELLED);
      assertThat(provider.requests).hasSize(1);
    }
  }

  @Nested
  class Metrics {
    @Test
    void each_attempt_is_recorded_once_and_tokens_and_cost_only_for_the_one_that_answered() {
      failFirst(2, () -> error(ErrorKind.SERVER_ERROR));
      Llm llm = llm(fast().inputCostPerToken(new BigDecimal("0.000001")).outputCostPerToken(new BigDecimal("0.000002")));

      ChatResponse r = llm.complete(hello);

      MetricsSnapshot m = llm.metrics().snapshot();
      assertThat(m.calls()).isEqualTo(3);
      assertThat(m.failures()).isEqualTo(2);
      assertThat(recordedErrors(llm)).containsExactly(ErrorKind.SERVER_ERROR, ErrorKind.SERVER_ERROR, null);
      assertThat(m.usage().inputTokens()).isEqualTo(10);
      assertThat(m.usage().outputTokens()).isEqualTo(5);
      assertThat(r.cost()).isEqualTo(Cost.usd("0.00002"));
      assertThat(m.cost()).isEqualTo(Cost.usd("0.00002"));
      assertThat(metrics.meter("llm.fake.m.requests").getCount()).isEqualTo(3);
      assertThat(metrics.meter("llm.fake.m.errors.server_error").getCount()).isEqualTo(2);
      assertThat(metrics.counter("llm.fake.m.tokens.input").getCount()).isEqualTo(10);
      assertThat(metrics.counter("llm.fake.m.cost.micro-usd").getCount()).isEqualTo(20);
      assertThat(metrics.meter("llm.fake.m.retries").getCount()).isEqualTo(2);
      assertThat(m.recentCalls()).allSatisfy(c -> assertThat(c.latency()).isPositive());
    }

    @Test
    void a_budget_is_reserved_once_per_call_not_per_attempt() {
      failFirst(2, () -> error(ErrorKind.SERVER_ERROR));
      dev.llmkit.core.budget.Budget budget = dev.llmkit.core.budget.Budget.of("b", Cost.usd("1"));
      Llm llm = llm(fast().maxOutputTokens(100).inputCostPerToken(new BigDecimal("0.000001"))
          .outputCostPerToken(new BigDecimal("0.000002")), b -> b.budget(budget));

      llm.complete(hello);

      assertThat(budget.spent()).isEqualTo(Cost.usd("0.00002"));
      assertThat(budget.reserved()).isEqualTo(Cost.ZERO);
    }
  }

  @Nested
  class CancellationAndDeadline {
    @Test
    void cancelling_during_a_backoff_wait_stops_at_once_and_records_one_cancellation() {
      failFirst(1, () -> error(ErrorKind.SERVER_ERROR));
      CountDownLatch waiting = new CountDownLatch(1);
      Llm llm = llm(fast().retryMinWait(Duration.ofSeconds(10)).retryMaxWait(Duration.ofSeconds(10)),
          b -> b.retryListener((retry, max, cause) -> waiting.countDown()));
      CompletableFuture<ChatResponse> f = llm.completeAsync(hello);
      await("the retry waits", () -> waiting.getCount() == 0);
      long start = System.nanoTime();

      assertThat(f.cancel(true)).isTrue();

      assertThatThrownBy(f::join).isInstanceOf(CancellationException.class);
      await("the cancellation is recorded", () -> recordedErrors(llm).size() == 2);
      assertThat(millisBetween(start, System.nanoTime())).isLessThan(1_000L);
      assertThat(recordedErrors(llm)).containsExactly(ErrorKind.SERVER_ERROR, ErrorKind.CANCELLED);
      assertThat(provider.requests).hasSize(1); // the retry was never sent
    }

    @Test
    void the_overall_deadline_bounds_every_attempt_and_wait_and_is_recorded_as_a_timeout() {
      failFirst(1_000, () -> error(ErrorKind.SERVER_ERROR));
      Llm llm = llm(LlmConfig.builder().model("fake/m").numRetries(50).timeout(Duration.ofMillis(300))
          .retryMinWait(Duration.ofMillis(80)).retryMaxWait(Duration.ofMillis(80)));
      long start = System.nanoTime();

      assertThatThrownBy(() -> llm.complete(hello)).isInstanceOf(LlmTimeoutException.class)
          .hasMessageContaining("did not finish within PT0.3S (LlmConfig.timeout) after");

      long took = millisBetween(start, System.nanoTime());
      assertThat(took).isBetween(280L, 1_500L);
      int sent = provider.requests.size();
      assertThat(sent).isBetween(2, 6);
      await("the timeout is recorded", () -> recordedErrors(llm).size() == sent + 1);
      assertThat(recordedErrors(llm).get(sent)).isEqualTo(ErrorKind.TIMEOUT);
    }

    @Test
    void the_overall_deadline_bounds_the_retries_of_a_stream_too() {
      provider.streams(r -> FakeProvider.events(List.of(), error(ErrorKind.OVERLOADED)));
      Llm llm = llm(LlmConfig.builder().model("fake/m").numRetries(50).timeout(Duration.ofMillis(300))
          .retryMinWait(Duration.ofMillis(80)).retryMaxWait(Duration.ofMillis(80)));
      long start = System.nanoTime();

      assertThatThrownBy(() -> llm.stream(hello).collect()).isInstanceOfSatisfying(LlmTimeoutException.class, e -> {
        assertThat(e.midStream()).isFalse();
        assertThat(e.getMessage()).contains("first event", "(LlmConfig.timeout) after");
      });

      assertThat(millisBetween(start, System.nanoTime())).isBetween(280L, 1_500L);
      int sent = provider.requests.size();
      await("the timeout is recorded", () -> recordedErrors(llm).size() == sent + 1);
      assertThat(recordedErrors(llm).get(sent)).isEqualTo(ErrorKind.TIMEOUT);
    }

    @Test
    void a_per_call_deadline_set_by_an_interceptor_overrides_the_config() {
      provider.holdAsync();
      Llm llm = llm(fast().timeout(Duration.ofMinutes(5)), b -> b.interceptor(new LlmInterceptor() {
        @Override
        public CompletableFuture<ChatResponse> intercept(Chain chain) {
          chain.call().setAttribute(CallAttributes.TIMEOUT, Duration.ofMillis(100));
          return chain.proceed(chain.call());
        }
      }));

      assertThatThrownBy(() -> llm.complete(hello)).isInstanceOf(LlmTimeoutException.class)
          .hasMessageContaining("within PT0.1S (CallAttributes.TIMEOUT)");
      assertThat(provider.pendingAsync()).isCancelled();
    }

    @Test
    void a_stream_whose_first_event_does_not_come_within_the_idle_timeout_is_retried() {
      AtomicInteger n = new AtomicInteger();
      provider.streams(r -> n.incrementAndGet() == 1
          ? subscriber -> subscriber.onSubscribe(new java.util.concurrent.Flow.Subscription() {
              @Override public void request(long k) {}
              @Override public void cancel() {}
            })
          : FakeProvider.events(List.of(new ChatEvent.TextDelta("ok"),
              new ChatEvent.Completed(FakeProvider.reply("ok", Usage.of(10, 5)))), null));
      Llm llm = llm(fast().streamIdleTimeout(Duration.ofMillis(150)));

      ChatResponse r = llm.stream(hello).collect();

      assertThat(r.text()).isEqualTo("ok");
      assertThat(recordedErrors(llm)).containsExactly(ErrorKind.TIMEOUT, null);
    }
  }

  @Nested
  class CircuitBreaker {
    private final ResilienceRegistry registry = ResilienceRegistry.inMemory();

    private Llm breaking(Duration cooldown) {
      return llm(fast().numRetries(0), b -> b.resilienceRegistry(registry).circuitBreaker(CircuitBreakerPolicy.of(3, cooldown)));
    }

    /** Waits, boundedly, for the cooldown to pass: the breaker then reports itself half-open. */
    private void awaitHalfOpen() throws InterruptedException {
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
      while (registry.circuitState("fake", "m").status() != CircuitState.Status.HALF_OPEN) {
        assertThat(System.nanoTime()).as("the circuit half-opens after its cooldown").isLessThan(deadline);
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
      }
    }

    @SuppressWarnings("unchecked")
    private int gauge() {
      return ((Gauge<Integer>) metrics.getGauges().get("llm.fake.m.circuit.state")).getValue();
    }

    @Test
    void it_opens_after_repeated_failures_refuses_fast_then_half_opens_and_closes_on_a_successful_probe() throws Exception {
      failFirst(3, () -> error(ErrorKind.OVERLOADED));
      Llm llm = breaking(Duration.ofMillis(200));
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> llm.complete(hello)).hasMessageContaining("OVERLOADED from the fake");
      }
      assertThat(registry.circuitState("fake", "m").status()).isEqualTo(CircuitState.Status.OPEN);
      assertThat(gauge()).isEqualTo(2);

      assertThatThrownBy(() -> llm.complete(hello)).isInstanceOfSatisfying(LlmException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED);
        assertThat(e.getMessage()).contains("circuit breaker of fake/m is open after 3 failed attempts in a row",
            "calls are refused until");
        assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive());
      });
      assertThat(provider.requests).hasSize(3); // refused without being sent
      assertThat(metrics.meter("llm.fake.m.circuit.opened").getCount()).isEqualTo(1);
      assertThat(metrics.meter("llm.fake.m.rejected.circuit-open").getCount()).isEqualTo(1);

      awaitHalfOpen();
      assertThat(llm.complete(hello).text()).isEqualTo("ok"); // the probe
      assertThat(registry.circuitState("fake", "m")).isEqualTo(CircuitState.CLOSED);
      assertThat(gauge()).isZero();
    }

    @Test
    void a_failed_probe_opens_it_again() throws Exception {
      failFirst(4, () -> error(ErrorKind.SERVER_ERROR));
      Llm llm = breaking(Duration.ofMillis(100));
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> llm.complete(hello)).isInstanceOf(LlmException.class);
      }
      awaitHalfOpen();

      assertThatThrownBy(() -> llm.complete(hello)).hasMessageContaining("SERVER_ERROR from the fake");

      assertThat(registry.circuitState("fake", "m").status()).isEqualTo(CircuitState.Status.OPEN);
      assertThat(provider.requests).hasSize(4);
    }

    @Test
    void errors_that_show_the_model_answering_do_not_open_it() {
      failFirst(10, () -> error(ErrorKind.INVALID_REQUEST));
      Llm llm = breaking(Duration.ofSeconds(30));
      for (int i = 0; i < 5; i++) {
        assertThatThrownBy(() -> llm.complete(hello)).isInstanceOf(LlmException.class);
      }
      assertThat(registry.circuitState("fake", "m")).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void two_llms_sharing_a_registry_share_the_circuit_of_their_model() {
      failFirst(3, () -> error(ErrorKind.OVERLOADED));
      Llm agent = breaking(Duration.ofSeconds(30));
      Llm condenser = breaking(Duration.ofSeconds(30));
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> agent.complete(hello)).isInstanceOf(LlmException.class);
      }

      assertThatThrownBy(() -> condenser.complete(hello)).hasMessageContaining("circuit breaker of fake/m is open");
    }

    @Test
    void a_stream_is_refused_by_an_open_circuit_too() {
      failFirst(3, () -> error(ErrorKind.OVERLOADED));
      Llm llm = breaking(Duration.ofSeconds(30));
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> llm.complete(hello)).isInstanceOf(LlmException.class);
      }

      assertThatThrownBy(() -> llm.stream(hello).collect()).hasMessageContaining("circuit breaker of fake/m is open");
      assertThat(provider.requests).hasSize(3);
    }
  }

  @Nested
  class RateLimits {
    private final InMemoryRateLimitStore buckets = new InMemoryRateLimitStore();
    private final ResilienceRegistry registry = ResilienceRegistry.of(
        new dev.llmkit.core.resilience.InMemoryCircuitBreakerStore(), buckets,
        new dev.llmkit.core.resilience.InMemoryBulkheadStore());

    @Test
    void an_attempt_waits_for_its_request_permit_then_one_that_would_wait_too_long_is_refused() {
      // 600 a minute: one every 100 ms once the minute's allowance is spent.
      Llm llm = llm(fast().numRetries(0), b -> b.resilienceRegistry(registry)
          .rateLimit(new RateLimitPolicy(600, 0, Duration.ofMillis(150))));
      buckets.reserve("fake/m/requests", 600, 600, Duration.ZERO);
      long start = System.nanoTime();

      CompletableFuture<ChatResponse> waits = llm.completeAsync(hello);
      Throwable refused = catchThrowable(() -> llm.complete(hello));

      assertThat(refused).isInstanceOfSatisfying(RateLimitException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.getMessage()).contains("client-side rate limit of fake/m (600 requests/min)",
            "longer than the PT0.15S allowed", "it was not sent");
        assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isGreaterThan(Duration.ofMillis(150)));
      });
      assertThat(waits.orTimeout(2, TimeUnit.SECONDS).join().text()).isEqualTo("ok");
      assertThat(millisBetween(start, System.nanoTime())).isGreaterThanOrEqualTo(60L);
      assertThat(provider.requests).hasSize(1);
      assertThat(metrics.meter("llm.fake.m.rejected.rate-limit").getCount()).isEqualTo(1);
    }

    // A store whose clock stands still, so that no permit refills while a test looks.
    private final InMemoryRateLimitStore frozen = new InMemoryRateLimitStore(() -> 0L);
    private final ResilienceRegistry frozenRegistry = ResilienceRegistry.of(
        new dev.llmkit.core.resilience.InMemoryCircuitBreakerStore(), frozen,
        new dev.llmkit.core.resilience.InMemoryBulkheadStore());

    @Test
    void the_token_estimate_is_corrected_to_the_usage_reported() {
      Llm llm = llm(fast().maxOutputTokens(1_000), b -> b.resilienceRegistry(frozenRegistry)
          .rateLimit(RateLimitPolicy.perMinute(0, 100_000)));

      llm.complete(hello); // reserves the prompt's estimate + 1,000; the usage was 10 + 5

      assertThat(frozen.available("fake/m/tokens")).isEqualTo(100_000.0 - 15);
    }

    @Test
    void a_call_whose_tokens_would_wait_too_long_is_refused_before_it_is_sent() {
      Llm llm = llm(fast().maxOutputTokens(5_000), b -> b.resilienceRegistry(frozenRegistry)
          .rateLimit(RateLimitPolicy.perMinute(0, 1_000).withMaxWait(Duration.ofMillis(100))));

      assertThatThrownBy(() -> llm.complete(hello)).isInstanceOf(RateLimitException.class)
          .hasMessageContaining("tokens");
      assertThat(provider.requests).isEmpty();
      assertThat(frozen.available("fake/m/tokens")).isEqualTo(1_000.0); // nothing was taken
    }
  }

  @Nested
  class Bulkhead {
    @Test
    void calls_beyond_the_limit_in_flight_are_refused_without_being_sent() {
      provider.holdAsync();
      Llm llm = llm(fast(), b -> b.bulkhead(BulkheadPolicy.of(1)));
      CompletableFuture<ChatResponse> first = llm.completeAsync(hello);

      assertThatThrownBy(() -> llm.complete(hello)).isInstanceOfSatisfying(LlmException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED);
        assertThat(e.getMessage()).contains("bulkhead of provider 'fake' is full: 1 calls in flight");
      });
      assertThat(provider.requests).hasSize(1);

      provider.pendingAsync().complete(FakeProvider.reply("ok", Usage.of(1, 1)));
      assertThat(first.join().text()).isEqualTo("ok");
      CompletableFuture<ChatResponse> third = llm.completeAsync(hello); // the place is free again
      provider.pendingAsync().complete(FakeProvider.reply("ok", Usage.of(1, 1)));
      assertThat(third.orTimeout(2, TimeUnit.SECONDS).join().text()).isEqualTo("ok");
    }

    @Test
    void a_call_waits_for_a_place_when_allowed_to() {
      provider.holdAsync();
      Llm llm = llm(fast(), b -> b.bulkhead(BulkheadPolicy.of(1).withMaxWait(Duration.ofSeconds(5))));
      CompletableFuture<ChatResponse> first = llm.completeAsync(hello);
      CompletableFuture<ChatResponse> firstPending = provider.pendingAsync();
      CompletableFuture<ChatResponse> second = llm.completeAsync(hello);
      assertThat(provider.requests).hasSize(1);

      firstPending.complete(FakeProvider.reply("one", Usage.of(1, 1)));
      await("the second call is sent", () -> provider.requests.size() == 2);
      provider.pendingAsync().complete(FakeProvider.reply("two", Usage.of(1, 1)));

      assertThat(first.join().text()).isEqualTo("one");
      assertThat(second.orTimeout(2, TimeUnit.SECONDS).join().text()).isEqualTo("two");
    }
  }

  @Test
  void guice_wires_the_same_retries_and_exposes_the_registry() {
    failFirst(1, () -> error(ErrorKind.SERVER_ERROR));
    ResilienceRegistry shared = ResilienceRegistry.inMemory();
    Injector injector = Guice.createInjector(Modules.override(new LlmModule(fast().build())
        .withResilience(ResilienceOptions.builder().registry(shared).build())).with(new AbstractModule() {
          @Provides
          PluginRegistry registry() {
            return PluginRegistry.of(List.of(factory), List.of());
          }
        }));

    ChatResponse r = injector.getInstance(Llm.class).complete(hello);

    assertThat(attempts(r)).isEqualTo(2);
    assertThat(injector.getInstance(ResilienceRegistry.class)).isSameAs(shared);
  }

  /** The request the provider saw for an attempt. */
  @SuppressWarnings("unused")
  private ProviderRequest sent(int attempt) {
    return provider.requests.get(attempt);
  }
}
