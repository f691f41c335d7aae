package dev.llmkit.core;

import com.codahale.metrics.MetricRegistry;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.core.budget.Budget;
import dev.llmkit.core.cache.ResponseCache;
import dev.llmkit.core.cost.PriceCatalog;
import dev.llmkit.core.resilience.BulkheadPolicy;
import dev.llmkit.core.resilience.CircuitBreakerPolicy;
import dev.llmkit.core.resilience.RateLimitPolicy;
import dev.llmkit.core.resilience.ResilienceOptions;
import dev.llmkit.core.resilience.ResilienceRegistry;
import dev.llmkit.core.resilience.RetryListener;
import dev.llmkit.core.internal.DefaultProviderContext;
import dev.llmkit.core.internal.SharedHttpClient;
import dev.llmkit.spi.ProviderFactory;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The entry point for applications that do not use Guice.
 *
 * <pre>{@code
 * Llm llm = Llms.create(LlmConfig.of("openai/gpt-4o"));          // providers found on the class path
 * Llm test = Llms.builder()
 *     .config(LlmConfig.builder().model("acme/m1").baseUrl(mock.baseUrl()).build())
 *     .provider(new AcmeProviderFactory())                        // explicit registration
 *     .env(Map.of("ACME_API_KEY", "test"))                        // no real environment in tests
 *     .interceptor(new AuditInterceptor())                         // the application's own stage
 *     .build();
 * }</pre>
 */
public final class Llms {
  private Llms() {}

  /** An {@link Llm} for the config, with providers discovered on the class path. */
  public static Llm create(LlmConfig config) {
    return builder().config(config).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A routing {@link Llm} for the config, with providers and routers discovered on the class path, e.g.
   * {@code Llms.routing(LlmConfigs.fromToml(path).requireRouting())}; for more options see
   * {@link dev.llmkit.core.routing.LlmRouting#builder()}.
   */
  public static dev.llmkit.core.routing.RoutingLlm routing(dev.llmkit.api.RoutingConfig config) {
    return dev.llmkit.core.routing.LlmRouting.create(config);
  }

  /** Options for building an {@link Llm}; every one but the config has a sensible default. */
  public static final class Builder {
    private @Nullable LlmConfig config;
    private @Nullable PluginRegistry registry;
    private final List<ProviderFactory> explicit = new ArrayList<>();
    private Function<String, String> env = System::getenv;
    private @Nullable HttpClient httpClient;
    private Clock clock = Clock.systemUTC();
    private Executor executor = ForkJoinPool.commonPool();
    private MetricRegistry metricRegistry = new MetricRegistry();
    private final List<LlmInterceptor> interceptors = new ArrayList<>();
    private @Nullable PriceCatalog priceCatalog;
    private final List<Budget> budgets = new ArrayList<>();
    private boolean checkContextWindow;
    private final ResilienceOptions.Builder resilience = ResilienceOptions.builder();
    private ResponseCache responseCache = ResponseCache.DISABLED;

    private Builder() {}

    public Builder config(LlmConfig value) {
      config = Objects.requireNonNull(value, "config");
      return this;
    }

    /** Use exactly this registry instead of class-path discovery. */
    public Builder registry(PluginRegistry value) {
      registry = Objects.requireNonNull(value, "registry");
      return this;
    }

    /** Registers a provider in addition to the discovered ones (its id must be new). */
    public Builder provider(ProviderFactory factory) {
      explicit.add(Objects.requireNonNull(factory, "factory"));
      return this;
    }

    /** The environment providers read keys from; tests pass a map so the real one stays out. */
    public Builder env(Map<String, String> values) {
      Map<String, String> copy = Map.copyOf(values);
      env = copy::get;
      return this;
    }

    public Builder httpClient(HttpClient value) {
      httpClient = Objects.requireNonNull(value, "httpClient");
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

    /** Where Dropwizard meters and timers go; a private registry by default. */
    public Builder metricRegistry(MetricRegistry value) {
      metricRegistry = Objects.requireNonNull(value, "metricRegistry");
      return this;
    }

    /**
     * Adds an interceptor of the application (guardrails, redaction, tracing, custom logging). It runs
     * after validation and before the request is fitted to the model, for complete, completeAsync and
     * stream alike; interceptors run in the order they were added.
     */
    public Builder interceptor(LlmInterceptor value) {
      interceptors.add(Objects.requireNonNull(value, "interceptor"));
      return this;
    }

    /**
     * The prices calls are costed with; the bundled catalog by default. Use it to add a user catalog
     * file ({@code PriceCatalog.bundled().withUserFile(path)}) or prices registered at run time.
     */
    public Builder priceCatalog(PriceCatalog value) {
      priceCatalog = Objects.requireNonNull(value, "priceCatalog");
      return this;
    }

    /**
     * Holds the calls of this {@code Llm} to {@code budget}; several budgets may be given (its own, its
     * service's, the application's), and one budget may be given to several {@code Llm}s.
     */
    public Builder budget(Budget budget) {
      budgets.add(Objects.requireNonNull(budget, "budget"));
      return this;
    }

    /**
     * With {@code true}, a prompt that cannot fit the model's context window (its tokens, counted
     * locally, plus the requested {@code maxOutputTokens}) is refused with a
     * {@link dev.llmkit.api.ContextWindowExceededException} before it is sent. Off by default: the count
     * is exact for OpenAI models and an estimate for others.
     */
    public Builder checkContextWindow(boolean value) {
      checkContextWindow = value;
      return this;
    }

    /**
     * Adds a listener that hears each retry before its wait: {@code (retry, maxRetries, cause) -> ...}.
     * How many retries and how long they wait are {@code LlmConfig}'s {@code numRetries},
     * {@code retryMinWait}, {@code retryMaxWait} and {@code retryMultiplier}.
     */
    public Builder retryListener(RetryListener value) {
      resilience.retryListener(value);
      return this;
    }

    /**
     * The circuit breaker of the model: {@link CircuitBreakerPolicy#DEFAULT} (open after 5 failed
     * attempts in a row, probe after 30 s) unless changed; {@link CircuitBreakerPolicy#DISABLED} for none.
     */
    public Builder circuitBreaker(CircuitBreakerPolicy value) {
      resilience.circuitBreaker(value);
      return this;
    }

    /** A client-side rate limit of the model (requests and tokens per minute); none by default. */
    public Builder rateLimit(RateLimitPolicy value) {
      resilience.rateLimit(value);
      return this;
    }

    /** The most attempts in flight to the model's provider; no limit by default. */
    public Builder bulkhead(BulkheadPolicy value) {
      resilience.bulkhead(value);
      return this;
    }

    /**
     * Where circuits, rate-limit buckets and bulkhead places live, and where their state can be read;
     * give several {@code Llm}s the same registry for them to share it. Each {@code Llm} has its own by
     * default.
     */
    public Builder resilienceRegistry(ResilienceRegistry value) {
      resilience.registry(Objects.requireNonNull(value, "resilienceRegistry"));
      return this;
    }

    /**
     * Keeps circuits and rate limits in {@code stores}, shared with every process using the same ones
     * (budgets join them with {@code budget(stores.budget(name, limit))}).
     */
    public Builder sharedStores(dev.llmkit.core.store.SharedStores stores) {
      return resilienceRegistry(Objects.requireNonNull(stores, "sharedStores").resilienceRegistry());
    }

    /** Every resilience option at once (replacing what the setters above set). */
    public Builder resilience(ResilienceOptions value) {
      ResilienceOptions o = Objects.requireNonNull(value, "resilience");
      resilience.circuitBreaker(o.circuitBreaker()).rateLimit(o.rateLimit()).bulkhead(o.bulkhead()).registry(o.registry())
          .clearRetryListeners();
      o.retryListeners().forEach(resilience::retryListener);
      return this;
    }

    /**
     * Answers requests seen before from a response cache ({@link ResponseCache#inMemory()}, or options with
     * a store of your own); off by default. Give several {@code Llm}s the same options to share one store.
     */
    public Builder responseCache(ResponseCache value) {
      responseCache = Objects.requireNonNull(value, "responseCache");
      return this;
    }

    /**
     * Builds the {@link Llm}. Throws {@link dev.llmkit.api.LlmException} of kind CONFIGURATION when the
     * model's provider is not installed or the provider cannot be set up (e.g. no API key).
     */
    public Llm build() {
      if (config == null) {
        throw new IllegalStateException("config(LlmConfig) is required");
      }
      PluginRegistry plugins = (registry != null ? registry : PluginRegistry.discover()).plus(explicit);
      DefaultProviderContext context = new DefaultProviderContext(
          httpClient != null ? httpClient : SharedHttpClient.get(), clock, executor,
          System.getLogger("dev.llmkit"), env);
      return LlmAssembly.assemble(config, plugins, context, metricRegistry, interceptors,
          priceCatalog != null ? priceCatalog : PriceCatalog.bundled(), budgets, checkContextWindow, resilience.build(),
          responseCache);
    }
  }
}
