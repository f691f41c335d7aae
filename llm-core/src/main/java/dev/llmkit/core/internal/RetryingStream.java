package dev.llmkit.core.internal;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.core.Cancellation;
import dev.llmkit.core.LlmCall;
import dev.llmkit.core.LlmInterceptor;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * A stream retried until its first event reaches the caller, never after. Each subscription is a
 * session that runs attempts through {@link CallRetry}: an attempt subscribes to the rest of the
 * pipeline (built anew for each attempt, so the stages below see one exchange each) and "succeeds" when
 * its first event goes out; a failure before that is decided on like any call's, a failure after it
 * ends the stream with the typed error and the partial response the provider attached. Usage updates
 * that come before the first content event are not passed on (a retried attempt would report its own
 * again); the final response carries the usage. Demand is kept for the caller across attempts, and a
 * cancel stops the current attempt or the wait for the next at once. No thread is used.
 */
final class RetryingStream implements Flow.Publisher<ChatEvent> {
  private final ResilienceStage stage;
  private final LlmInterceptor.Chain chain;
  private final LlmCall call;

  RetryingStream(ResilienceStage stage, LlmInterceptor.Chain chain, LlmCall call) {
    this.stage = stage;
    this.chain = chain;
    this.call = call;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ChatEvent> subscriber) {
    new Session(Objects.requireNonNull(subscriber, "subscriber")).start();
  }

  private final class Session implements Flow.Subscription {
    private final Flow.Subscriber<? super ChatEvent> downstream;
    // Cancelled when the caller cancels, so that a retry waiting for its turn runs at once and is refused.
    private final Cancellation cancellation = call.cancellation().child();
    private long requested; // guarded by this: the caller's demand, handed to each new attempt
    private @Nullable Attempt current; // guarded by this
    private boolean cancelled; // guarded by this
    private boolean failed; // guarded by this

    Session(Flow.Subscriber<? super ChatEvent> downstream) {
      this.downstream = downstream;
    }

    void start() {
      downstream.onSubscribe(this);
      new CallRetry<Void>(stage, call.withCancellation(cancellation), this::attempt).start()
          .whenComplete((started, failure) -> {
            if (failure != null) {
              fail(Futures.unwrap(failure));
            }
          });
    }

    private CompletableFuture<Void> attempt(LlmCall attemptCall, AttemptGuard.Permit permit) {
      Attempt attempt = new Attempt(permit);
      chain.proceedStream(attemptCall).subscribe(attempt);
      return attempt.started;
    }

    /** Every attempt failed before its first event: the caller hears of the last failure. */
    private void fail(Throwable error) {
      synchronized (this) {
        if (cancelled || failed) {
          return;
        }
        failed = true;
      }
      downstream.onError(error);
    }

    @Override
    public void request(long n) {
      Attempt a;
      synchronized (this) {
        if (n > 0) {
          requested = requested + n < 0 ? Long.MAX_VALUE : requested + n;
        }
        a = current;
      }
      if (a != null) {
        a.request(n);
      }
    }

    @Override
    public void cancel() {
      Attempt a;
      synchronized (this) {
        if (cancelled) {
          return;
        }
        cancelled = true;
        a = current;
      }
      if (a != null) {
        a.cancel(); // the stages below see the cancel: accounting records it once
      }
      cancellation.cancel(); // a retry waiting for its turn runs now, is refused without being sent, and is recorded
    }

    /** One attempt's subscription to the rest of the pipeline. Upstream signals are serialized. */
    private final class Attempt implements Flow.Subscriber<ChatEvent> {
      final CompletableFuture<Void> started = new CompletableFuture<>();
      private final AttemptGuard.Permit permit;
      private volatile Flow.@Nullable Subscription upstream;
      private boolean live; // an event of this attempt reached the caller
      private @Nullable ChatResponse response;

      Attempt(AttemptGuard.Permit permit) {
        this.permit = permit;
      }

      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        upstream = subscription;
        long demand;
        boolean cancelledAlready;
        synchronized (Session.this) {
          cancelledAlready = cancelled;
          if (!cancelledAlready) {
            current = this;
          }
          demand = requested;
        }
        if (cancelledAlready) {
          cancel();
        } else if (demand > 0) {
          subscription.request(demand);
        }
      }

      @Override
      public void onNext(ChatEvent event) {
        if (event instanceof ChatEvent.Completed c) {
          response = c.response();
        }
        if (live) {
          downstream.onNext(event);
          return;
        }
        if (event instanceof ChatEvent.UsageUpdate) {
          Flow.Subscription s = upstream;
          if (s != null) {
            s.request(1); // not passed on: ask for one more in its place
          }
          return;
        }
        if (!goLive()) {
          return;
        }
        downstream.onNext(event);
        started.complete(null);
      }

      @Override
      public void onError(Throwable error) {
        permit.finish(null, error);
        if (live) {
          downstream.onError(error);
        } else {
          started.completeExceptionally(error);
        }
      }

      @Override
      public void onComplete() {
        permit.finish(response, null);
        if (live) {
          downstream.onComplete();
        } else if (goLive()) { // ended without a single event: nothing to retry, pass the end on
          downstream.onComplete();
          started.complete(null);
        }
      }

      /** From now on this attempt's events go to the caller; false when the caller has cancelled. */
      private boolean goLive() {
        synchronized (Session.this) {
          if (cancelled) {
            return false;
          }
        }
        live = true;
        return true;
      }

      void request(long n) {
        Flow.Subscription s = upstream;
        if (s != null) {
          s.request(n);
        }
      }

      void cancel() {
        Flow.Subscription s = upstream;
        if (s != null) {
          s.cancel();
        }
        LlmException cancelled = LlmException.builder(ErrorKind.CANCELLED, "stream cancelled by the caller")
            .provider(call.model().provider()).model(call.model().name()).build();
        permit.finish(null, cancelled);
        started.completeExceptionally(cancelled);
      }
    }
  }
}
