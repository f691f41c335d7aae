package dev.llmkit.core.internal;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.core.EventStreams;
import dev.llmkit.core.LlmCall;
import dev.llmkit.core.LlmInterceptor;
import dev.llmkit.spi.support.ResponseAssembler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Writes each call that reaches it to the {@link CompletionLog} before the caller sees the outcome:
 * the answer (streamed or not), a failure with the partial response it carries, a stream the caller
 * cancelled with what had arrived, and a stream that ended without a final response. Sits outside
 * accounting, so an answer's latency is set; a failure's latency is measured here. Only in the chain
 * when {@link CompletionLog#enabled()}.
 */
final class CompletionLogStage implements LlmInterceptor {
  private final CompletionLog log;

  CompletionLogStage(CompletionLog log) {
    this.log = log;
  }

  @Override
  public CompletableFuture<ChatResponse> intercept(Chain chain) {
    LlmCall call = chain.call();
    long start = System.nanoTime();
    log.requested(call);
    return Futures.whenDone(chain.proceed(call), (response, failure, out) -> {
      if (failure != null) {
        log.failed(call, failure, failure instanceof LlmException e ? e.partialResponse().orElse(null) : null,
            Duration.ofNanos(System.nanoTime() - start));
        out.completeExceptionally(failure);
        return;
      }
      log.answered(call, response);
      out.complete(response);
    });
  }

  @Override
  public Flow.Publisher<ChatEvent> interceptStream(Chain chain) {
    LlmCall call = chain.call();
    return EventStreams.observe(chain.proceedStream(call), () -> new StreamRecord(call));
  }

  @Override
  public String toString() {
    return Pipeline.COMPLETION_LOG;
  }

  /**
   * One subscription's record, written once however the stream ends. Keeps what has arrived so that a
   * cancelled stream is logged with it; a cancel can race the last events, hence the lock and the flag.
   */
  private final class StreamRecord implements EventStreams.Observer {
    private final LlmCall call;
    private final AtomicBoolean recorded = new AtomicBoolean();
    private final ResponseAssembler seen = new ResponseAssembler(); // guarded by this
    private boolean anything; // guarded by this
    private volatile long start;

    StreamRecord(LlmCall call) {
      this.call = call;
    }

    @Override
    public void onStart() {
      start = System.nanoTime();
      log.requested(call);
    }

    @Override
    public ChatEvent onEvent(ChatEvent event) {
      if (event instanceof ChatEvent.Completed c) {
        if (recorded.compareAndSet(false, true)) {
          log.answered(call, c.response());
        }
      } else if (!recorded.get()) {
        synchronized (this) {
          seen.accept(event);
          anything = true;
        }
      }
      return event;
    }

    @Override
    public Throwable onError(Throwable error) {
      if (recorded.compareAndSet(false, true)) {
        Throwable cause = Futures.unwrap(error);
        ChatResponse partial = cause instanceof LlmException e && e.partialResponse().isPresent()
            ? e.partialResponse().get() : seenSoFar();
        log.failed(call, cause, partial, elapsed());
      }
      return error;
    }

    @Override
    public void onComplete() {
      if (recorded.compareAndSet(false, true)) {
        log.failed(call, LlmException.builder(ErrorKind.MALFORMED_RESPONSE, "the stream ended without a final response")
            .build(), seenSoFar(), elapsed());
      }
    }

    @Override
    public void onCancel() {
      if (recorded.compareAndSet(false, true)) {
        log.failed(call, LlmException.builder(ErrorKind.CANCELLED, "stream cancelled by the caller").build(),
            seenSoFar(), elapsed());
      }
    }

    private synchronized @Nullable ChatResponse seenSoFar() {
      return anything ? seen.partial(call.model().provider(), call.model().name()) : null;
    }

    private Duration elapsed() {
      return Duration.ofNanos(System.nanoTime() - start);
    }
  }
}
