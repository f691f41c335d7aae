package dev.llmkit.core.internal;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.core.LlmCall;
import dev.llmkit.core.LlmInterceptor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.UnaryOperator;

/**
 * A stage that only works on the way down: it checks or rewrites the call, the same way for every
 * call shape, and passes what comes back untouched (validation, formatting, prompt-cache marks).
 */
final class RequestStage implements LlmInterceptor {
  private final String name;
  private final UnaryOperator<LlmCall> rewrite;

  RequestStage(String name, UnaryOperator<LlmCall> rewrite) {
    this.name = name;
    this.rewrite = rewrite;
  }

  @Override
  public CompletableFuture<ChatResponse> intercept(Chain chain) {
    return chain.proceed(rewrite.apply(chain.call()));
  }

  @Override
  public Flow.Publisher<ChatEvent> interceptStream(Chain chain) {
    return chain.proceedStream(rewrite.apply(chain.call()));
  }

  @Override
  public String toString() {
    return name;
  }
}
