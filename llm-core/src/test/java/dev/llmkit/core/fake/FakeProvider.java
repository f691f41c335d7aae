package dev.llmkit.core.fake;

import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Usage;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A scriptable in-memory provider: records every request it gets, answers with a function of the
 * request (or throws), and for async calls can hand out a future the test completes itself.
 */
public final class FakeProvider implements ChatProvider {
  public final List<ProviderRequest> requests = new CopyOnWriteArrayList<>();
  /** Off for load tests: a copy-on-write list of every request would make them quadratic. */
  public volatile boolean recordRequests = true;
  /** Off: like a provider without a counting endpoint. */
  public volatile boolean countsTokens = true;
  private volatile Function<ProviderRequest, ChatResponse> answer = r -> reply("ok", Usage.of(10, 5));
  private final AtomicReference<CompletableFuture<ChatResponse>> pendingAsync = new AtomicReference<>();
  private volatile boolean holdAsync;
  public volatile SubmissionPublisher<ChatEvent> lastStream;

  public static ChatResponse reply(String text, Usage usage) {
    return new ChatResponse("resp-1", "fake", "fake-model", AssistantMessage.of(text), FinishReason.STOP, "stop",
        usage, null, Duration.ZERO);
  }

  public void answer(Function<ProviderRequest, ChatResponse> value) {
    answer = value;
  }

  public void fail(LlmException error) {
    answer = r -> {
      throw error;
    };
  }

  /** Async calls return a future that only the test completes (see {@link #pendingAsync()}). */
  public void holdAsync() {
    holdAsync = true;
  }

  public CompletableFuture<ChatResponse> pendingAsync() {
    return pendingAsync.get();
  }

  @Override
  public ChatResponse complete(ProviderRequest request) {
    record(request);
    return answer.apply(request);
  }

  @Override
  public CompletableFuture<ChatResponse> completeAsync(ProviderRequest request) {
    record(request);
    if (holdAsync) {
      CompletableFuture<ChatResponse> f = new CompletableFuture<>();
      pendingAsync.set(f);
      return f;
    }
    try {
      return CompletableFuture.completedFuture(answer.apply(request));
    } catch (LlmException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  public volatile boolean closed;

  private void record(ProviderRequest request) {
    if (recordRequests) {
      requests.add(request);
    }
  }

  /** Counts one token per character of the prepared messages, so tests can see what was counted. */
  @Override
  public java.util.OptionalLong countInputTokens(ProviderRequest request) {
    requests.add(request);
    if (!countsTokens) {
      return java.util.OptionalLong.empty();
    }
    return java.util.OptionalLong.of(request.chat().messages().toString().length());
  }

  @Override
  public void close() {
    closed = true;
  }

  /**
   * A stream the test drives through {@link #lastStream} (a SubmissionPublisher honours demand), or, once
   * {@link #streams} is set, the publisher it makes for the request.
   */
  @Override
  public Flow.Publisher<ChatEvent> stream(ProviderRequest request) {
    requests.add(request);
    Function<ProviderRequest, Flow.Publisher<ChatEvent>> script = streamScript;
    if (script != null) {
      return script.apply(request);
    }
    SubmissionPublisher<ChatEvent> publisher = new SubmissionPublisher<>(Runnable::run, 8);
    lastStream = publisher;
    return publisher;
  }

  private volatile Function<ProviderRequest, Flow.Publisher<ChatEvent>> streamScript;

  /** Streams answer with {@code value} of the request from now on (e.g. one publisher per attempt). */
  public void streams(Function<ProviderRequest, Flow.Publisher<ChatEvent>> value) {
    streamScript = value;
  }

  /**
   * A publisher that sends {@code events} as they are asked for, then ends: with {@code error} when it
   * is not null, else normally. Each subscription replays them.
   */
  public static Flow.Publisher<ChatEvent> events(List<ChatEvent> events, LlmException error) {
    return subscriber -> {
      ScriptedSubscription subscription = new ScriptedSubscription(subscriber, events, error);
      subscriber.onSubscribe(subscription);
      subscription.request(0); // an end with no event before it needs no demand
    };
  }

  private static final class ScriptedSubscription implements Flow.Subscription {
    private final Flow.Subscriber<? super ChatEvent> subscriber;
    private final List<ChatEvent> events;
    private final LlmException error;
    private int next;
    private long demand;
    private boolean done;
    private boolean emitting;

    ScriptedSubscription(Flow.Subscriber<? super ChatEvent> subscriber, List<ChatEvent> events, LlmException error) {
      this.subscriber = subscriber;
      this.events = events;
      this.error = error;
    }

    @Override
    public synchronized void request(long n) {
      demand += Math.max(0, n);
      if (emitting) {
        return;
      }
      emitting = true;
      while (!done && demand > 0 && next < events.size()) {
        demand--;
        subscriber.onNext(events.get(next++));
      }
      if (!done && next == events.size()) {
        done = true;
        if (error != null) {
          subscriber.onError(error);
        } else {
          subscriber.onComplete();
        }
      }
      emitting = false;
    }

    @Override
    public synchronized void cancel() {
      done = true;
    }
  }
}
