package dev.llmkit.core.internal;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.core.LlmCall;
import dev.llmkit.core.LlmInterceptor;
import dev.llmkit.core.output.StructuredOutputGuard;
import dev.llmkit.core.output.StructuredOutputPlan;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Stage 3: fits the request to the model ({@link RequestFormatter}) and, when the request asked for
 * structured output, checks the reply on its way back ({@link StructuredOutputGuard}); the same for
 * every call shape. The check sits outside the retries: a reply that breaks the format is the
 * model's answer, not a transient failure.
 */
final class FormattingStage implements LlmInterceptor {
  private final RequestFormatter formatter;

  FormattingStage(RequestFormatter formatter) {
    this.formatter = formatter;
  }

  @Override
  public CompletableFuture<ChatResponse> intercept(Chain chain) {
    LlmCall call = chain.call();
    StructuredOutputGuard guard = guard(call);
    CompletableFuture<ChatResponse> answer = chain.proceed(call.withRequest(formatter.format(call.request(), call.model())));
    if (guard == null) {
      return answer;
    }
    return Futures.whenDone(answer, (response, failure, out) -> {
      if (failure != null) {
        out.completeExceptionally(failure);
      } else {
        out.complete(guard.check(response));
      }
    });
  }

  @Override
  public Flow.Publisher<ChatEvent> interceptStream(Chain chain) {
    LlmCall call = chain.call();
    StructuredOutputGuard guard = guard(call);
    Flow.Publisher<ChatEvent> events = chain.proceedStream(call.withRequest(formatter.format(call.request(), call.model())));
    return guard == null ? events : guard.check(events);
  }

  private static @org.jspecify.annotations.Nullable StructuredOutputGuard guard(LlmCall call) {
    return StructuredOutputGuard.forPlan(StructuredOutputPlan.of(call.request().responseFormat(), call.model()), call.model());
  }

  @Override
  public String toString() {
    return Pipeline.FORMATTING;
  }
}
