package dev.llmkit.testkit.routing;

import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.Usage;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderContext;
import dev.llmkit.spi.ProviderDescriptor;
import dev.llmkit.spi.ProviderFactory;
import dev.llmkit.spi.ProviderRequest;
import dev.llmkit.spi.ProviderResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory provider for router tests, id {@code contract}: models {@code contract/small} (8,192
 * tokens, text only), {@code contract/medium} (128,000) and {@code contract/large} (200,000, vision and
 * tools), or any other name (no known window). Each model answers {@code "<model>"} unless told to fail
 * with {@link #failWith}; {@link #calls()} counts the calls per model, {@link #inFlight()} the calls now
 * running, and {@link #delay} holds every call for a while (to see concurrency).
 */
public final class ScriptedProviderFactory implements ProviderFactory {
  public static final String ID = "contract";
  private static final Map<String, Integer> WINDOWS = Map.of("small", 8_192, "medium", 128_000, "large", 200_000);

  private final Map<String, ErrorKind> failures = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final List<String> order = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private volatile Duration delay = Duration.ZERO;

  /** Calls to {@code model} fail with {@code kind} (a 529 for OVERLOADED) from now on. */
  public ScriptedProviderFactory failWith(String model, ErrorKind kind) {
    failures.put(model, kind);
    return this;
  }

  public ScriptedProviderFactory heal(String model) {
    failures.remove(model);
    return this;
  }

  /** Every call takes at least {@code value}. */
  public ScriptedProviderFactory delay(Duration value) {
    delay = value;
    return this;
  }

  public int calls(String model) {
    AtomicInteger n = calls.get(model);
    return n == null ? 0 : n.get();
  }

  /** The models called, in order. */
  public List<String> order() {
    return List.copyOf(order);
  }

  public int maxInFlight() {
    return maxInFlight.get();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ProviderDescriptor descriptor() {
    return ProviderDescriptor.builder(ID).requiresApiKey(false).build();
  }

  @Override
  public ModelInfo describeModel(String modelName) {
    return new ModelInfo(ID, modelName, "large".equals(modelName) ? ModelFeatures.TOOLS_AND_VISION : ModelFeatures.BASIC,
        WINDOWS.get(modelName), 4_096);
  }

  @Override
  public ChatProvider create(LlmConfig config, ProviderContext context) {
    return new ChatProvider() {
      @Override
      public ProviderResponse respond(ProviderRequest request) {
        try {
          return respondAsync(request).join();
        } catch (CompletionException e) {
          throw e.getCause() instanceof RuntimeException r ? r : e;
        }
      }

      @Override
      public CompletableFuture<ProviderResponse> respondAsync(ProviderRequest request) {
        return answer(request.model().name(), context.executor()).thenApply(ProviderResponse::of);
      }

      @Override
      public Flow.Publisher<ChatEvent> stream(ProviderRequest request) {
        // Nothing happens until a subscriber arrives (a SubmissionPublisher drops items nobody gets).
        return subscriber -> {
          SubmissionPublisher<ChatEvent> publisher = new SubmissionPublisher<>(context.executor(), 16);
          publisher.subscribe(subscriber);
          answer(request.model().name(), context.executor()).whenComplete((r, failure) -> {
            if (failure != null) {
              publisher.closeExceptionally(failure instanceof CompletionException c ? c.getCause() : failure);
            } else {
              publisher.submit(new ChatEvent.TextDelta(r.text()));
              publisher.submit(new ChatEvent.Completed(r));
              publisher.close();
            }
          });
        };
      }
    };
  }

  /**
   * The scripted answer of {@code model}, after the configured delay: the call is in flight from now
   * until then, and the wait is a timer's, not a thread's.
   */
  private CompletableFuture<ChatResponse> answer(String model, Executor executor) {
    calls.computeIfAbsent(model, k -> new AtomicInteger()).incrementAndGet();
    order.add(model);
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    Executor after = delay.isZero() ? executor : CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, executor);
    return CompletableFuture.supplyAsync(() -> {
      try {
        ErrorKind kind = failures.get(model);
        if (kind != null) {
          throw LlmException.builder(kind, model + " failed with " + kind)
              .httpStatus(kind == ErrorKind.OVERLOADED ? 529 : kind == ErrorKind.RATE_LIMITED ? 429 : 400)
              .provider(ID).model(model).build();
        }
        return new ChatResponse("r-" + model, ID, model, AssistantMessage.of(model), FinishReason.STOP, "stop",
            Usage.of(10, 5), null, Duration.ZERO);
      } finally {
        inFlight.decrementAndGet();
      }
    }, after);
  }
}
