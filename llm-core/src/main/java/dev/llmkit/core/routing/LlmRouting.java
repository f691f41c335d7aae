package dev.llmkit.core.routing;

import com.codahale.metrics.MetricRegistry;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.RoutingConfig;
import dev.llmkit.core.Llms;
import dev.llmkit.core.PluginRegistry;
import dev.llmkit.core.cost.PriceCatalog;
import dev.llmkit.core.resilience.ResilienceRegistry;
import dev.llmkit.core.tokens.TokenCounters;
import dev.llmkit.spi.CandidatePrices;
import dev.llmkit.spi.RouteCandidate;
import dev.llmkit.spi.Router;
import dev.llmkit.spi.RouterContext;
import dev.llmkit.spi.RouterFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Builds a routing {@link Llm} from a {@link RoutingConfig}: each candidate through
 * {@link Llms#builder()}, the router from the installed {@link RouterFactory} with the config's id.
 *
 * <pre>{@code
 * RoutingLlm llm = LlmRouting.create(RoutingConfig.builder("fallback")
 *     .candidate("primary", LlmConfig.of("anthropic/claude-sonnet-4-5"))
 *     .candidate("secondary", LlmConfig.of("openai/gpt-4o"))
 *     .build());
 * RoutingLlm tests = LlmRouting.builder()
 *     .config(routing)
 *     .router(new MyRouterFactory())                       // explicit, no class-path scan
 *     .candidates((name, b) -> b.env(Map.of("OPENAI_API_KEY", "test")))
 *     .build();
 * }</pre>
 */
public final class LlmRouting {
  /** How long a candidate cools down after a rate limit, overload, server or connection error, by default. */
  public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(5);

  private LlmRouting() {}

  /** A routing Llm with routers and providers discovered on the class path. */
  public static RoutingLlm create(RoutingConfig config) {
    return builder().config(config).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options for a routing {@link Llm}; every one but the config has a default. */
  public static final class Builder {
    private @Nullable RoutingConfig config;
    private @Nullable PluginRegistry registry;
    private final Map<String, RouterFactory> routers = new LinkedHashMap<>();
    private BiConsumer<String, Llms.Builder> candidateSetup = (name, b) -> {};
    private Clock clock = Clock.systemUTC();
    private Executor executor = ForkJoinPool.commonPool();
    private MetricRegistry metricRegistry = new MetricRegistry();
    private Duration cooldown = DEFAULT_COOLDOWN;
    private ResilienceRegistry resilience = ResilienceRegistry.inMemory();
    private @Nullable PriceCatalog priceCatalog;
    private @Nullable Duration deadline;
    private int maxAttempts;

    private Builder() {}

    /**
     * How many requests one routed call may send in all, across every candidate's retries and the
     * fallbacks. By default the first planned candidate's {@code 1 + numRetries}, plus one for each other
     * candidate of the plan: the first model's retries are spent before falling back, and each fallback
     * gets one try (its own {@code numRetries} never restarts the count).
     */
    public Builder maxAttempts(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, got " + value);
      }
      maxAttempts = value;
      return this;
    }

    /**
     * One deadline for a whole routed call, across every candidate it tries (each candidate's own
     * {@code LlmConfig.timeout} and retries still apply inside it): no fallback starts after it, and a
     * {@code complete} or {@code completeAsync} still running when it passes fails with {@code TIMEOUT}
     * (the running exchange is cancelled). None by default.
     */
    public Builder deadline(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("deadline must be positive");
      }
      deadline = value;
      return this;
    }

    public Builder config(RoutingConfig value) {
      config = Objects.requireNonNull(value, "config");
      return this;
    }

    /** Providers and routers from exactly this registry (also handed to each candidate's builder). */
    public Builder registry(PluginRegistry value) {
      registry = Objects.requireNonNull(value, "registry");
      return this;
    }

    /** A router factory in addition to the installed ones; it wins over an installed one with its id. */
    public Builder router(RouterFactory factory) {
      routers.put(factory.id(), factory);
      return this;
    }

    /**
     * Called with each candidate's name and its {@link Llms.Builder} (already given the candidate's
     * config, the clock, executor, metric registry and the registry) before it is built: add
     * interceptors, budgets, an env map, explicit providers.
     */
    public Builder candidates(BiConsumer<String, Llms.Builder> setup) {
      candidateSetup = Objects.requireNonNull(setup, "setup");
      return this;
    }

    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    public Builder executor(Executor value) {
      executor = Objects.requireNonNull(value, "executor");
      return this;
    }

    public Builder metricRegistry(MetricRegistry value) {
      metricRegistry = Objects.requireNonNull(value, "metricRegistry");
      return this;
    }

    /**
     * How long a candidate cools down after a rate-limit, overload, server, connection or timeout error
     * (a shorter Retry-After wins); {@link Duration#ZERO} turns cooldowns off. 5 seconds by default.
     */
    public Builder cooldown(Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException("negative cooldown");
      }
      cooldown = value;
      return this;
    }

    /** The catalog candidate prices come from when their config sets none; the bundled one by default. */
    /**
     * Where the candidates keep their circuits and rate limits (default: one in-memory registry shared by
     * this routing Llm's candidates). A candidate whose circuit is open is reported to the router as
     * {@code circuitOpen}, so routers skip it; pass {@code SharedStores.resilienceRegistry()} to see
     * circuits opened by other processes too.
     */
    public Builder resilienceRegistry(ResilienceRegistry value) {
      resilience = Objects.requireNonNull(value, "resilienceRegistry");
      return this;
    }

    public Builder priceCatalog(PriceCatalog value) {
      priceCatalog = Objects.requireNonNull(value, "priceCatalog");
      return this;
    }

    /**
     * Builds the routing Llm: the router factory first (an unknown id is a CONFIGURATION error that
     * lists the installed routers), then every candidate, then the router from its settings.
     */
    public RoutingLlm build() {
      if (config == null) {
        throw new IllegalStateException("config(RoutingConfig) is required");
      }
      RoutingConfig cfg = config;
      PluginRegistry plugins = registry != null ? registry : PluginRegistry.discover();
      RouterFactory factory = routers.get(cfg.router());
      if (factory == null) {
        factory = plugins.router(cfg.router()).orElseThrow(() -> unknownRouter(cfg.router(), plugins));
      }
      PriceCatalog catalog = priceCatalog != null ? priceCatalog : PriceCatalog.bundled();
      Map<String, CandidateState> states = new LinkedHashMap<>();
      try {
        for (Map.Entry<String, LlmConfig> e : cfg.candidates().entrySet()) {
          Llms.Builder b = Llms.builder().config(e.getValue()).clock(clock).executor(executor)
              .metricRegistry(metricRegistry).resilienceRegistry(resilience);
          if (registry != null) {
            b.registry(registry);
          }
          candidateSetup.accept(e.getKey(), b);
          Llm llm = b.build();
          ResilienceRegistry circuits = resilience;
          states.put(e.getKey(), new CandidateState(e.getKey(), llm, e.getValue().numRetries(), prices(e.getValue(), llm, catalog), clock, cooldown,
              () -> circuits.circuitState(llm.model().provider(), llm.model().name()).isOpen()));
        }
        List<RouteCandidate> snapshots = new ArrayList<>();
        states.values().forEach(s -> snapshots.add(s.snapshot()));
        System.Logger logger = System.getLogger("dev.llmkit.router." + cfg.router());
        Clock routerClock = clock;
        HostSettings host = HostSettings.split(cfg.settings());
        Router router = factory.create(host.routerSettings(), new RouterContext() {
          @Override public Clock clock() {
            return routerClock;
          }

          @Override public System.Logger logger() {
            return logger;
          }

          @Override public List<RouteCandidate> candidates() {
            return List.copyOf(snapshots);
          }
        });
        if (router == null) {
          throw LlmException.builder(ErrorKind.CONFIGURATION, "router factory '" + cfg.router() + "' returned no router").build();
        }
        CandidateState first = states.values().iterator().next();
        LlmConfig firstConfig = cfg.candidates().values().iterator().next();
        return new RoutingLlm(new RoutingLlm.Shared(cfg.router(), router, java.util.Collections.unmodifiableMap(states),
            TokenCounters.forModel(first.llm.model(), firstConfig.customTokenizer()), metricRegistry, executor, logger,
            deadline != null ? deadline : host.deadline(), maxAttempts > 0 ? maxAttempts : host.maxAttempts()),
            null);
      } catch (RuntimeException e) {
        for (CandidateState s : states.values()) {
          try {
            s.llm.close();
          } catch (RuntimeException ignored) {
            // the build failure is what the caller needs to see
          }
        }
        throw e;
      }
    }

    private LlmException unknownRouter(String id, PluginRegistry plugins) {
      TreeSet<String> installed = new TreeSet<>(routers.keySet());
      installed.addAll(plugins.routerIds());
      return LlmException.builder(ErrorKind.CONFIGURATION, "no router '" + id + "' is installed; the installed routers are "
          + installed + "; add the jar that provides it (e.g. dev.llmkit:llm-router-" + id + ") to the class path").build();
    }

    private static @Nullable CandidatePrices prices(LlmConfig config, Llm llm, PriceCatalog catalog) {
      if (config.inputCostPerToken() != null && config.outputCostPerToken() != null) {
        return new CandidatePrices(config.inputCostPerToken(), config.outputCostPerToken());
      }
      return catalog.find(llm.model().provider(), llm.model().name())
          .map(entry -> new CandidatePrices(entry.pricing().input(), entry.pricing().output()))
          .orElse(null);
    }
  }
}
