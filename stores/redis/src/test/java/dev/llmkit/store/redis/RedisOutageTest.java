package dev.llmkit.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.Cost;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.Usage;
import dev.llmkit.core.Llms;
import dev.llmkit.core.resilience.CircuitBreakerPolicy;
import dev.llmkit.core.resilience.CircuitState;
import dev.llmkit.core.resilience.RateLimitPolicy;
import dev.llmkit.core.store.FailPolicy;
import dev.llmkit.core.store.SharedStoreKind;
import dev.llmkit.core.store.SharedStores;
import dev.llmkit.core.store.StoreSettings;
import dev.llmkit.testkit.mock.MockLlmServer;
import dev.llmkit.testkit.mock.MockReply;
import dev.llmkit.testkit.mock.WireDialects;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Redis killed, frozen and restarted under the stores: the fail policy holds, no call hangs, they reconnect. */
class RedisOutageTest {
  private static final Duration TTL = Duration.ofMinutes(15);
  /** Far above the 300 ms command timeout, far below a hang. */
  private static final long BOUND_MILLIS = 2_000;

  private final RedisServer server = RedisServer.start();
  private final MetricRegistry metrics = new MetricRegistry();
  private final List<SharedStores> opened = new ArrayList<>();

  @AfterEach
  void stop() {
    opened.forEach(SharedStores::close);
    server.close();
  }

  private SharedStores open(StoreSettings.Builder settings) {
    SharedStores stores = SharedStores.open(settings.build(), metrics);
    opened.add(stores);
    return stores;
  }

  private StoreSettings.Builder settings() {
    return StoreSettings.builder("redis", server.uri()).keyPrefix(RedisServerExtension.freshPrefix())
        .connectTimeout(Duration.ofSeconds(1)).commandTimeout(Duration.ofMillis(300));
  }

  private long count(SharedStoreKind store, String metric) {
    return metric.equals("round-trips") ? metrics.timer(StoreGuard.metricName(store, metric)).getCount()
        : metrics.meter(StoreGuard.metricName(store, metric)).getCount();
  }

  @Test
  void fail_open_falls_back_to_memory_with_a_metric_and_goes_back_to_redis_once_restarted() {
    SharedStores stores = open(settings().failPolicy(FailPolicy.FAIL_OPEN));
    assertThat(stores.budgets().tryReserve("b", "before", new BigDecimal("0.9"), BigDecimal.ONE, TTL)).isTrue();
    assertThat(stores.budgets().tryReserve("b", "refused", new BigDecimal("0.9"), BigDecimal.ONE, TTL)).isFalse();

    server.kill();

    // in memory now: this process's own, empty ledger
    assertThat(timed(() -> stores.budgets().tryReserve("b", "during", new BigDecimal("0.9"), BigDecimal.ONE, TTL))).isTrue();
    assertThat(timed(() -> stores.rateLimits().reserve("k", 60, 1, Duration.ZERO).granted())).isTrue();
    assertThat(timed(() -> stores.circuits().circuit("p/m", CircuitBreakerPolicy.DEFAULT).tryAcquirePermit())).isTrue();
    assertThat(timed(() -> stores.responseCache().get("k").isEmpty())).isTrue();
    assertThat(count(SharedStoreKind.BUDGET, "fallbacks")).isEqualTo(1);
    assertThat(count(SharedStoreKind.BUDGET, "errors")).isEqualTo(1);
    assertThat(count(SharedStoreKind.RATE_LIMIT, "fallbacks")).isEqualTo(1);
    assertThat(count(SharedStoreKind.CIRCUIT, "fallbacks")).isEqualTo(1);
    assertThat(count(SharedStoreKind.RESPONSE_CACHE, "fallbacks")).isEqualTo(1);

    server.restart(); // empty: the crash lost the ledger

    long fallbacks = count(SharedStoreKind.BUDGET, "fallbacks");
    assertThat(stores.budgets().tryReserve("b", "after", new BigDecimal("0.9"), BigDecimal.ONE, TTL)).isTrue();
    assertThat(count(SharedStoreKind.BUDGET, "fallbacks")).isEqualTo(fallbacks); // answered by Redis
    SharedStores another = open(settings().keyPrefix(prefixOf(stores)).failPolicy(FailPolicy.FAIL_CLOSED));
    assertThat(another.budgets().reserved("b")).isEqualByComparingTo("0.9");
  }

  @Test
  void fail_closed_refuses_quickly_with_a_typed_error_and_works_again_once_restarted() {
    SharedStores stores = open(settings().failPolicy(FailPolicy.FAIL_CLOSED));
    stores.rateLimits().adjust("k", 60, 0);

    server.kill();

    long start = System.nanoTime();
    assertThatThrownBy(() -> stores.budgets().tryReserve("b", "x", BigDecimal.ONE, BigDecimal.TEN, TTL))
        .isInstanceOfSatisfying(LlmException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION);
          assertThat(e.getMessage()).contains("budget store on Redis at redis://127.0.0.1:" + server.port(), "FAIL_CLOSED",
              "failPolicy.budget = FAIL_OPEN");
        });
    assertThat(millisSince(start)).isLessThan(BOUND_MILLIS);
    assertThatThrownBy(() -> stores.rateLimits().reserve("k", 60, 1, Duration.ZERO)).isInstanceOf(LlmException.class);
    assertThat(count(SharedStoreKind.BUDGET, "fallbacks")).isZero();
    assertThat(count(SharedStoreKind.BUDGET, "errors")).isEqualTo(1);
    // bookkeeping of calls that already happened never throws: dropped, counted
    stores.budgets().settle("b", "earlier", BigDecimal.ONE);
    stores.rateLimits().adjust("k", 60, -1);
    stores.circuits().circuit("p/m", CircuitBreakerPolicy.DEFAULT).recordSuccess();
    stores.responseCache().put("k", new byte[] {1}, Duration.ofMinutes(1));
    assertThat(count(SharedStoreKind.BUDGET, "errors")).isEqualTo(2);
    assertThat(count(SharedStoreKind.RESPONSE_CACHE, "errors")).isEqualTo(1);
    assertThat(stores.circuits().state("p/m")).isEqualTo(CircuitState.CLOSED); // a read for routers answers from memory

    server.restart();

    assertThat(stores.budgets().tryReserve("b", "x", BigDecimal.ONE, BigDecimal.TEN, TTL)).isTrue();
    assertThat(stores.rateLimits().reserve("k", 60, 1, Duration.ZERO).granted()).isTrue();
  }

  @Test
  void a_frozen_server_never_hangs_a_call() {
    SharedStores open = open(settings().failPolicy(FailPolicy.FAIL_OPEN));
    SharedStores closed = open(settings().failPolicy(FailPolicy.FAIL_OPEN).failPolicy(SharedStoreKind.CIRCUIT, FailPolicy.FAIL_CLOSED));
    open.budgets().spent("b");
    closed.circuits().state("p/m");

    server.pause(); // accepts connections, answers nothing

    assertThat(timed(() -> open.budgets().tryReserve("b", "x", BigDecimal.ONE, BigDecimal.TEN, TTL))).isTrue();
    long start = System.nanoTime();
    assertThatThrownBy(() -> closed.circuits().circuit("p/m", CircuitBreakerPolicy.DEFAULT).tryAcquirePermit())
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION));
    assertThat(millisSince(start)).isLessThan(BOUND_MILLIS);
    assertThat(timed(() -> closed.budgets().tryReserve("b", "y", BigDecimal.ONE, BigDecimal.TEN, TTL))).isTrue(); // budget: fail open

    server.resume();

    long fallbacks = count(SharedStoreKind.BUDGET, "fallbacks");
    assertThat(open.budgets().tryReserve("b", "z", BigDecimal.ONE, BigDecimal.TEN, TTL)).isTrue();
    assertThat(count(SharedStoreKind.BUDGET, "fallbacks")).isEqualTo(fallbacks);
    assertThat(closed.circuits().circuit("p/m", CircuitBreakerPolicy.DEFAULT).tryAcquirePermit()).isTrue();
  }

  @Test
  void stores_opened_while_redis_is_down_connect_once_it_is_up() {
    server.kill();
    SharedStores stores = open(settings().failPolicy(FailPolicy.FAIL_CLOSED));
    assertThatThrownBy(() -> stores.budgets().spent("b")).isInstanceOf(LlmException.class);

    server.restart();

    assertThat(stores.budgets().spent("b")).isEqualByComparingTo("0");
  }

  @Test
  void a_real_llm_fails_closed_at_once_or_carries_on_open_when_redis_dies_mid_run() {
    try (MockLlmServer mock = MockLlmServer.start(WireDialects.openAi())) {
      mock.fallback(request -> MockReply.text("ok").withUsage(Usage.of(10, 5)));
      SharedStores closedStores = open(settings().failPolicy(FailPolicy.FAIL_CLOSED));
      SharedStores openStores = open(settings().failPolicy(FailPolicy.FAIL_OPEN));
      Llm closed = llm(mock, closedStores).budget(closedStores.budget("fleet", Cost.usd("10"))).build();
      Llm open = llm(mock, openStores).budget(openStores.budget("fleet", Cost.usd("10"))).build();
      Llm circuitClosed = llm(mock, open(settings().failPolicy(SharedStoreKind.CIRCUIT, FailPolicy.FAIL_CLOSED))).build();
      ChatRequest hello = ChatRequest.of(Message.user("hello"));
      closed.complete(hello);
      open.complete(hello);
      circuitClosed.complete(hello);

      server.kill();

      long start = System.nanoTime();
      assertThatThrownBy(() -> closed.complete(hello)).isInstanceOfSatisfying(LlmException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION);
        assertThat(e.retryable()).isFalse();
      });
      assertThat(millisSince(start)).isLessThan(BOUND_MILLIS);
      long circuitStart = System.nanoTime();
      assertThatThrownBy(() -> circuitClosed.complete(hello)).isInstanceOfSatisfying(LlmException.class,
          e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION));
      assertThat(millisSince(circuitStart)).isLessThan(BOUND_MILLIS);
      assertThat(timed(() -> open.complete(hello).text().equals("ok"))).isTrue();
      assertThat(mock.requests()).hasSize(4); // the refused calls sent nothing

      server.restart();

      assertThat(closed.complete(hello).text()).isEqualTo("ok");
      assertThat(closedStores.budget("fleet", Cost.usd("10")).spent().usd()).isPositive(); // on the new server
    }
  }

  private static Llms.Builder llm(MockLlmServer mock, SharedStores stores) {
    return Llms.builder()
        .config(LlmConfig.builder().model("openai/gpt-4o-mini").baseUrl(mock.baseUrl(WireDialects.openAi())).apiKey("mock-key")
            .maxOutputTokens(100).inputCostPerToken(new BigDecimal("0.000001")).outputCostPerToken(new BigDecimal("0.000002"))
            .build())
        .env(Map.of())
        .metricRegistry(new MetricRegistry())
        .sharedStores(stores)
        .rateLimit(RateLimitPolicy.perMinute(1_000, 1_000_000));
  }

  private static String prefixOf(SharedStores stores) {
    return stores.toString().replaceAll(".*keyPrefix ([^,]+),.*", "$1");
  }

  private static boolean timed(BooleanSupplier operation) {
    long start = System.nanoTime();
    boolean result = operation.getAsBoolean();
    assertThat(millisSince(start)).as("an operation on a dead or frozen Redis").isLessThan(BOUND_MILLIS);
    return result;
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
