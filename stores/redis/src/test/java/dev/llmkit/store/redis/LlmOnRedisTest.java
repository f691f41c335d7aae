package dev.llmkit.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import dev.llmkit.api.BudgetExceededException;
import dev.llmkit.api.CallAttributes;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.Cost;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.Usage;
import dev.llmkit.core.Llms;
import dev.llmkit.core.budget.Budget;
import dev.llmkit.core.resilience.CircuitBreakerPolicy;
import dev.llmkit.core.resilience.RateLimitPolicy;
import dev.llmkit.core.store.FailPolicy;
import dev.llmkit.core.store.SharedStores;
import dev.llmkit.testkit.mock.MockLlmServer;
import dev.llmkit.testkit.mock.MockReply;
import dev.llmkit.testkit.mock.WireDialects;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real {@code Llm}s (the OpenAI provider against the testkit's mock server) in two "processes", each
 * with its own connections to one real Redis: budgets, rate limits and circuits hold for both together.
 */
class LlmOnRedisTest {
  @RegisterExtension
  static final RedisServerExtension REDIS = new RedisServerExtension();

  // $1 per million input tokens, $2 per million output, 100 output tokens allowed per call.
  private static final BigDecimal INPUT = new BigDecimal("0.000001");
  private static final BigDecimal OUTPUT = new BigDecimal("0.000002");
  private static final Usage USAGE = Usage.of(10, 100);
  private static final Cost PER_CALL = new Cost(INPUT.multiply(BigDecimal.TEN).add(OUTPUT.multiply(BigDecimal.valueOf(100))));

  private final MockLlmServer mock = MockLlmServer.start(WireDialects.openAi());
  private final String prefix = RedisServerExtension.freshPrefix();
  private final ChatRequest hello = ChatRequest.of(Message.user("hello"));

  @AfterEach
  void stopMock() {
    mock.close();
  }

  private SharedStores process() {
    return REDIS.open(prefix, FailPolicy.FAIL_CLOSED);
  }

  private Llms.Builder llm(SharedStores stores) {
    return Llms.builder()
        .config(LlmConfig.builder().model("openai/gpt-4o-mini").baseUrl(mock.baseUrl(WireDialects.openAi())).apiKey("mock-key")
            .maxOutputTokens(100).numRetries(0).inputCostPerToken(INPUT).outputCostPerToken(OUTPUT).build())
        .env(Map.of())
        .metricRegistry(new MetricRegistry())
        .sharedStores(stores);
  }

  @Test
  void one_budget_on_redis_caps_two_processes_with_32_concurrent_callers_each() throws Exception {
    mock.fallback(request -> MockReply.text("ok").withUsage(USAGE));
    Cost cap = Cost.usd("0.02");
    SharedStores first = process();
    SharedStores second = process();
    List<Llm> llms = List.of(llm(first).budget(first.budget("fleet", cap)).build(),
        llm(second).budget(second.budget("fleet", cap)).build());
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    Race.run(64, thread -> {
      for (int i = 0; i < 4; i++) {
        try {
          llms.get(thread % 2).completeAsync(hello).join();
          answered.incrementAndGet();
        } catch (CompletionException e) {
          assertThat(e.getCause()).isInstanceOf(BudgetExceededException.class);
          refused.incrementAndGet();
        }
      }
    });

    Budget view = process().budget("fleet", cap);
    assertThat(answered.get()).isPositive();
    assertThat(refused.get()).isPositive();
    assertThat(view.spent().compareTo(cap)).isLessThanOrEqualTo(0);
    assertThat(view.spent()).isEqualTo(new Cost(PER_CALL.usd().multiply(BigDecimal.valueOf(answered.get()))));
    assertThat(view.reserved()).isEqualTo(Cost.ZERO);
    assertThat(mock.requests()).hasSize(answered.get()); // a refused call sends nothing
  }

  @Test
  void a_requests_per_minute_limit_on_redis_holds_for_both_processes() {
    mock.fallback(request -> MockReply.text("ok").withUsage(USAGE));
    RateLimitPolicy fivePerMinute = new RateLimitPolicy(5, 0, Duration.ZERO);
    List<Llm> llms = List.of(llm(process()).rateLimit(fivePerMinute).build(), llm(process()).rateLimit(fivePerMinute).build());

    int limited = 0;
    for (int i = 0; i < 12; i++) {
      try {
        llms.get(i % 2).complete(hello);
      } catch (LlmException e) {
        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        limited++;
      }
    }

    assertThat(mock.requests()).hasSize(5); // one refill takes 12 s: none during the test
    assertThat(limited).isEqualTo(7);
  }

  @Test
  void a_circuit_opened_by_one_process_refuses_calls_in_the_other() {
    mock.reply(MockReply.serverError(), MockReply.serverError());
    mock.fallback(request -> MockReply.text("ok").withUsage(USAGE));
    CircuitBreakerPolicy twoFailures = CircuitBreakerPolicy.of(2, Duration.ofMinutes(1));
    SharedStores second = process();
    Llm a = llm(process()).circuitBreaker(twoFailures).build();
    Llm b = llm(second).circuitBreaker(twoFailures).build();

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> a.complete(hello)).isInstanceOfSatisfying(LlmException.class,
          e -> assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR));
    }

    assertThat(second.resilienceRegistry().circuitState("openai", "gpt-4o-mini").isOpen()).isTrue();
    assertThatThrownBy(() -> b.complete(hello)).isInstanceOfSatisfying(LlmException.class,
        e -> assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED));
    assertThat(mock.requests()).hasSize(2);
  }

  @Test
  void an_answer_paid_for_in_one_process_is_a_hit_in_the_other_and_replays_as_a_stream() {
    mock.reply(MockReply.text("cached once").withUsage(USAGE));
    Llm a = llm(process()).responseCache(process().cachedResponses(Duration.ofMinutes(5))).build();
    SharedStores second = process();
    Llm b = llm(second).responseCache(second.cachedResponses(Duration.ofMinutes(5))).build();

    ChatResponse first = a.complete(hello);
    ChatResponse again;
    try (ChatStream stream = b.stream(hello)) {
      again = stream.collect();
    }

    assertThat(first.metadata().attributes().get(CallAttributes.CACHE_HIT)).contains(false);
    assertThat(again.text()).isEqualTo("cached once");
    assertThat(again.metadata().attributes().get(CallAttributes.CACHE_HIT)).contains(true);
    assertThat(again.cost()).isEqualTo(Cost.ZERO);
    assertThat(mock.requests()).as("the second process did not call the provider").hasSize(1);
  }
}
