package dev.llmkit.router.balancing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.RouteDecision;
import dev.llmkit.api.RoutingConfig;
import dev.llmkit.core.PluginRegistry;
import dev.llmkit.core.routing.LlmRouting;
import dev.llmkit.core.routing.RoutingLlm;
import dev.llmkit.spi.CandidateHealth;
import dev.llmkit.spi.CandidatePrices;
import dev.llmkit.spi.CandidateStats;
import dev.llmkit.spi.RouteCandidate;
import dev.llmkit.spi.RoutePlan;
import dev.llmkit.spi.Router;
import dev.llmkit.spi.RouterContext;
import dev.llmkit.spi.RoutingRequest;
import dev.llmkit.testkit.routing.ScriptedProviderFactory;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BalancingRoutingTest {
  private static final ChatRequest HELLO = ChatRequest.of(Message.user("hello"));
  private static final ModelInfo MODEL = new ModelInfo("contract", "m", ModelFeatures.BASIC, 100_000, 4_096);

  private final ScriptedProviderFactory models = new ScriptedProviderFactory();
  private final ExecutorService pool = Executors.newFixedThreadPool(64);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private RoutingLlm llm(Map<String, String> settings, Duration cooldown, String... deployments) {
    RoutingConfig.Builder config = RoutingConfig.builder("balancing").settings(settings);
    for (String d : deployments) {
      config.candidate(d, LlmConfig.builder().model("contract/" + d).numRetries(0).build());
    }
    return LlmRouting.builder()
        .config(config.build())
        .registry(PluginRegistry.of(List.of(models), List.of(new BalancingRouterFactory())))
        .candidates((name, b) -> b.env(Map.of()))
        .executor(pool)
        .cooldown(cooldown)
        .build();
  }

  private static Router router(Map<String, String> settings, String... names) {
    List<RouteCandidate> candidates = new ArrayList<>();
    for (String n : names) {
      candidates.add(RouteCandidate.of(n, MODEL));
    }
    return new BalancingRouterFactory().create(settings, new RouterContext() {
      @Override public Clock clock() {
        return Clock.systemUTC();
      }

      @Override public System.Logger logger() {
        return System.getLogger("test");
      }

      @Override public List<RouteCandidate> candidates() {
        return candidates;
      }
    });
  }

  private static RouteCandidate candidate(String name, CandidatePrices prices, CandidateHealth health, CandidateStats stats) {
    return new RouteCandidate(name, MODEL, !health.circuitOpen(), prices, health, stats);
  }

  @Test
  void least_busy_spreads_100_concurrent_calls() throws Exception {
    models.delay(Duration.ofMillis(100));
    try (RoutingLlm llm = llm(Map.of("strategy", "least_busy"), Duration.ZERO, "d1", "d2", "d3", "d4")) {
      List<CompletableFuture<ChatResponse>> calls = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        calls.add(llm.completeAsync(HELLO));
      }
      CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }
    for (String d : List.of("d1", "d2", "d3", "d4")) {
      assertThat(models.calls(d)).as(d).isBetween(20, 30);
    }
  }

  @Test
  void a_deployment_in_cooldown_is_skipped() {
    models.failWith("d1", ErrorKind.RATE_LIMITED);
    try (RoutingLlm llm = llm(Map.of("strategy", "least_busy"), Duration.ofSeconds(30), "d1", "d2")) {
      for (int i = 0; i < 10; i++) {
        llm.complete(HELLO);
      }
    }
    assertThat(models.calls("d1")).isLessThanOrEqualTo(1);
    assertThat(models.calls("d2")).isEqualTo(10);
  }

  @Test
  void when_every_deployment_cools_down_the_call_waits_for_the_first_to_recover() {
    models.failWith("d1", ErrorKind.OVERLOADED).failWith("d2", ErrorKind.OVERLOADED);
    try (RoutingLlm llm = llm(Map.of(), Duration.ofMillis(300), "d1", "d2")) {
      assertThatThrownBy(() -> llm.complete(HELLO)).isInstanceOf(LlmException.class);
      models.heal("d1").heal("d2");
      long t0 = System.nanoTime();
      ChatResponse response = llm.complete(HELLO);
      Duration waited = Duration.ofNanos(System.nanoTime() - t0);

      assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(100));
      assertThat(response.metadata().attributes().get(RouteDecision.KEY).orElseThrow().reason()).isEqualTo("cooldown-wait");
    }
  }

  @Test
  void a_cooldown_longer_than_max_wait_fails_at_once_with_a_retry_hint() {
    models.failWith("d1", ErrorKind.OVERLOADED).failWith("d2", ErrorKind.OVERLOADED);
    try (RoutingLlm llm = llm(Map.of("max_wait", "PT0.05S"), Duration.ofSeconds(30), "d1", "d2")) {
      assertThatThrownBy(() -> llm.complete(HELLO)).isInstanceOf(LlmException.class);
      assertThatThrownBy(() -> llm.complete(HELLO))
          .isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
            assertThat(e.retryAfter()).isPresent();
          })
          .hasMessageContaining("cooling down");
    }
  }

  @Test
  void weighted_random_follows_the_weights() {
    Router router = router(Map.of("weights", "a=3,b=1"), "a", "b");
    RoutingRequest request = new RoutingRequest(HELLO, 10, null, List.of(RouteCandidate.of("a", MODEL), RouteCandidate.of("b", MODEL)));
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 4_000; i++) {
      counts.merge(router.plan(request).first(), 1, Integer::sum);
    }
    assertThat(counts.get("a")).isBetween(2_700, 3_300);
  }

  @Test
  void lowest_latency_prefers_the_fast_deployment_within_the_buffer() {
    Router router = router(Map.of("strategy", "lowest_latency", "latency_buffer", "0.1"), "slow", "fast", "near");
    RoutingRequest request = new RoutingRequest(HELLO, 10, null, List.of(
        candidate("slow", null, CandidateHealth.HEALTHY, new CandidateStats(0, Duration.ofMillis(900), 0, 0, 0)),
        candidate("fast", null, CandidateHealth.HEALTHY, new CandidateStats(0, Duration.ofMillis(100), 0, 0, 0)),
        candidate("near", null, CandidateHealth.HEALTHY, new CandidateStats(0, Duration.ofMillis(105), 0, 0, 0))));
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 1_000; i++) {
      counts.merge(router.plan(request).first(), 1, Integer::sum);
    }
    assertThat(counts).doesNotContainKey("slow");
    assertThat(counts.get("fast")).isBetween(350, 650);
  }

  @Test
  void lowest_cost_picks_the_cheapest_known_price() {
    Router router = router(Map.of("strategy", "lowest_cost"), "dear", "cheap", "unknown");
    RoutePlan plan = router.plan(new RoutingRequest(HELLO, 1_000, null, List.of(
        candidate("unknown", null, CandidateHealth.HEALTHY, CandidateStats.EMPTY),
        candidate("dear", new CandidatePrices(new BigDecimal("0.00001"), new BigDecimal("0.00003")), CandidateHealth.HEALTHY, CandidateStats.EMPTY),
        candidate("cheap", new CandidatePrices(new BigDecimal("0.000001"), new BigDecimal("0.000002")), CandidateHealth.HEALTHY, CandidateStats.EMPTY))));
    assertThat(plan.order()).containsExactly("cheap", "dear", "unknown");
  }

  @Test
  void usage_based_picks_the_most_headroom() {
    Router router = router(Map.of("strategy", "usage_based", "rpm", "a=100,b=100", "tpm", "a=100000,b=10000"), "a", "b");
    RoutePlan plan = router.plan(new RoutingRequest(HELLO, 1_000, null, List.of(
        candidate("a", null, CandidateHealth.HEALTHY, new CandidateStats(0, null, 0, 90, 0)),
        candidate("b", null, CandidateHealth.HEALTHY, new CandidateStats(0, null, 0, 10, 1_000)))));
    assertThat(plan.first()).isEqualTo("b");
    plan = router.plan(new RoutingRequest(HELLO, 1_000, null, List.of(
        candidate("a", null, CandidateHealth.HEALTHY, new CandidateStats(0, null, 0, 10, 0)),
        candidate("b", null, CandidateHealth.HEALTHY, new CandidateStats(0, null, 0, 10, 9_500)))));
    assertThat(plan.first()).isEqualTo("a");
  }

  @Test
  void an_open_circuit_is_skipped() {
    Router router = router(Map.of(), "a", "b");
    for (int i = 0; i < 50; i++) {
      assertThat(router.plan(new RoutingRequest(HELLO, 10, null, List.of(
          candidate("a", null, new CandidateHealth(true, null), CandidateStats.EMPTY),
          candidate("b", null, new CandidateHealth(false, Instant.now().minusSeconds(1)), CandidateStats.EMPTY)))).order())
          .containsExactly("b");
    }
  }

  @Test
  void an_unknown_strategy_is_a_configuration_error_listing_the_strategies() {
    assertThatThrownBy(() -> router(Map.of("strategy", "fastest"), "a"))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
        .hasMessageContaining("least_busy");
  }
}
