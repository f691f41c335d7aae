package dev.llmkit.core.internal;

import com.codahale.metrics.MetricRegistry;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.core.LlmInterceptor;
import dev.llmkit.core.budget.Budget;
import dev.llmkit.core.budget.BudgetStage;
import dev.llmkit.core.cache.ResponseCache;
import dev.llmkit.core.cache.ResponseCacheStage;
import dev.llmkit.core.cost.PriceCatalog;
import dev.llmkit.core.fncall.FunctionCallingEmulation;
import dev.llmkit.core.fncall.FunctionCallingOptions;
import dev.llmkit.core.fncall.ToolArgumentsCheck;
import dev.llmkit.core.resilience.ResilienceOptions;
import dev.llmkit.core.resilience.ResilienceRegistry;
import dev.llmkit.core.tokens.ContextWindowCheck;
import dev.llmkit.core.tokens.EstimateCounter;
import dev.llmkit.core.tokens.TokenCounters;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderRequest;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Makes the built-in stages. {@code Llms} and the Guice {@code LlmModule} both build through here, so
 * that the two ways of getting an {@code Llm} get the same stages.
 */
public final class DefaultStages {
  private DefaultStages() {}

  public static LlmInterceptor validation() {
    RequestValidator validator = new RequestValidator();
    return new RequestStage(Pipeline.VALIDATION, call -> {
      validator.validate(call.request());
      return call;
    });
  }

  public static LlmInterceptor formatting(LlmConfig config) {
    return new FormattingStage(new RequestFormatter(config));
  }

  /**
   * Function-calling emulation for models without native tool calling (or with it forced off in
   * config), with OpenHands' choice of the in-context example for the model; for a model with native
   * tool calling, the check of the answer's tool-call arguments.
   */
  public static LlmInterceptor functionCalling(LlmConfig config, ModelInfo model) {
    return functionCalling(model, FunctionCallingOptions.forModel(model));
  }

  /** {@link #functionCalling(LlmConfig, ModelInfo)} with the emulation's {@code options} chosen by the caller. */
  public static LlmInterceptor functionCalling(ModelInfo model, FunctionCallingOptions options) {
    return model.features().nativeToolCalling() ? new ToolArgumentsCheck() : new FunctionCallingEmulation(options);
  }

  /**
   * The response cache of {@code options}; left out of the chain when they are {@link ResponseCache#DISABLED}.
   * Hits are recorded in {@code metrics} and {@code registry} here, since they never reach accounting.
   */
  public static LlmInterceptor responseCache(ResponseCache options, LlmConfig config, DefaultMetrics metrics,
      MetricRegistry registry, Clock clock, ModelInfo model) {
    return options.enabled()
        ? new ResponseCacheStage(options, config, model, new CallAccounting(metrics, registry, clock, model), registry)
        : Pipeline.SKIPPED;
  }

  public static LlmInterceptor promptCache(LlmConfig config) {
    PromptCacheMarker marker = new PromptCacheMarker(config);
    return new RequestStage(Pipeline.PROMPT_CACHE, call -> {
      PromptCacheMarker.Marks marks = marker.marks(call.request(), call.model());
      return call.withPromptCacheMarks(marks.messages(), marks.tools());
    });
  }

  /**
   * With {@code enabled}, refuses a prompt that cannot fit the model's context window before it is
   * sent, counted with the model's tokenizer (or the estimate); left out of the chain otherwise.
   */
  public static LlmInterceptor contextWindow(LlmConfig config, ModelInfo model, boolean enabled) {
    if (!enabled) {
      return Pipeline.SKIPPED;
    }
    ContextWindowCheck check = new ContextWindowCheck(model, TokenCounters.forModel(model, config.customTokenizer()));
    return new RequestStage(Pipeline.CONTEXT_WINDOW, call -> {
      check.check(call.request());
      return call;
    });
  }

  /** Holds calls to {@code budgets}; left out of the chain when there are none. */
  public static LlmInterceptor budget(LlmConfig config, ModelInfo model, PriceCatalog catalog, List<Budget> budgets) {
    if (budgets.isEmpty()) {
      return Pipeline.SKIPPED;
    }
    CallPricer pricer = new CallPricer(config, model, catalog);
    return new BudgetStage(budgets, new WorstCaseCost(pricer, model, EstimateCounter.INSTANCE::upperBound));
  }

  public static LlmInterceptor completionLog(LlmConfig config, Clock clock) {
    return CompletionLog.wanted(config) ? new CompletionLogStage(new CompletionLog(config, clock)) : Pipeline.SKIPPED;
  }

  public static LlmInterceptor accounting(DefaultMetrics metrics, MetricRegistry registry, Clock clock, ModelInfo model) {
    return new AccountingStage(new CallAccounting(metrics, registry, clock, model));
  }

  public static LlmInterceptor cost(LlmConfig config, ModelInfo model, PriceCatalog catalog) {
    return new CostStage(new CallPricer(config, model, catalog));
  }

  /**
   * The overall deadline ({@code LlmConfig.timeout}, or a call's {@code CallAttributes.TIMEOUT}); always in
   * the chain so that a per-call deadline works without a configured one, passing calls through when
   * neither is set.
   */
  public static LlmInterceptor deadline(LlmConfig config, ModelInfo model) {
    return new DeadlineStage(new CallDeadline(config.timeout(), model));
  }

  /**
   * Retries, circuit breaker, client-side rate limit and bulkhead; left out of the chain when
   * {@code numRetries} is 0 and every limit is off. Waits run on the timer and attempts after a wait
   * on {@code executor}.
   */
  public static LlmInterceptor resilience(LlmConfig config, ModelInfo model, ResilienceOptions options,
      ResilienceRegistry registry, MetricRegistry metrics, Clock clock, Executor executor) {
    return ResilienceStage.needed(config, options)
        ? new ResilienceStage(config, model, options, registry, metrics, clock, executor)
        : Pipeline.SKIPPED;
  }

  /** The idle timeout of stream attempts; left out of the chain without {@code streamIdleTimeout}. */
  public static LlmInterceptor streamIdle(LlmConfig config, ModelInfo model) {
    CallDeadline idle = new CallDeadline(config.streamIdleTimeout(), model, "LlmConfig.streamIdleTimeout");
    return idle.timeout() == null ? Pipeline.SKIPPED : new StreamIdleStage(idle);
  }

  public static LlmInterceptor providerCall(ChatProvider provider, ModelInfo model) {
    return new ProviderCallStage(provider, model);
  }

  /** The default pipeline with the application's interceptors in their place. */
  public static Pipeline pipeline(LlmConfig config, ModelInfo model, ChatProvider provider, List<LlmInterceptor> interceptors,
      DefaultMetrics metrics, MetricRegistry registry, Clock clock, PriceCatalog catalog, List<Budget> budgets,
      boolean checkContextWindow, ResilienceOptions resilience, ResilienceRegistry resilienceRegistry, Executor executor,
      ResponseCache responseCache) {
    return new Pipeline(validation(), interceptors, formatting(config), functionCalling(config, model), promptCache(config),
        contextWindow(config, model, checkContextWindow), responseCache(responseCache, config, metrics, registry, clock, model), budget(config, model, catalog, budgets), completionLog(config, clock),
        deadline(config, model), resilience(config, model, resilience, resilienceRegistry, registry, clock, executor),
        accounting(metrics, registry, clock, model), cost(config, model, catalog), streamIdle(config, model),
        providerCall(provider, model));
  }

  /** What {@code countInputTokens} sends: the request validated and formatted as a call would be. */
  public static Function<ChatRequest, ProviderRequest> preparation(LlmConfig config, ModelInfo model) {
    RequestValidator validator = new RequestValidator();
    RequestFormatter formatter = new RequestFormatter(config);
    PromptCacheMarker marker = new PromptCacheMarker(config);
    FunctionCallingEmulation emulation = new FunctionCallingEmulation(FunctionCallingOptions.forModel(model));
    return request -> {
      validator.validate(request);
      ChatRequest formatted = formatter.format(request, model);
      if (!model.features().nativeToolCalling()) {
        formatted = emulation.promptFor(formatted, model); // count what is sent: the tools as prompt text
      }
      PromptCacheMarker.Marks marks = marker.marks(formatted, model);
      return new ProviderRequest(model, formatted, marks.messages(), null, marks.tools());
    };
  }
}
