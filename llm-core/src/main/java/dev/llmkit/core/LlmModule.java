package dev.llmkit.core;

import com.codahale.metrics.MetricRegistry;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Named;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.core.budget.Budget;
import dev.llmkit.core.cache.ResponseCache;
import dev.llmkit.core.cost.PriceCatalog;
import dev.llmkit.core.internal.DefaultLlm;
import dev.llmkit.core.internal.DefaultMetrics;
import dev.llmkit.core.internal.DefaultProviderContext;
import dev.llmkit.core.internal.DefaultStages;
import dev.llmkit.core.internal.Pipeline;
import dev.llmkit.core.internal.ResolvedModel;
import dev.llmkit.core.internal.SharedHttpClient;
import dev.llmkit.core.resilience.ResilienceOptions;
import dev.llmkit.core.resilience.ResilienceRegistry;
import dev.llmkit.core.tokens.TokenCounters;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderContext;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

/**
 * Guice wiring of llmkit: binds {@link Llm} for one {@link LlmConfig}. The plugin registry, HTTP
 * client, clock, metric registry and every stage of the pipeline are bindings of their own.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new LlmModule(LlmConfig.of("openai/gpt-4o")), new AbstractModule() {
 *   protected void configure() {
 *     // an interceptor of the application (guardrails, redaction, tracing), in the order added
 *     Multibinder.newSetBinder(binder(), LlmInterceptor.class).addBinding().to(AuditInterceptor.class);
 *   }
 * });
 * Llm llm = injector.getInstance(Llm.class);
 * }</pre>
 *
 * Override a binding with {@code Modules.override(new LlmModule(c)).with(...)}; a stage is replaced
 * by binding {@code LlmInterceptor} annotated {@code @Named} with its name ({@code llmkit.accounting},
 * {@code llmkit.deadline}, ...; see {@link Pipeline}). Retries follow the config; the circuit breaker,
 * rate limit, bulkhead and retry listeners are set with {@link #withResilience}, and the
 * {@link ResilienceRegistry} holding their state is a binding of its own (inject it to read a circuit's
 * state, or override it to share one between injectors). A response cache is set with
 * {@link #withResponseCache}.
 */
public class LlmModule extends AbstractModule {
  private final LlmConfig config;
  private final boolean checkContextWindow;
  private final ResilienceOptions resilience;
  private final ResponseCache responseCache;

  public LlmModule(LlmConfig config) {
    this(config, false, ResilienceOptions.DEFAULTS, ResponseCache.DISABLED);
  }

  private LlmModule(LlmConfig config, boolean checkContextWindow, ResilienceOptions resilience, ResponseCache responseCache) {
    this.config = Objects.requireNonNull(config, "config");
    this.checkContextWindow = checkContextWindow;
    this.resilience = Objects.requireNonNull(resilience, "resilience");
    this.responseCache = Objects.requireNonNull(responseCache, "responseCache");
  }

  /** This module with the pre-flight context-window check on (see {@code Llms.Builder#checkContextWindow}). */
  public LlmModule checkingContextWindow() {
    return new LlmModule(config, true, resilience, responseCache);
  }

  /**
   * This module with these circuit breaker, rate limit, bulkhead and retry listeners (see
   * {@link ResilienceOptions}); their registry, when the options name one, becomes the bound
   * {@link ResilienceRegistry}.
   */
  public LlmModule withResilience(ResilienceOptions options) {
    return new LlmModule(config, checkContextWindow, options, responseCache);
  }

  /** This module with a response cache of these options (see {@code Llms.Builder#responseCache}). */
  public LlmModule withResponseCache(ResponseCache options) {
    return new LlmModule(config, checkContextWindow, resilience, options);
  }

  @Override
  protected void configure() {
    bind(LlmConfig.class).toInstance(config);
    Multibinder.newSetBinder(binder(), LlmInterceptor.class); // empty unless the application adds some
    Multibinder.newSetBinder(binder(), Budget.class); // likewise: the budgets this Llm's calls are held to
  }

  @Provides
  @Singleton
  PluginRegistry pluginRegistry() {
    return PluginRegistry.discover();
  }

  @Provides
  @Singleton
  HttpClient httpClient() {
    return SharedHttpClient.get();
  }

  @Provides
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  @Provides
  @Singleton
  MetricRegistry metricRegistry() {
    return new MetricRegistry();
  }

  @Provides
  @Singleton
  ProviderContext providerContext(HttpClient client, Clock clock) {
    return new DefaultProviderContext(client, clock, ForkJoinPool.commonPool(), System.getLogger("dev.llmkit"), System::getenv);
  }

  @Provides
  @Singleton
  ResolvedModel resolvedModel(LlmConfig config, PluginRegistry registry, PriceCatalog catalog) {
    return LlmAssembly.resolve(config, registry, catalog);
  }

  @Provides
  @Singleton
  ModelInfo model(ResolvedModel resolved) {
    return resolved.info();
  }

  @Provides
  @Singleton
  ChatProvider chatProvider(ResolvedModel resolved, LlmConfig config, ProviderContext context) {
    return resolved.factory().create(config, context);
  }

  @Provides
  @Singleton
  DefaultMetrics llmMetrics() {
    return new DefaultMetrics();
  }

  @Provides
  @Singleton
  @Named(Pipeline.VALIDATION)
  LlmInterceptor validation() {
    return DefaultStages.validation();
  }

  @Provides
  @Singleton
  @Named(Pipeline.FORMATTING)
  LlmInterceptor formatting(LlmConfig config) {
    return DefaultStages.formatting(config);
  }

  @Provides
  @Singleton
  @Named(Pipeline.FUNCTION_CALLING)
  LlmInterceptor functionCalling(LlmConfig config, ModelInfo model) {
    return DefaultStages.functionCalling(config, model);
  }

  @Provides
  @Singleton
  @Named(Pipeline.RESPONSE_CACHE)
  LlmInterceptor responseCache(LlmConfig config, DefaultMetrics metrics, MetricRegistry registry, Clock clock,
      ModelInfo model) {
    return DefaultStages.responseCache(responseCache, config, metrics, registry, clock, model);
  }

  @Provides
  @Singleton
  @Named(Pipeline.PROMPT_CACHE)
  LlmInterceptor promptCache(LlmConfig config) {
    return DefaultStages.promptCache(config);
  }

  @Provides
  @Singleton
  @Named(Pipeline.CONTEXT_WINDOW)
  LlmInterceptor contextWindow(LlmConfig config, ModelInfo model) {
    return DefaultStages.contextWindow(config, model, checkContextWindow);
  }

  @Provides
  @Singleton
  @Named(Pipeline.BUDGET)
  LlmInterceptor budget(LlmConfig config, ModelInfo model, PriceCatalog catalog, Set<Budget> budgets) {
    return DefaultStages.budget(config, model, catalog, new ArrayList<>(budgets));
  }

  @Provides
  @Singleton
  @Named(Pipeline.COMPLETION_LOG)
  LlmInterceptor completionLog(LlmConfig config, Clock clock) {
    return DefaultStages.completionLog(config, clock);
  }

  @Provides
  @Singleton
  @Named(Pipeline.ACCOUNTING)
  LlmInterceptor accounting(DefaultMetrics metrics, MetricRegistry registry, Clock clock, ModelInfo model) {
    return DefaultStages.accounting(metrics, registry, clock, model);
  }

  @Provides
  @Singleton
  PriceCatalog priceCatalog() {
    return PriceCatalog.bundled();
  }

  @Provides
  @Singleton
  @Named(Pipeline.COST)
  LlmInterceptor cost(LlmConfig config, ModelInfo model, PriceCatalog catalog) {
    return DefaultStages.cost(config, model, catalog);
  }

  @Provides
  @Singleton
  @Named(Pipeline.DEADLINE)
  LlmInterceptor deadline(LlmConfig config, ModelInfo model) {
    return DefaultStages.deadline(config, model);
  }

  @Provides
  @Singleton
  ResilienceRegistry resilienceRegistry() {
    return LlmAssembly.registryOf(resilience);
  }

  @Provides
  @Singleton
  @Named(Pipeline.RESILIENCE)
  LlmInterceptor resilience(LlmConfig config, ModelInfo model, ResilienceRegistry registry, MetricRegistry metrics,
      Clock clock, ProviderContext context) {
    return DefaultStages.resilience(config, model, resilience, registry, metrics, clock, context.executor());
  }

  @Provides
  @Singleton
  @Named(Pipeline.STREAM_IDLE)
  LlmInterceptor streamIdle(LlmConfig config, ModelInfo model) {
    return DefaultStages.streamIdle(config, model);
  }

  @Provides
  @Singleton
  @Named(Pipeline.PROVIDER_CALL)
  LlmInterceptor providerCall(ChatProvider provider, ModelInfo model) {
    return DefaultStages.providerCall(provider, model);
  }

  @Provides
  @Singleton
  Pipeline pipeline(
      @Named(Pipeline.VALIDATION) LlmInterceptor validation,
      Set<LlmInterceptor> interceptors,
      @Named(Pipeline.FORMATTING) LlmInterceptor formatting,
      @Named(Pipeline.FUNCTION_CALLING) LlmInterceptor functionCalling,
      @Named(Pipeline.PROMPT_CACHE) LlmInterceptor promptCache,
      @Named(Pipeline.CONTEXT_WINDOW) LlmInterceptor contextWindow,
      @Named(Pipeline.RESPONSE_CACHE) LlmInterceptor responseCache,
      @Named(Pipeline.BUDGET) LlmInterceptor budget,
      @Named(Pipeline.COMPLETION_LOG) LlmInterceptor completionLog,
      @Named(Pipeline.DEADLINE) LlmInterceptor deadline,
      @Named(Pipeline.RESILIENCE) LlmInterceptor resilience,
      @Named(Pipeline.ACCOUNTING) LlmInterceptor accounting,
      @Named(Pipeline.COST) LlmInterceptor cost,
      @Named(Pipeline.STREAM_IDLE) LlmInterceptor streamIdle,
      @Named(Pipeline.PROVIDER_CALL) LlmInterceptor providerCall) {
    return new Pipeline(validation, new ArrayList<>(interceptors), formatting, functionCalling, promptCache,
        contextWindow, responseCache, budget, completionLog, deadline, resilience, accounting, cost, streamIdle, providerCall);
  }

  @Provides
  @Singleton
  Llm llm(ModelInfo model, ChatProvider provider, Pipeline pipeline, LlmConfig config, DefaultMetrics metrics) {
    return new DefaultLlm(model, provider, pipeline, DefaultStages.preparation(config, model),
        TokenCounters.forModel(model, config.customTokenizer()), metrics);
  }
}
