package dev.llmkit.core.internal;

import dev.llmkit.api.CallAttributes;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.LlmException;
import dev.llmkit.core.EventStreams;
import dev.llmkit.core.LlmCall;
import dev.llmkit.core.LlmInterceptor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Puts the cost on every response, streamed or not, and on the partial response of a stream that
 * failed midway (its tokens were generated and are billed), and records where the price came from in
 * {@link CallAttributes#PRICE_SOURCE}. Sits inside accounting, so the metrics see the cost.
 */
final class CostStage implements LlmInterceptor {
  private final CallPricer pricer;

  CostStage(CallPricer pricer) {
    this.pricer = pricer;
  }

  @Override
  public CompletableFuture<ChatResponse> intercept(Chain chain) {
    LlmCall call = chain.call();
    return Futures.whenDone(chain.proceed(call), (response, failure, out) -> {
      if (failure != null) {
        out.completeExceptionally(priced(failure, call));
      } else {
        out.complete(priced(response, call));
      }
    });
  }

  @Override
  public Flow.Publisher<ChatEvent> interceptStream(Chain chain) {
    LlmCall call = chain.call();
    return EventStreams.observe(chain.proceedStream(call), () -> new EventStreams.Observer() {
      @Override
      public ChatEvent onEvent(ChatEvent event) {
        return event instanceof ChatEvent.Completed c ? new ChatEvent.Completed(priced(c.response(), call)) : event;
      }

      @Override
      public Throwable onError(Throwable error) {
        return priced(error, call);
      }
    });
  }

  private ChatResponse priced(ChatResponse response, LlmCall call) {
    CallPricer.Priced priced = pricer.price(response);
    call.setAttribute(CallAttributes.PRICE_SOURCE, priced.source());
    return response.withCost(priced.cost());
  }

  private Throwable priced(Throwable failure, LlmCall call) {
    if (!(failure instanceof LlmException e) || e.partialResponse().isEmpty()) {
      return failure;
    }
    LlmException copy = e.toBuilder().partialResponse(priced(e.partialResponse().get(), call)).build();
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  @Override
  public String toString() {
    return Pipeline.COST;
  }
}
