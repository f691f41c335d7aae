package dev.llmkit.core.internal;

import dev.llmkit.core.LlmInterceptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The stages of the call pipeline, in the order a call passes them. This is the one place that
 * order is written; docs/architecture.md describes each stage. Requests travel down the list,
 * responses and stream events travel back up it.
 *
 * <p>Why the resilience stages sit where they do: the budget and the completion log are outside the
 * retries, so a call reserves its budget once and is logged once; the overall deadline is outside them,
 * so one deadline bounds every attempt and every wait; accounting and cost are inside them, so each
 * attempt is recorded once (latency and error for every attempt, usage and cost for the one that
 * answered); the stream idle timeout is inside accounting, so an attempt whose stream stalls is
 * recorded as timed out and retried.
 *
 * @param validation rejects a bad request before anything else ({@link RequestValidator})
 * @param interceptors the application's own interceptors, in the order they were added
 * @param formatting fits the request to the model ({@link RequestFormatter})
 * @param functionCalling emulates function calling for a model without native tool calling: tools described
 *     in the prompt, the reply parsed back into tool calls
 * @param promptCache chooses prompt-cache breakpoints ({@link PromptCacheMarker})
 * @param contextWindow refuses a prompt that cannot fit the model's window, before it is sent
 *     ({@link dev.llmkit.core.tokens.ContextWindowCheck}); only when asked for
 * @param responseCache answers a request seen before from the response cache, without calling the provider
 * @param budget reserves the worst-case cost in the call's budgets, settles the real one
 *     ({@link dev.llmkit.core.budget.BudgetStage})
 * @param completionLog writes each answered call as JSON ({@link CompletionLog})
 * @param deadline the overall deadline of the call, retries included ({@link DeadlineStage})
 * @param resilience retries, circuit breaker, client-side rate limit and bulkhead ({@link ResilienceStage});
 *     runs the stages below once per attempt
 * @param accounting latency, usage, cost, errors of each attempt into the metrics ({@link CallAccounting})
 * @param cost prices each response ({@link CallPricer})
 * @param streamIdle the longest wait for a stream's next event, per attempt ({@link StreamIdleStage})
 * @param providerCall the exchange with the provider; the end of the chain
 */
public record Pipeline(
    LlmInterceptor validation,
    List<LlmInterceptor> interceptors,
    LlmInterceptor formatting,
    LlmInterceptor functionCalling,
    LlmInterceptor promptCache,
    LlmInterceptor contextWindow,
    LlmInterceptor responseCache,
    LlmInterceptor budget,
    LlmInterceptor completionLog,
    LlmInterceptor deadline,
    LlmInterceptor resilience,
    LlmInterceptor accounting,
    LlmInterceptor cost,
    LlmInterceptor streamIdle,
    LlmInterceptor providerCall) {

  /** Guice names of the replaceable stages ({@code @Named} {@link LlmInterceptor} bindings). */
  public static final String VALIDATION = "llmkit.validation";
  public static final String FORMATTING = "llmkit.formatting";
  public static final String FUNCTION_CALLING = "llmkit.function-calling";
  public static final String PROMPT_CACHE = "llmkit.prompt-cache";
  public static final String CONTEXT_WINDOW = "llmkit.context-window";
  public static final String RESPONSE_CACHE = "llmkit.response-cache";
  public static final String BUDGET = "llmkit.budget";
  public static final String COMPLETION_LOG = "llmkit.completion-log";
  public static final String DEADLINE = "llmkit.deadline";
  public static final String RESILIENCE = "llmkit.resilience";
  public static final String ACCOUNTING = "llmkit.accounting";
  public static final String COST = "llmkit.cost";
  public static final String STREAM_IDLE = "llmkit.stream-idle";
  public static final String PROVIDER_CALL = "llmkit.provider-call";

  /**
   * A stage with nothing to do under this config (no timeout, no retries and no limits, no completion
   * log, no budget, no pre-flight check): it is left out of the chain, so that a call does not pay for it.
   */
  public static final LlmInterceptor SKIPPED = new LlmInterceptor() {
    @Override
    public String toString() {
      return "skipped";
    }
  };

  public Pipeline {
    Objects.requireNonNull(validation, "validation");
    interceptors = List.copyOf(interceptors);
    Objects.requireNonNull(formatting, "formatting");
    Objects.requireNonNull(functionCalling, "functionCalling");
    Objects.requireNonNull(promptCache, "promptCache");
    Objects.requireNonNull(contextWindow, "contextWindow");
    Objects.requireNonNull(responseCache, "responseCache");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(completionLog, "completionLog");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(resilience, "resilience");
    Objects.requireNonNull(accounting, "accounting");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(streamIdle, "streamIdle");
    Objects.requireNonNull(providerCall, "providerCall");
  }

  /** The stages in call order. */
  public List<LlmInterceptor> stages() {
    List<LlmInterceptor> stages = new ArrayList<>(14 + interceptors.size());
    stages.add(validation);
    stages.addAll(interceptors);
    stages.add(formatting);
    stages.add(functionCalling);
    stages.add(promptCache);
    stages.add(contextWindow);
    stages.add(responseCache);
    stages.add(budget);
    stages.add(completionLog);
    stages.add(deadline);
    stages.add(resilience);
    stages.add(accounting);
    stages.add(cost);
    stages.add(streamIdle);
    stages.add(providerCall);
    stages.removeIf(stage -> stage == SKIPPED);
    return List.copyOf(stages);
  }
}
