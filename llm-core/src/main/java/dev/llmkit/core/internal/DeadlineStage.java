package dev.llmkit.core.internal;

import dev.llmkit.api.CallAttributes;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.LlmException;
import dev.llmkit.core.Cancellation;
import dev.llmkit.core.LlmCall;
import dev.llmkit.core.LlmInterceptor;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The overall deadline of a call: {@code LlmConfig.timeout}, or {@link CallAttributes#TIMEOUT} when an
 * interceptor set it for the call. It sits outside the retries, so one deadline bounds every attempt and
 * every wait between them. On expiry the call below is cancelled with the timeout error as its reason
 * (the exchange is aborted, a waiting retry ends, and accounting records a timeout, not a cancellation)
 * and the caller gets the timeout: a non-streaming call when the answer has not arrived in time, a
 * stream when it has not ended in time. Without a deadline the call passes through untouched.
 */
final class DeadlineStage implements LlmInterceptor {
  private final CallDeadline deadline;

  DeadlineStage(CallDeadline deadline) {
    this.deadline = deadline;
  }

  private CallDeadline deadlineOf(LlmCall call) {
    Duration override = call.attribute(CallAttributes.TIMEOUT).orElse(null);
    return override == null ? deadline : deadline.with(override, "CallAttributes.TIMEOUT");
  }

  @Override
  public CompletableFuture<ChatResponse> intercept(Chain chain) {
    CallDeadline limit = deadlineOf(chain.call());
    Duration timeout = limit.timeout();
    if (timeout == null) {
      return chain.proceed(chain.call());
    }
    // The call below gets its own cancellation, so expiry stops it without cancelling the caller's call.
    Cancellation below = chain.call().cancellation().child();
    LlmCall bounded = chain.call().withCancellation(below).nonBlocking();
    CompletableFuture<ChatResponse> result = new CompletableFuture<>();
    AtomicReference<LlmException> expiry = new AtomicReference<>();
    ScheduledFuture<?> timer = CallTimer.schedule(() -> {
      LlmException expired = limit.expired("the call to " + limit.model().qualifiedName(), "finish", after(bounded));
      if (!result.isDone() && expiry.compareAndSet(null, expired)) {
        below.cancel(expired); // first, so that the exchange is aborted by the time the caller hears of it
        result.completeExceptionally(expired);
      }
    }, timeout);
    chain.proceed(bounded).whenComplete((response, failure) -> {
      timer.cancel(false);
      LlmException expired = expiry.get();
      if (expired != null) {
        result.completeExceptionally(expired); // the cancelled attempt's own error is not the news
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
    CallDeadline limit = deadlineOf(chain.call());
    Duration timeout = limit.timeout();
    if (timeout == null) {
      return chain.proceedStream(chain.call());
    }
    Cancellation below = chain.call().cancellation().child();
    LlmCall bounded = chain.call().withCancellation(below);
    String model = limit.model().qualifiedName();
    return new StreamDeadlinePublisher(chain.proceedStream(bounded), onExpiry -> new FixedWatchdog(timeout, onExpiry),
        midStream -> {
          LlmException e = midStream
              ? limit.expired("the stream from " + model, "end", after(bounded))
              : limit.expired("the stream's first event from " + model, "arrive", after(bounded));
          return e.toBuilder().midStream(midStream).build();
        }, below, limit.model());
  }

  private static String after(LlmCall call) {
    @Nullable Integer attempts = call.attribute(CallAttributes.ATTEMPTS).orElse(null);
    return attempts == null || attempts < 2 ? "" : " after " + attempts + " attempts";
  }

  @Override
  public String toString() {
    return Pipeline.DEADLINE;
  }
}
