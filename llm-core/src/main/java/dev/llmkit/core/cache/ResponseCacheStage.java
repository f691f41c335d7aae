package dev.llmkit.core.cache;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import dev.llmkit.api.CallAttributes;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.core.EventStreams;
import dev.llmkit.core.LlmCall;
import dev.llmkit.core.LlmInterceptor;
import dev.llmkit.core.internal.CallAccounting;
import dev.llmkit.core.internal.Pipeline;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The response-cache stage: answers a request seen before from the {@link ResponseCacheStore}, without
 * calling the provider, and stores the complete answers of the others.
 *
 * <ul>
 *   <li>{@code complete} and {@code completeAsync} look the request up; on a hit the cached response is the
 *       answer, on a miss the provider's answer is stored before it is handed back, so the next identical
 *       call hits. A stream looks up when it is subscribed: a hit is replayed as a stream (reasoning, text,
 *       tool calls, usage, completed), a miss stores the final response when the stream completes normally.
 *   <li>Stored: answers that finished with {@code STOP} or {@code TOOL_CALLS}. Never errors, cancelled or
 *       failed streams, content-filtered answers, nor {@code LENGTH}: a truncated answer is what a caller
 *       retries, often unchanged, and a cache would hand the same truncation back for the whole time to live.
 *   <li>A hit costs zero (not unknown: nothing was billed), keeps the usage the answer was made with, sets
 *       {@link CallAttributes#CACHE_HIT} and is accounted here, since it never reaches the accounting
 *       stage below: a call with its latency, zero cost and no tokens in {@code Metrics}, and
 *       {@code llm.<provider>.<model>.cache.hits} / {@code .misses} counters in the metric registry.
 *   <li>A store that throws (or times out, which its own contract bounds) is a miss with a warning, and a
 *       failed write is only a warning: the cache never fails a call. An entry that cannot be decoded is a
 *       miss and is removed.
 *   <li>Calls with {@link ResponseCache#BYPASS}, of a shape the options leave out, or whose request has a
 *       value the key cannot encode pass through untouched.
 *   <li>Two identical calls that miss at the same time both call the provider and both store (the same
 *       answer, the last write wins): no coalescing, because a call waiting on another's exchange would
 *       inherit its cancellation, deadline and failure, and a shared store could not coalesce across
 *       processes anyway.
 * </ul>
 *
 * <p>It sits after formatting, function-calling emulation and the context-window check (so the key is of
 * the request as it will be sent) and before budget, completion log, deadline and retries (so a hit
 * reserves no budget, is not logged as an exchange and waits for nothing).
 */
public final class ResponseCacheStage implements LlmInterceptor {
  private static final System.Logger LOG = System.getLogger("dev.llmkit.cache");

  private final ResponseCache options;
  private final RequestKey.Scope scope;
  private final ResponseCacheStore store;
  private final CallAccounting accounting;
  private final Counter hits;
  private final Counter misses;

  /**
   * @param accounting records hits in the {@code Llm}'s metrics (the calls that miss are recorded by the
   *     accounting stage as usual)
   * @param registry where the hit and miss counters of {@code model} go
   */
  public ResponseCacheStage(ResponseCache options, LlmConfig config, ModelInfo model, CallAccounting accounting,
      MetricRegistry registry) {
    if (!options.enabled()) {
      throw new IllegalArgumentException("the response cache is disabled; leave the stage out (Pipeline.SKIPPED)");
    }
    this.options = options;
    this.scope = RequestKey.Scope.of(options.namespace(), config, model);
    this.store = options.store();
    this.accounting = accounting;
    String prefix = MetricRegistry.name("llm", model.provider(), model.name(), "cache");
    this.hits = registry.counter(MetricRegistry.name(prefix, "hits"));
    this.misses = registry.counter(MetricRegistry.name(prefix, "misses"));
  }

  @Override
  public CompletableFuture<ChatResponse> intercept(Chain chain) {
    LlmCall call = chain.call();
    String key = keyOf(call);
    if (key == null) {
      return chain.proceed(call);
    }
    long start = accounting.start();
    ChatResponse cached = lookUp(key, call);
    if (cached != null) {
      return CompletableFuture.completedFuture(accounting.cacheHit(start, cached, false, null));
    }
    CompletableFuture<ChatResponse> answered = new CompletableFuture<>();
    chain.proceed(call).whenComplete((response, failure) -> {
      if (failure != null) {
        answered.completeExceptionally(failure); // as it came, for the stages above
      } else {
        keep(key, response);
        answered.complete(response);
      }
    });
    return answered;
  }

  @Override
  public Flow.Publisher<ChatEvent> interceptStream(Chain chain) {
    LlmCall call = chain.call();
    String key = keyOf(call);
    // Built now, as without a cache, so that a stage below refusing the call fails stream() itself.
    Flow.Publisher<ChatEvent> live = chain.proceedStream(call);
    if (key == null) {
      return live;
    }
    return subscriber -> {
      long start = accounting.start();
      ChatResponse cached = lookUp(key, call);
      if (cached != null) {
        EventStreams.observe(new StreamReplay(cached), () -> new HitRecord(call, start)).subscribe(subscriber);
      } else {
        EventStreams.observe(live, () -> new EventStreams.Observer() {
          @Override
          public ChatEvent onEvent(ChatEvent event) {
            if (event instanceof ChatEvent.Completed completed) {
              keep(key, completed.response());
            }
            return event;
          }
        }).subscribe(subscriber);
      }
    };
  }

  /** The call's key, or {@code null} when the cache leaves the call alone. */
  private @Nullable String keyOf(LlmCall call) {
    if (!options.covers(call.mode()) || call.attribute(ResponseCache.BYPASS).orElse(false)) {
      return null;
    }
    try {
      return RequestKey.of(scope, call.request());
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "response cache: request not cached, it has a value the key cannot encode: {0}",
          e.toString());
      return null;
    }
  }

  /** The cached answer, or {@code null} for a miss; counts it and marks the call either way. */
  private @Nullable ChatResponse lookUp(String key, LlmCall call) {
    ChatResponse found = read(key);
    (found != null ? hits : misses).inc();
    call.setAttribute(CallAttributes.CACHE_HIT, found != null);
    return found;
  }

  private @Nullable ChatResponse read(String key) {
    Optional<byte[]> entry;
    try {
      entry = store.get(key);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "response cache: the store failed to read ({0}); calling the provider",
          e.toString());
      return null;
    }
    if (entry == null || entry.isEmpty()) {
      return null;
    }
    try {
      return ResponseCodec.decode(entry.get());
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "response cache: removing an entry that cannot be read ({0})", e.toString());
      forget(key);
      return null;
    }
  }

  private void forget(String key) {
    try {
      store.invalidate(key);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "response cache: the store failed to remove an entry ({0})", e.toString());
    }
  }

  /** Stores a complete answer; never fails the call. */
  private void keep(String key, ChatResponse response) {
    if (!storable(response)) {
      return;
    }
    try {
      store.put(key, ResponseCodec.encode(response), options.timeToLive());
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "response cache: the store failed to write ({0}); the answer is not cached",
          e.toString());
    }
  }

  /** Complete, successful answers only; the class comment says why not {@code LENGTH}. */
  static boolean storable(ChatResponse response) {
    return response.finishReason() == FinishReason.STOP || response.finishReason() == FinishReason.TOOL_CALLS;
  }

  @Override
  public String toString() {
    return Pipeline.RESPONSE_CACHE;
  }

  /**
   * The accounting of one replayed hit: recorded once, as a hit when it completes, as the cancellation when
   * the caller closes it first (the accounting stage is below this one and never sees a hit).
   */
  private final class HitRecord implements EventStreams.Observer {
    private final LlmCall call;
    private final long start;
    private final AtomicBoolean recorded = new AtomicBoolean();
    private volatile @Nullable Duration firstToken;

    HitRecord(LlmCall call, long start) {
      this.call = call;
      this.start = start;
    }

    @Override
    public ChatEvent onEvent(ChatEvent event) {
      if (firstToken == null && !(event instanceof ChatEvent.UsageUpdate)) {
        firstToken = Duration.ofNanos(System.nanoTime() - start);
      }
      if (event instanceof ChatEvent.Completed c && recorded.compareAndSet(false, true)) {
        return new ChatEvent.Completed(accounting.cacheHit(start, c.response(), true, firstToken));
      }
      return event;
    }

    @Override
    public void onCancel() {
      if (recorded.compareAndSet(false, true)) {
        accounting.cancelled(call, start, firstToken);
      }
    }
  }
}
