package dev.llmkit.core.internal;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.core.Cancellation;
import dev.llmkit.core.LlmCall;
import dev.llmkit.core.LlmInterceptor;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;
import dev.llmkit.api.LlmException;

/**
 * Applies {@code LlmConfig.timeout}: a non-streaming call fails with a timeout error when the whole
 * answer has not arrived in time, and the exchange below is cancelled (so a server stalling mid-body
 * cannot hold the caller); a stream fails the same way when its reader has waited that long for the
 * next event ({@link IdleDeadlinePublisher}). Without a timeout the stage does nothing.
 */
final class DeadlineStage implements LlmInterceptor {
  private final CallDeadline deadline;

  DeadlineStage(CallDeadline deadline) {
    this.deadline = deadline;
  }

  @Override
  public CompletableFuture<ChatResponse> intercept(Chain chain) {
    Duration timeout = deadline.timeout();
    if (timeout == null) {
      return chain.proceed(chain.call());
    }
    // The exchange below gets its own cancellation, so expiry stops it without cancelling the caller's call.
    Cancellation exchange = chain.call().cancellation().child();
    LlmCall bounded = chain.call().withCancellation(exchange).nonBlocking();
    CompletableFuture<ChatResponse> result = new CompletableFuture<>();
    AtomicReference<LlmException> expiry = new AtomicReference<>();
    ScheduledFuture<?> timer = CallTimer.schedule(() -> {
      LlmException expired = deadline.expired("the call");
      if (!result.isDone() && expiry.compareAndSet(null, expired)) {
        exchange.cancel(); // first, so that the exchange is aborted by the time the caller hears of it
        result.completeExceptionally(expired);
      }
    }, timeout);
    chain.proceed(bounded).whenComplete((response, failure) -> {
      timer.cancel(false);
      LlmException expired = expiry.get();
      if (expired != null) {
        result.completeExceptionally(expired); // the cancelled exchange's own error is not the news
      } else if (failure != null) {
        result.completeExceptionally(Futures.unwrap(failure));
      } else {
        result.complete(response);
      }
    });
    return result;
  }

  @Override
  public Flow.Publisher<ChatEvent> interceptStream(Chain chain) {
    Flow.Publisher<ChatEvent> source = chain.proceedStream(chain.call());
    return deadline.timeout() == null ? source : new IdleDeadlinePublisher(source, deadline);
  }

  @Override
  public String toString() {
    return Pipeline.DEADLINE;
  }
}
