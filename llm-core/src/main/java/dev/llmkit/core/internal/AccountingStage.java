package dev.llmkit.core.internal;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.core.EventStreams;
import dev.llmkit.core.LlmCall;
import dev.llmkit.core.LlmInterceptor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Records every attempt that reaches it exactly once in {@link CallAccounting}: the answer with its
 * latency, or the error (timeouts and cancellations included). It sits inside the retries, so a call
 * retried twice is three records: the failed attempts with their errors and latency, the one that
 * answered with its usage and cost. A stream is timed from its subscription, reports its time to first
 * token, and is recorded once however it ends; a stream cancelled because of a deadline is recorded as
 * the timeout (the reason of its {@link dev.llmkit.core.Cancellation}).
 */
final class AccountingStage implements LlmInterceptor {
  private final CallAccounting accounting;

  AccountingStage(CallAccounting accounting) {
    this.accounting = accounting;
  }

  @Override
  public CompletableFuture<ChatResponse> intercept(Chain chain) {
    long start = accounting.start();
    return Futures.whenDone(chain.proceed(chain.call()), (response, failure, out) -> {
      if (failure != null) {
        accounting.failed(start, failure, false, null);
        out.completeExceptionally(failure);
      } else {
        out.complete(accounting.succeeded(start, response, false, null));
      }
    });
  }

  @Override
  public Flow.Publisher<ChatEvent> interceptStream(Chain chain) {
    LlmCall call = chain.call();
    return EventStreams.observe(chain.proceedStream(call), () -> new StreamRecord(call));
  }

  @Override
  public String toString() {
    return Pipeline.ACCOUNTING;
  }

  /** One stream's record; a cancel can race the last events, so "recorded" is atomic. */
  private final class StreamRecord implements EventStreams.Observer {
    private final LlmCall call;
    private final AtomicBoolean recorded = new AtomicBoolean();
    private long start;
    private volatile @Nullable Duration firstToken; // set by the first event; a cancel may read it on another thread

    StreamRecord(LlmCall call) {
      this.call = call;
    }

    @Override
    public void onStart() {
      start = accounting.start();
    }

    @Override
    public ChatEvent onEvent(ChatEvent event) {
      if (firstToken == null && !(event instanceof ChatEvent.UsageUpdate)) {
        firstToken = accounting.firstToken(start);
      }
      if (event instanceof ChatEvent.Completed c && recorded.compareAndSet(false, true)) {
        return new ChatEvent.Completed(accounting.succeeded(start, c.response(), true, firstToken));
      }
      return event;
    }

    @Override
    public Throwable onError(Throwable error) {
      if (recorded.compareAndSet(false, true)) {
        accounting.failed(start, error, true, firstToken);
      }
      return error;
    }

    @Override
    public void onCancel() {
      if (recorded.compareAndSet(false, true)) {
        accounting.cancelled(call, start, firstToken);
      }
    }
  }
}
