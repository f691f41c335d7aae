package dev.llmkit.core.cache;

import dev.llmkit.api.CallAttributes;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.core.LlmCall;
import dev.llmkit.core.LlmInterceptor;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The options of the response cache: an exact-match cache of complete answers. A request that decides
 * the same answer as one answered before (same provider, model and endpoint, messages, tools, tool choice,
 * response format and sampling parameters; never the API key, headers or call attributes) is answered
 * from the cache without calling the provider, at cost zero, marked {@link CallAttributes#CACHE_HIT}.
 * Off unless given to {@code Llms.builder().responseCache(...)} or {@code LlmModule.withResponseCache(...)}.
 *
 * <pre>{@code
 * Llm llm = Llms.builder()
 *     .config(config)
 *     .responseCache(ResponseCache.builder().maxEntries(5_000).timeToLive(Duration.ofMinutes(30)).build())
 *     .build();
 * }</pre>
 *
 * <p>Entries live in a {@link ResponseCacheStore}: a bounded in-memory one of its own unless
 * {@link Builder#store} names another (a store shared by several processes). One options object given
 * to several {@code Llm}s gives them one store; keys include the provider and model, so they never mix.
 * Only complete answers are kept (finish reason {@code STOP} or {@code TOOL_CALLS}); see
 * {@code ResponseCacheStage} for what is stored and when.
 */
public final class ResponseCache {

  /**
   * Set to {@code true} on a call (from an interceptor, before the cache stage) to neither look it up
   * nor store its answer; {@link #bypassWhen} makes such an interceptor.
   */
  public static final CallAttributes.Key<Boolean> BYPASS = CallAttributes.key("llmkit.cache-bypass", Boolean.class);

  /** The in-memory store's bound unless {@link Builder#maxEntries} says otherwise. */
  public static final long DEFAULT_MAX_ENTRIES = 10_000;

  /** How long an entry lives unless {@link Builder#timeToLive} says otherwise. */
  public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofHours(1);

  /** No response cache: the stage is left out of the chain. */
  public static final ResponseCache DISABLED = new ResponseCache(false, 0, DEFAULT_TIME_TO_LIVE, null,
      EnumSet.noneOf(LlmCall.Mode.class), "");

  private final boolean enabled;
  private final long maxEntries;
  private final Duration timeToLive;
  private final @Nullable ResponseCacheStore store;
  private final Set<LlmCall.Mode> modes;
  private final String namespace;

  private ResponseCache(boolean enabled, long maxEntries, Duration timeToLive, @Nullable ResponseCacheStore store,
      Set<LlmCall.Mode> modes, String namespace) {
    this.enabled = enabled;
    this.maxEntries = maxEntries;
    this.timeToLive = timeToLive;
    this.store = store;
    this.modes = modes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(modes));
    this.namespace = namespace;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** An in-memory cache with the defaults ({@value #DEFAULT_MAX_ENTRIES} entries, one hour) for every call shape. */
  public static ResponseCache inMemory() {
    return builder().build();
  }

  public boolean enabled() {
    return enabled;
  }

  /** The bound of the in-memory store (0 when a store of your own is used, or when disabled). */
  public long maxEntries() {
    return maxEntries;
  }

  public Duration timeToLive() {
    return timeToLive;
  }

  /** Where entries live; throws for {@link #DISABLED}, which has none. */
  public ResponseCacheStore store() {
    if (store == null) {
      throw new IllegalStateException("the response cache is disabled and has no store");
    }
    return store;
  }

  /** The call shapes the cache serves: {@code complete}, {@code completeAsync}, {@code stream}. */
  public Set<LlmCall.Mode> modes() {
    return modes;
  }

  /** Part of every key: separates caches that share a store, and changing it starts afresh. */
  public String namespace() {
    return namespace;
  }

  /** Whether calls of this shape are looked up and stored. */
  public boolean covers(LlmCall.Mode mode) {
    return enabled && modes.contains(mode);
  }

  /**
   * An application interceptor that sets {@link #BYPASS} on the calls whose request (as the caller sent it)
   * matches {@code condition}, e.g. {@code ResponseCache.bypassWhen(r -> r.temperature() != null && r.temperature() > 0)}.
   * Add it with {@code Llms.builder().interceptor(...)} or a Guice {@code Multibinder<LlmInterceptor>}.
   */
  public static LlmInterceptor bypassWhen(Predicate<ChatRequest> condition) {
    Objects.requireNonNull(condition, "condition");
    return new LlmInterceptor() {
      @Override
      public CompletableFuture<ChatResponse> intercept(Chain chain) {
        return chain.proceed(marked(chain.call()));
      }

      @Override
      public Flow.Publisher<ChatEvent> interceptStream(Chain chain) {
        return chain.proceedStream(marked(chain.call()));
      }

      private LlmCall marked(LlmCall call) {
        if (condition.test(call.request())) {
          call.setAttribute(BYPASS, true);
        }
        return call;
      }

      @Override
      public String toString() {
        return "response-cache bypass";
      }
    };
  }

  @Override
  public String toString() {
    return enabled
        ? "ResponseCache[store=" + (store == null ? "none" : store.getClass().getSimpleName()) + ", timeToLive=" + timeToLive + ", modes=" + modes
            + (namespace.isEmpty() ? "" : ", namespace=" + namespace) + "]"
        : "ResponseCache[disabled]";
  }

  /** Builds {@link ResponseCache} options; every setting is optional. */
  public static final class Builder {
    private boolean enabled = true;
    private @Nullable Long maxEntries;
    private Duration timeToLive = DEFAULT_TIME_TO_LIVE;
    private @Nullable ResponseCacheStore store;
    private Set<LlmCall.Mode> modes = EnumSet.allOf(LlmCall.Mode.class);
    private String namespace = "";

    private Builder() {}

    /** {@code false} builds {@link ResponseCache#DISABLED}, e.g. from a configuration flag. */
    public Builder enabled(boolean value) {
      enabled = value;
      return this;
    }

    /** The most entries the in-memory store keeps ({@value ResponseCache#DEFAULT_MAX_ENTRIES} by default). */
    public Builder maxEntries(long value) {
      maxEntries = value;
      return this;
    }

    /** How long an answer is served from the cache after it was stored (one hour by default). */
    public Builder timeToLive(Duration value) {
      timeToLive = Objects.requireNonNull(value, "timeToLive");
      return this;
    }

    /** Keep entries in {@code value} (a store shared by several processes) instead of in memory. */
    public Builder store(ResponseCacheStore value) {
      store = Objects.requireNonNull(value, "store");
      return this;
    }

    /** The call shapes to serve from the cache (all three by default). */
    public Builder modes(Set<LlmCall.Mode> value) {
      modes = EnumSet.noneOf(LlmCall.Mode.class);
      modes.addAll(value);
      return this;
    }

    /** The call shapes to serve from the cache (all three by default). */
    public Builder modes(LlmCall.Mode... value) {
      return modes(Set.of(value));
    }

    /** Part of every key (empty by default): separates caches that share a store. */
    public Builder namespace(String value) {
      namespace = Objects.requireNonNull(value, "namespace");
      return this;
    }

    /**
     * The options; a configuration {@link LlmException} names a bad value: a {@code maxEntries} below 1, or
     * set together with a store of your own (which is bounded by its own settings), a {@code timeToLive}
     * that is not positive, no call shape.
     */
    public ResponseCache build() {
      if (!enabled) {
        return DISABLED;
      }
      if (maxEntries != null && store != null) {
        // The store's class, not its toString: a remote store's may carry a URL with credentials.
        throw invalid("maxEntries bounds the in-memory store only; bound your own store ("
            + store.getClass().getSimpleName() + ") in its own settings and leave maxEntries unset");
      }
      long bound = maxEntries != null ? maxEntries : DEFAULT_MAX_ENTRIES;
      if (bound < 1) {
        throw invalid("maxEntries must be at least 1, was " + bound + "; use enabled(false) for no cache");
      }
      if (timeToLive.isNegative() || timeToLive.isZero()) {
        throw invalid("timeToLive must be positive, was " + timeToLive + "; use enabled(false) for no cache");
      }
      if (modes.isEmpty()) {
        throw invalid("modes is empty: name at least one of COMPLETE, ASYNC, STREAM, or use enabled(false)");
      }
      ResponseCacheStore chosen = store != null ? store : new InMemoryResponseCacheStore(bound);
      return new ResponseCache(true, store != null ? 0 : bound, timeToLive, chosen, modes, namespace);
    }

    private static LlmException invalid(String message) {
      return LlmException.builder(ErrorKind.CONFIGURATION, "ResponseCache: " + message).build();
    }
  }
}
