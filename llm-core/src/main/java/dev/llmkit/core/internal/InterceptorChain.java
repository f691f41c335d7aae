package dev.llmkit.core.internal;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.core.LlmCall;
import dev.llmkit.core.LlmInterceptor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Runs an ordered list of stages: stage {@code i} gets a chain whose {@code proceed} runs stage
 * {@code i + 1}. The last stage (the provider call) never proceeds. One small object per stage and
 * call, no thread of its own: a sync call runs every stage on the caller's thread.
 */
public final class InterceptorChain implements LlmInterceptor.Chain {
  private final List<LlmInterceptor> stages;
  private final int index;
  private final LlmCall call;

  private InterceptorChain(List<LlmInterceptor> stages, int index, LlmCall call) {
    this.stages = stages;
    this.index = index;
    this.call = call;
  }

  /** Runs {@code call} through all of {@code stages}. */
  public static CompletableFuture<ChatResponse> run(List<LlmInterceptor> stages, LlmCall call) {
    return new InterceptorChain(stages, 0, call).proceed(call);
  }

  /** Builds the stream of {@code call} through all of {@code stages}. */
  public static Flow.Publisher<ChatEvent> stream(List<LlmInterceptor> stages, LlmCall call) {
    return new InterceptorChain(stages, 0, call).proceedStream(call);
  }

  @Override
  public LlmCall call() {
    return call;
  }

  @Override
  public CompletableFuture<ChatResponse> proceed(LlmCall next) {
    LlmInterceptor stage = next(next);
    try {
      CompletableFuture<ChatResponse> result = stage.intercept(new InterceptorChain(stages, index + 1, next));
      if (result == null) {
        throw new IllegalStateException(stage.getClass().getName() + ".intercept returned null; return a future");
      }
      return result;
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public Flow.Publisher<ChatEvent> proceedStream(LlmCall next) {
    LlmInterceptor stage = next(next);
    Flow.Publisher<ChatEvent> result = stage.interceptStream(new InterceptorChain(stages, index + 1, next));
    if (result == null) {
      throw new IllegalStateException(stage.getClass().getName() + ".interceptStream returned null; return a publisher");
    }
    return result;
  }

  private LlmInterceptor next(LlmCall next) {
    if (next == null) {
      throw new NullPointerException("proceed(call): call is null; pass chain.call() or a copy of it");
    }
    if (index >= stages.size()) {
      throw new IllegalStateException("the last stage of the pipeline proceeded; it must answer the call itself");
    }
    return stages.get(index);
  }
}
