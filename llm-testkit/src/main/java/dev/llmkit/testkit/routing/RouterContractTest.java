package dev.llmkit.testkit.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.RouteDecision;
import dev.llmkit.api.RoutingConfig;
import dev.llmkit.api.Usage;
import dev.llmkit.api.UserMessage;
import dev.llmkit.core.PluginRegistry;
import dev.llmkit.core.routing.LlmRouting;
import dev.llmkit.core.routing.RoutingLlm;
import dev.llmkit.spi.RouteCandidate;
import dev.llmkit.spi.RouteOutcome;
import dev.llmkit.spi.RoutePlan;
import dev.llmkit.spi.Router;
import dev.llmkit.spi.RouterContext;
import dev.llmkit.spi.RouterFactory;
import dev.llmkit.spi.RoutingRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The contract every router module's tests extend: the router depends on the API and the SPI only
 * (ArchUnit, on the router's own jar or classes folder), the plan names only known candidates, every
 * attempt is reported to the router, a setting that names an unknown candidate (or an unknown setting)
 * is a CONFIGURATION error, and the router stays correct under concurrent calls.
 *
 * <p>The candidates ({@link #candidates()}) are {@code primary} ({@code contract/large}: 200,000 tokens,
 * vision), {@code secondary} ({@code contract/small}: 8,192 tokens) and {@code tertiary}
 * ({@code contract/medium}: 128,000 tokens), served by a {@link ScriptedProviderFactory}.
 *
 * <pre>{@code
 * class FallbackRouterContractTest extends RouterContractTest {
 *   @Override protected RouterFactory factory() { return new FallbackRouterFactory(); }
 * }
 * }</pre>
 */
public abstract class RouterContractTest {

  /** The router under test. */
  protected abstract RouterFactory factory();

  /** Settings valid for {@link #candidates()}; none by default. */
  protected Map<String, String> settings() {
    return Map.of();
  }

  /** Settings that name a candidate {@link #candidates()} lacks; empty for a router whose settings name none. */
  protected Optional<Map<String, String>> settingsNamingUnknownCandidate() {
    return Optional.empty();
  }

  /** Candidate name to model ({@code contract/<model>}), in order of preference. */
  protected Map<String, String> candidateModels() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("primary", "contract/large");
    m.put("secondary", "contract/small");
    m.put("tertiary", "contract/medium");
    return m;
  }

  /** The candidates as a router sees them (fresh health and stats). */
  protected final List<RouteCandidate> candidates() {
    ScriptedProviderFactory models = new ScriptedProviderFactory();
    List<RouteCandidate> list = new ArrayList<>();
    candidateModels().forEach((name, model) ->
        list.add(RouteCandidate.of(name, models.describeModel(model.substring(model.indexOf('/') + 1)))));
    return list;
  }

  /** A router made by {@link #factory()} from {@code settings} over {@link #candidates()}. */
  protected final Router newRouter(Map<String, String> settings) {
    List<RouteCandidate> candidates = candidates();
    return factory().create(settings, new RouterContext() {
      @Override public Clock clock() {
        return Clock.systemUTC();
      }

      @Override public System.Logger logger() {
        return System.getLogger("dev.llmkit.testkit.router");
      }

      @Override public List<RouteCandidate> candidates() {
        return candidates;
      }
    });
  }

  /** A routing Llm over {@code provider} with {@link #factory()} and {@link #settings()}. */
  protected final RoutingLlm routingLlm(ScriptedProviderFactory provider, RouterFactory factory) {
    RoutingConfig.Builder config = RoutingConfig.builder(factory.id()).settings(settings());
    candidateModels().forEach((name, model) -> config.candidate(name, LlmConfig.builder().model(model).numRetries(0).build()));
    return LlmRouting.builder()
        .config(config.build())
        .registry(PluginRegistry.of(List.of(provider), List.of()))
        .router(factory)
        .candidates((name, b) -> b.env(Map.of()))
        .build();
  }

  /** Requests the contract plans for: a short one, one with an image, a long one. */
  protected List<ChatRequest> sampleRequests() {
    return List.of(
        ChatRequest.of(Message.user("hello")),
        ChatRequest.of(new UserMessage(List.of(new ContentPart.Text("what is this?"),
            ContentPart.Image.ofUrl("https://example.com/cat.png")))),
        ChatRequest.of(Message.user("word ".repeat(20_000))));
  }

  private RoutingRequest routing(ChatRequest request, String conversation) {
    return new RoutingRequest(request, request.messages().toString().length() / 4, conversation, candidates());
  }

  @Test
  void the_router_depends_on_the_api_and_the_spi_only() {
    Class<?> factoryClass = factory().getClass();
    String pkg = factoryClass.getPackageName();
    JavaClasses classes = new ClassFileImporter().importLocations(Set.of(Location.of(
        factoryClass.getProtectionDomain().getCodeSource().getLocation())));
    noClasses().that().resideInAPackage(pkg + "..")
        .should().dependOnClassesThat(
            resideInAnyPackage("dev.llmkit.core..", "dev.llmkit.provider..", "dev.llmkit.router..", "dev.llmkit.testkit..")
                .and(not(resideInAPackage(pkg + ".."))))
        .because("a router depends on the API and the SPI only: never the engine, a provider or another plugin")
        .check(classes);
  }

  @Test
  void the_id_is_a_stable_lowercase_word() {
    assertThat(factory().id()).matches("[a-z][a-z0-9._-]*");
    assertThat(factory().id()).isEqualTo(factory().id());
  }

  @Test
  void the_plan_names_only_known_candidates() {
    Router router = newRouter(settings());
    Set<String> known = Set.copyOf(candidateModels().keySet());
    for (ChatRequest request : sampleRequests()) {
      RoutePlan plan = router.plan(routing(request, "conversation-1"));
      assertThat(plan.order()).isNotEmpty();
      assertThat(known).containsAll(plan.names());
      assertThat(plan.reason()).isNotBlank();
    }
  }

  @Test
  void an_unknown_setting_is_a_configuration_error_naming_the_known_ones() {
    Map<String, String> bad = new HashMap<>(settings());
    bad.put("llmkit_contract_no_such_setting", "1");
    assertThatThrownBy(() -> newRouter(bad))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
        .hasMessageContaining("llmkit_contract_no_such_setting")
        .satisfies(e -> factory().settingKeys().forEach(key -> assertThat(e).hasMessageContaining(key)));
  }

  @Test
  void a_setting_naming_an_unknown_candidate_is_a_configuration_error() {
    Optional<Map<String, String>> bad = settingsNamingUnknownCandidate();
    assumeTrue(bad.isPresent(), "this router's settings name no candidates");
    assertThatThrownBy(() -> newRouter(bad.get()))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION));
  }

  @Test
  void an_unknown_candidate_name_is_an_error() {
    RoutingRequest request = routing(sampleRequests().get(0), "c");
    assertThatThrownBy(() -> request.candidate("llmkit-contract-nobody"))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
        .hasMessageContaining("llmkit-contract-nobody");
  }

  @Test
  void every_attempt_is_reported_to_the_router() {
    ScriptedProviderFactory provider = new ScriptedProviderFactory();
    Recording recording = new Recording(factory());
    try (RoutingLlm llm = routingLlm(provider, recording)) {
      for (int i = 0; i < 5; i++) {
        ChatResponse response = llm.forConversation("c-" + i).complete(sampleRequests().get(0));
        RouteDecision decision = response.metadata().attributes().get(RouteDecision.KEY).orElseThrow();
        assertThat(candidateModels()).containsKey(decision.candidate());
        assertThat(decision.router()).isEqualTo(factory().id());
      }
    }
    assertThat(recording.starts.get()).isPositive().isEqualTo(recording.outcomes.size());
    assertThat(recording.outcomes).allSatisfy(o -> {
      assertThat(o.succeeded()).isTrue();
      assertThat(o.usage()).isEqualTo(Usage.of(10, 5));
      assertThat(o.latency().isNegative()).isFalse();
    });
  }

  @Test
  void failed_attempts_are_reported_with_their_error_kind() {
    ScriptedProviderFactory provider = new ScriptedProviderFactory();
    candidateModels().values().forEach(m -> provider.failWith(m.substring(m.indexOf('/') + 1), ErrorKind.OVERLOADED));
    Recording recording = new Recording(factory());
    try (RoutingLlm llm = routingLlm(provider, recording)) {
      assertThatThrownBy(() -> llm.complete(sampleRequests().get(0)))
          .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED));
    }
    assertThat(recording.outcomes).isNotEmpty().allSatisfy(o -> assertThat(o.error()).isEqualTo(ErrorKind.OVERLOADED));
    assertThat(recording.starts.get()).isEqualTo(recording.outcomes.size());
    assertThat(recording.startedNames).doesNotHaveDuplicates();
  }

  @Test
  void the_router_is_thread_safe_under_concurrent_plans_and_outcomes() throws Exception {
    Router router = newRouter(settings());
    Set<String> known = Set.copyOf(candidateModels().keySet());
    List<ChatRequest> requests = sampleRequests();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < 300; i++) {
            RoutingRequest request = routing(requests.get(i % requests.size()), "c-" + thread + "-" + (i % 7));
            RoutePlan plan = router.plan(request);
            assertThat(known).containsAll(plan.names());
            RouteCandidate chosen = request.candidate(plan.first());
            router.onStart(chosen);
            router.onOutcome(chosen, ThreadLocalRandom.current().nextInt(4) == 0
                ? RouteOutcome.failure(Duration.ofMillis(5), ErrorKind.SERVER_ERROR)
                : RouteOutcome.success(Duration.ofMillis(ThreadLocalRandom.current().nextInt(1, 50)), Usage.of(10, 5)));
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrent_calls_through_the_routing_llm_all_answer() {
    ScriptedProviderFactory provider = new ScriptedProviderFactory();
    Recording recording = new Recording(factory());
    try (RoutingLlm llm = routingLlm(provider, recording)) {
      List<CompletableFuture<ChatResponse>> calls = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        calls.add(llm.forConversation("c-" + (i % 5)).completeAsync(sampleRequests().get(0)));
      }
      CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertThat(recording.starts.get()).isEqualTo(64).isEqualTo(recording.outcomes.size());
  }

  /** Wraps a factory so that the test sees every callback its router hears. */
  protected static final class Recording implements RouterFactory {
    private final RouterFactory delegate;
    public final AtomicInteger starts = new AtomicInteger();
    public final List<String> startedNames = new CopyOnWriteArrayList<>();
    public final List<RouteOutcome> outcomes = new CopyOnWriteArrayList<>();
    public final Map<String, Integer> perCandidate = new ConcurrentHashMap<>();

    public Recording(RouterFactory delegate) {
      this.delegate = delegate;
    }

    @Override public String id() {
      return delegate.id();
    }

    @Override public Set<String> settingKeys() {
      return delegate.settingKeys();
    }

    @Override public Router create(Map<String, String> settings, RouterContext context) {
      Router router = delegate.create(settings, context);
      return new Router() {
        @Override public RoutePlan plan(RoutingRequest request) {
          return router.plan(request);
        }

        @Override public void onStart(RouteCandidate candidate) {
          starts.incrementAndGet();
          startedNames.add(candidate.name());
          perCandidate.merge(candidate.name(), 1, Integer::sum);
          router.onStart(candidate);
        }

        @Override public void onOutcome(RouteCandidate candidate, RouteOutcome outcome) {
          outcomes.add(outcome);
          router.onOutcome(candidate, outcome);
        }
      };
    }
  }
}
