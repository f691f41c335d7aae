package dev.llmkit.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.RouteDecision;
import dev.llmkit.api.RoutingConfig;
import dev.llmkit.api.Usage;
import dev.llmkit.core.PluginRegistry;
import dev.llmkit.core.fake.FakeProvider;
import dev.llmkit.core.fake.FakeProviderFactory;
import dev.llmkit.spi.RouteCandidate;
import dev.llmkit.spi.RouteOutcome;
import dev.llmkit.spi.RoutePlan;
import dev.llmkit.spi.Router;
import dev.llmkit.spi.RouterContext;
import dev.llmkit.spi.RouterFactory;
import dev.llmkit.spi.RoutingRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RoutingLlmTest {
  private static final ChatRequest HELLO = ChatRequest.of(Message.user("hello"));

  private final FakeProvider a = new FakeProvider();
  private final FakeProvider b = new FakeProvider();
  private final List<String> events = new CopyOnWriteArrayList<>();

  /** A router whose plan is a function of the request; it records every callback. */
  private final class ScriptedRouter implements RouterFactory {
    private final Function<RoutingRequest, RoutePlan> plan;
    volatile Map<String, String> settings = Map.of();

    ScriptedRouter(Function<RoutingRequest, RoutePlan> plan) {
      this.plan = plan;
    }

    @Override public String id() {
      return "scripted";
    }

    @Override public Router create(Map<String, String> settings, RouterContext context) {
      this.settings = settings;
      assertThat(context.candidates()).extracting(RouteCandidate::name).containsExactly("a", "b");
      return new Router() {
        @Override public RoutePlan plan(RoutingRequest request) {
          return plan.apply(request);
        }

        @Override public void onStart(RouteCandidate candidate) {
          events.add("start " + candidate.name());
        }

        @Override public void onOutcome(RouteCandidate candidate, RouteOutcome outcome) {
          events.add("outcome " + candidate.name() + " " + (outcome.succeeded() ? "ok" : outcome.error()));
        }
      };
    }
  }

  private RoutingLlm build(RouterFactory router) {
    return build(router, Map.of());
  }

  private RoutingLlm build(RouterFactory router, Map<String, String> settings) {
    return LlmRouting.builder()
        .config(RoutingConfig.builder(router.id())
            .candidate("a", LlmConfig.builder().model("fa/model-a").numRetries(0).build())
            .candidate("b", LlmConfig.builder().model("fb/model-b").numRetries(0).build())
            .settings(settings)
            .build())
        .registry(PluginRegistry.of(List.of(new FakeProviderFactory("fa", a, ModelFeatures.BASIC),
            new FakeProviderFactory("fb", b, ModelFeatures.BASIC)), List.of(router)))
        .candidates((name, builder) -> builder.env(Map.of()))
        .build();
  }

  private static LlmException overloaded() {
    return LlmException.builder(ErrorKind.OVERLOADED, "overloaded").httpStatus(529).build();
  }

  @Test
  void an_unknown_router_is_a_configuration_error_listing_the_installed_ones() {
    assertThatThrownBy(() -> LlmRouting.builder()
        .config(RoutingConfig.builder("nope").candidate("a", LlmConfig.builder().model("fa/model-a").numRetries(0).build()).build())
        .registry(PluginRegistry.of(List.of(new FakeProviderFactory("fa", a, ModelFeatures.BASIC)), List.of()))
        .router(new ScriptedRouter(r -> RoutePlan.single("a", "x")))
        .build())
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
        .hasMessageContaining("no router 'nope'")
        .hasMessageContaining("[scripted]");
  }

  @Test
  void an_unknown_router_lists_the_routers_the_registry_has() {
    assertThatThrownBy(() -> LlmRouting.builder()
        .config(RoutingConfig.builder("nope").candidate("a", LlmConfig.builder().model("fa/model-a").numRetries(0).build()).build())
        .registry(PluginRegistry.of(List.of(new FakeProviderFactory("fa", a, ModelFeatures.BASIC)),
            List.of(new ScriptedRouter(r -> RoutePlan.single("a", "x")))))
        .build())
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
        .hasMessageContaining("no router 'nope'")
        .hasMessageContaining("[scripted]");
  }

  @Test
  void the_plan_falls_back_on_a_listed_error_and_the_decision_is_recorded() {
    a.fail(overloaded());
    RoutingLlm llm = build(new ScriptedRouter(r -> RoutePlan.ordered(List.of("a", "b"), "test")));

    ChatResponse response = llm.complete(HELLO);

    RouteDecision decision = response.metadata().attributes().get(RouteDecision.KEY).orElseThrow();
    assertThat(decision).isEqualTo(new RouteDecision("scripted", "b", "test", List.of("a", "b")));
    assertThat(decision.fellBack()).isTrue();
    assertThat(events).containsExactly("start a", "outcome a OVERLOADED", "start b", "outcome b ok");
    assertThat(llm.metrics().snapshot().calls()).isEqualTo(2);
    assertThat(llm.metrics().snapshot().failures()).isEqualTo(1);
  }

  @Test
  void async_calls_fall_back_too() throws Exception {
    a.fail(overloaded());
    RoutingLlm llm = build(new ScriptedRouter(r -> RoutePlan.ordered(List.of("a", "b"), "test")));

    ChatResponse response = llm.completeAsync(HELLO).get(5, TimeUnit.SECONDS);

    assertThat(response.metadata().attributes().get(RouteDecision.KEY).orElseThrow().candidate()).isEqualTo("b");
    assertThat(events).containsExactly("start a", "outcome a OVERLOADED", "start b", "outcome b ok");
  }

  @Test
  void max_attempts_from_the_settings_bounds_the_call_and_the_router_never_sees_it() {
    a.fail(overloaded());
    ScriptedRouter router = new ScriptedRouter(r -> RoutePlan.ordered(List.of("a", "b"), "test"));
    RoutingLlm llm = build(router, Map.of("max_attempts", "1", "deadline", "30", "own", "kept"));

    assertThatThrownBy(() -> llm.complete(HELLO))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED));
    assertThat(b.requests).isEmpty(); // the one attempt went to a: nothing left to fall back with
    assertThat(router.settings).containsExactly(Map.entry("own", "kept"));
  }

  @Test
  void the_default_budget_leaves_one_try_for_each_fallback() {
    a.fail(overloaded());
    RoutingLlm llm = build(new ScriptedRouter(r -> RoutePlan.ordered(List.of("a", "b"), "test")));

    assertThat(llm.complete(HELLO).metadata().attributes().get(RouteDecision.KEY).orElseThrow().candidate()).isEqualTo("b");
    assertThat(a.requests).hasSize(1);
  }

  @Test
  void invalid_host_settings_name_the_key_and_what_is_expected() {
    assertThatThrownBy(() -> build(new ScriptedRouter(r -> RoutePlan.single("a", "x")), Map.of("max_attempts", "zero")))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
        .hasMessageContaining("'max_attempts' is 'zero'")
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> build(new ScriptedRouter(r -> RoutePlan.single("a", "x")), Map.of("deadline", "-5")))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
        .hasMessageContaining("'deadline' is '-5'")
        .hasMessageContaining("seconds");
  }

  @Test
  void an_error_the_plan_does_not_list_ends_the_call() {
    a.fail(LlmException.builder(ErrorKind.AUTHENTICATION, "bad key").build());
    RoutingLlm llm = build(new ScriptedRouter(r -> RoutePlan.ordered(List.of("a", "b"), "test")));

    assertThatThrownBy(() -> llm.complete(HELLO))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION));
    assertThat(b.requests).isEmpty();
  }

  @Test
  void each_candidate_is_tried_once_even_when_a_chain_names_it_again() {
    a.fail(overloaded());
    b.fail(overloaded());
    RoutingLlm llm = build(new ScriptedRouter(r -> RoutePlan.ordered(List.of("a", "b"), "test")
        .withChain(ErrorKind.OVERLOADED, List.of("b", "a"))));

    assertThatThrownBy(() -> llm.complete(HELLO)).isInstanceOf(LlmException.class);
    assertThat(events).containsExactly("start a", "outcome a OVERLOADED", "start b", "outcome b OVERLOADED");
  }

  @Test
  void a_plan_naming_an_unknown_candidate_is_a_configuration_error() {
    RoutingLlm llm = build(new ScriptedRouter(r -> RoutePlan.single("zzz", "bad")));

    assertThatThrownBy(() -> llm.complete(HELLO))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
        .hasMessageContaining("'zzz'")
        .hasMessageContaining("[a, b]");
  }

  @Test
  void the_routing_request_carries_the_estimate_and_the_conversation_key() {
    List<RoutingRequest> seen = new CopyOnWriteArrayList<>();
    RoutingLlm llm = build(new ScriptedRouter(r -> {
      seen.add(r);
      return RoutePlan.single("a", "x");
    }));

    llm.forConversation("c-1").complete(HELLO);

    assertThat(seen).singleElement().satisfies(r -> {
      assertThat(r.conversationKey()).isEqualTo("c-1");
      assertThat(r.estimatedInputTokens()).isPositive();
      assertThat(r.names()).containsExactly("a", "b");
    });
  }

  @Test
  void a_failed_candidate_cools_down() {
    a.fail(overloaded());
    List<RoutingRequest> seen = new CopyOnWriteArrayList<>();
    RoutingLlm llm = build(new ScriptedRouter(r -> {
      seen.add(r);
      return RoutePlan.ordered(List.of("a", "b"), "x");
    }));

    llm.complete(HELLO);
    llm.complete(HELLO);

    RouteCandidate second = seen.get(1).candidate("a");
    assertThat(second.health().coolingDown(java.time.Instant.now())).isTrue();
    assertThat(second.stats().errorRate()).isPositive();
  }

  @Test
  void a_candidate_whose_circuit_opened_is_reported_to_the_router_as_unavailable() {
    a.fail(overloaded());
    List<RoutingRequest> seen = new CopyOnWriteArrayList<>();
    RoutingLlm llm = LlmRouting.builder()
        .config(RoutingConfig.builder("scripted")
            .candidate("a", LlmConfig.builder().model("fa/model-a").numRetries(0).build())
            .candidate("b", LlmConfig.builder().model("fb/model-b").numRetries(0).build())
            .build())
        .registry(PluginRegistry.of(List.of(new FakeProviderFactory("fa", a, ModelFeatures.BASIC),
            new FakeProviderFactory("fb", b, ModelFeatures.BASIC)), List.of(new ScriptedRouter(r -> {
              seen.add(r);
              return RoutePlan.ordered(List.of("a", "b"), "x");
            }))))
        .cooldown(java.time.Duration.ZERO) // only the circuit can make "a" unavailable here
        .candidates((name, builder) -> builder.env(Map.of())
            .circuitBreaker(dev.llmkit.core.resilience.CircuitBreakerPolicy.of(1, java.time.Duration.ofMinutes(5))))
        .build();

    llm.complete(HELLO); // "a" fails once: its circuit opens; "b" answers
    llm.complete(HELLO);

    RouteCandidate first = seen.get(0).candidate("a");
    RouteCandidate second = seen.get(1).candidate("a");
    assertThat(first.health().circuitOpen()).isFalse();
    assertThat(second.health().circuitOpen()).isTrue();
    assertThat(second.healthy()).isFalse();
    assertThat(seen.get(1).candidate("b").health().circuitOpen()).isFalse();
  }

  @Test
  void a_stream_falls_back_before_its_first_event() throws Exception {
    RoutingLlm llm = build(new ScriptedRouter(r -> RoutePlan.ordered(List.of("a", "b"), "test")));
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    List<ChatEvent> received = new CopyOnWriteArrayList<>();
    llm.stream(HELLO).subscribe(new Flow.Subscriber<>() {
      @Override public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override public void onNext(ChatEvent item) {
        received.add(item);
        if (item instanceof ChatEvent.Completed c) {
          done.complete(c.response());
        }
      }

      @Override public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override public void onComplete() {}
    });

    awaitSubscriber(a);
    a.lastStream.closeExceptionally(overloaded());
    awaitSubscriber(b);
    b.lastStream.submit(new ChatEvent.TextDelta("hi"));
    b.lastStream.submit(new ChatEvent.Completed(FakeProvider.reply("hi", Usage.of(3, 1))));
    b.lastStream.close();

    ChatResponse response = done.get(5, TimeUnit.SECONDS);
    assertThat(response.metadata().attributes().get(RouteDecision.KEY).orElseThrow().tried()).containsExactly("a", "b");
    assertThat(received.get(0)).isEqualTo(new ChatEvent.TextDelta("hi"));
    awaitEvents(4);
    assertThat(events).containsExactly("start a", "outcome a OVERLOADED", "start b", "outcome b ok");
  }

  @Test
  void a_stream_does_not_fall_back_after_its_first_event() {
    RoutingLlm llm = build(new ScriptedRouter(r -> RoutePlan.ordered(List.of("a", "b"), "test")));
    CompletableFuture<Throwable> failed = new CompletableFuture<>();
    llm.stream(HELLO).subscribe(new Flow.Subscriber<>() {
      @Override public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override public void onNext(ChatEvent item) {}

      @Override public void onError(Throwable t) {
        failed.complete(t);
      }

      @Override public void onComplete() {}
    });

    awaitSubscriber(a);
    a.lastStream.submit(new ChatEvent.TextDelta("partial"));
    a.lastStream.closeExceptionally(overloaded());

    assertThat(failed.join()).isInstanceOf(LlmException.class);
    assertThat(b.requests).isEmpty();
  }

  @Test
  void collect_returns_the_routed_response() {
    RoutingLlm llm = build(new ScriptedRouter(r -> RoutePlan.single("b", "only-b")));
    CompletableFuture<ChatResponse> collected = CompletableFuture.supplyAsync(() -> llm.stream(HELLO).collect());
    awaitSubscriber(b);
    b.lastStream.submit(new ChatEvent.Completed(FakeProvider.reply("done", Usage.of(1, 1))));
    b.lastStream.close();

    assertThat(collected.join().metadata().attributes().get(RouteDecision.KEY).orElseThrow().reason()).isEqualTo("only-b");
  }

  @Test
  void a_plan_delay_is_waited_before_the_first_attempt() {
    RoutingLlm llm = build(new ScriptedRouter(r -> RoutePlan.single("a", "wait").withDelay(Duration.ofMillis(150))));
    long t0 = System.nanoTime();
    llm.completeAsync(HELLO).join();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(140));
  }

  @Test
  void a_blocking_call_waits_out_the_plan_delay_and_an_interrupt_ends_the_wait_unsent() {
    RoutingLlm llm = build(new ScriptedRouter(r -> RoutePlan.single("a", "wait").withDelay(Duration.ofMillis(150))));
    long t0 = System.nanoTime();
    llm.complete(HELLO);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(140));

    RoutingLlm waiting = build(new ScriptedRouter(r -> RoutePlan.single("a", "wait").withDelay(Duration.ofHours(1))));
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> waiting.complete(HELLO))
          .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED));
      assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept for the caller").isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(a.requests).as("only the first call was sent").hasSize(1);
  }

  @Test
  void an_old_style_router_that_only_chooses_still_works() {
    RouterFactory old = new RouterFactory() {
      @Override public String id() {
        return "old";
      }

      @Override public Router create(Map<String, String> settings, RouterContext context) {
        return new Router() {
          @Override
          @SuppressWarnings("deprecation")
          public RouteCandidate choose(ChatRequest request, List<RouteCandidate> candidates) {
            return candidates.get(1);
          }
        };
      }
    };
    RoutingLlm llm = build(old);
    assertThat(llm.complete(HELLO).metadata().attributes().get(RouteDecision.KEY).orElseThrow().candidate())
        .isEqualTo("b");
  }

  @Test
  void a_deadline_bounds_the_whole_call_and_stops_fallbacks() {
    a.holdAsync();
    RoutingLlm llm = LlmRouting.builder()
        .config(RoutingConfig.builder("scripted")
            .candidate("a", LlmConfig.builder().model("fa/model-a").numRetries(0).build())
            .candidate("b", LlmConfig.builder().model("fb/model-b").numRetries(0).build())
            .build())
        .registry(PluginRegistry.of(List.of(new FakeProviderFactory("fa", a, ModelFeatures.BASIC),
            new FakeProviderFactory("fb", b, ModelFeatures.BASIC)), List.of(new ScriptedRouter(
                r -> RoutePlan.ordered(List.of("a", "b"), "test")))))
        .candidates((name, builder) -> builder.env(Map.of()))
        .deadline(Duration.ofMillis(200))
        .build();

    assertThatThrownBy(() -> llm.complete(HELLO))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT));
    assertThat(b.requests).isEmpty();
  }

  @Test
  void a_stream_can_be_iterated() {
    RoutingLlm llm = build(new ScriptedRouter(r -> RoutePlan.single("b", "x")));
    CompletableFuture<List<ChatEvent>> read = CompletableFuture.supplyAsync(() -> {
      List<ChatEvent> all = new java.util.ArrayList<>();
      for (ChatEvent e : llm.stream(HELLO)) {
        all.add(e);
      }
      return all;
    });
    awaitSubscriber(b);
    b.lastStream.submit(new ChatEvent.TextDelta("x"));
    b.lastStream.submit(new ChatEvent.Completed(FakeProvider.reply("x", Usage.of(1, 1))));
    b.lastStream.close();

    assertThat(read.join()).hasSize(2).last().isInstanceOfSatisfying(ChatEvent.Completed.class,
        c -> assertThat(c.response().metadata().attributes().get(RouteDecision.KEY)).isPresent());
  }

  @Test
  void the_guice_module_binds_a_routing_llm() {
    RoutingLlm llm = com.google.inject.Guice.createInjector(new RoutingModule(
        RoutingConfig.builder("scripted").candidate("a", LlmConfig.builder().model("fa/model-a").numRetries(0).build()).candidate("b", LlmConfig.builder().model("fb/model-b").numRetries(0).build()).build(),
        builder -> builder
            .registry(PluginRegistry.of(List.of(new FakeProviderFactory("fa", a, ModelFeatures.BASIC),
                new FakeProviderFactory("fb", b, ModelFeatures.BASIC)), List.of(new ScriptedRouter(r -> RoutePlan.single("a", "x")))))
            .candidates((name, b2) -> b2.env(Map.of()))))
        .getInstance(RoutingLlm.class);
    assertThat(llm.complete(HELLO).metadata().attributes().get(RouteDecision.KEY).orElseThrow().candidate()).isEqualTo("a");
  }

  /** A SubmissionPublisher drops what it gets before its subscriber arrives: wait for the subscriber. */
  private static void awaitSubscriber(FakeProvider provider) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while ((provider.lastStream == null || provider.lastStream.getNumberOfSubscribers() == 0) && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
  }

  private void awaitEvents(int n) throws InterruptedException {
    for (int i = 0; i < 200 && events.size() < n; i++) {
      Thread.sleep(10);
    }
  }
}
