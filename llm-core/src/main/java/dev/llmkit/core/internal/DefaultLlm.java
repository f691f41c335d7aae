package dev.llmkit.core.internal;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Metrics;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderRequest;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The facade: one path through the stages for sync, async and streaming calls alike. Validation,
 * formatting and cache marking happen before the provider call; accounting after it, for failures too.
 */
public final class DefaultLlm implements Llm {
  private final ModelInfo model;
  private final ChatProvider provider;
  private final RequestValidator validator;
  private final RequestFormatter formatter;
  private final PromptCacheMarker cacheMarker;
  private final CallDeadline deadline;
  private final CallAccounting accounting;
  private final CompletionLog completionLog;
  private final DefaultMetrics metrics;

  public DefaultLlm(ModelInfo model, ChatProvider provider, RequestValidator validator, RequestFormatter formatter,
      PromptCacheMarker cacheMarker, CallDeadline deadline, CallAccounting accounting, CompletionLog completionLog,
      DefaultMetrics metrics) {
    this.model = model;
    this.provider = provider;
    this.validator = validator;
    this.formatter = formatter;
    this.cacheMarker = cacheMarker;
    this.deadline = deadline;
    this.accounting = accounting;
    this.completionLog = completionLog;
    this.metrics = metrics;
  }

  @Override
  public ChatResponse complete(ChatRequest request) {
    ProviderRequest prepared = prepare(request);
    long start = accounting.start();
    try {
      // Without a timeout the blocking exchange saves a thread hand-off; with one, the async exchange
      // can be cancelled when the deadline passes even if the server stalls mid-body.
      ChatResponse response = deadline.timeout() == null
          ? provider.complete(prepared)
          : deadline.await(provider.completeAsync(prepared));
      ChatResponse timed = accounting.succeeded(start, response, false);
      completionLog.record(prepared, timed);
      return timed;
    } catch (RuntimeException e) {
      LlmException error = withModel(e);
      accounting.failed(start, error, false);
      throw error;
    }
  }

  @Override
  public CompletableFuture<ChatResponse> completeAsync(ChatRequest request) {
    ProviderRequest prepared;
    try {
      prepared = prepare(request);
    } catch (LlmException e) {
      return CompletableFuture.failedFuture(e);
    }
    long start = accounting.start();
    CompletableFuture<ChatResponse> call = provider.completeAsync(prepared);
    AtomicBoolean settled = new AtomicBoolean(); // exactly one of: answer, failure, cancel, timeout
    CompletableFuture<ChatResponse> result = new CompletableFuture<>() {
      @Override
      public boolean cancel(boolean mayInterruptIfRunning) {
        if (!settled.compareAndSet(false, true)) {
          return false;
        }
        super.cancel(mayInterruptIfRunning);
        call.cancel(true); // aborts the HTTP exchange
        accounting.failed(start, LlmException.builder(ErrorKind.CANCELLED, "cancelled by the caller").build(), false);
        return true;
      }
    };
    ScheduledFuture<?> timer = deadline.arm(expired -> {
      if (settled.compareAndSet(false, true)) {
        call.cancel(true);
        accounting.failed(start, expired, false);
        result.completeExceptionally(expired);
      }
    });
    call.whenComplete((response, failure) -> {
      if (timer != null) {
        timer.cancel(false);
      }
      if (!settled.compareAndSet(false, true)) {
        return; // already cancelled or timed out, and accounted
      }
      if (failure == null) {
        ChatResponse timed = accounting.succeeded(start, response, false);
        completionLog.record(prepared, timed);
        result.complete(timed);
      } else {
        LlmException error = withModel(unwrap(failure));
        accounting.failed(start, error, false);
        result.completeExceptionally(error);
      }
    });
    return result;
  }

  @Override
  public ChatStream stream(ChatRequest request) {
    ProviderRequest prepared = prepare(request);
    return new AccountedChatStream(() -> provider.stream(prepared), accounting, deadline,
        response -> completionLog.record(prepared, response));
  }

  @Override
  public OptionalLong countInputTokens(ChatRequest request) {
    return provider.countInputTokens(prepare(request));
  }

  @Override
  public void close() {
    provider.close();
  }

  @Override
  public Metrics metrics() {
    return metrics;
  }

  @Override
  public ModelInfo model() {
    return model;
  }

  private ProviderRequest prepare(ChatRequest request) {
    validator.validate(request);
    ChatRequest formatted = formatter.format(request, model);
    return new ProviderRequest(model, formatted, cacheMarker.breakpoints(formatted, model), null);
  }

  private LlmException withModel(Throwable t) {
    if (t instanceof InvalidRequestException e) {
      return e; // its problems() name the fields; a copy through the builder would lose them
    }
    if (t instanceof LlmException e) {
      return e.model().isPresent() ? e : e.toBuilder().model(model.name()).provider(e.provider().orElse(model.provider())).build();
    }
    return LlmException.builder(ErrorKind.UNKNOWN, "call to " + model.qualifiedName() + " failed: " + t)
        .provider(model.provider()).model(model.name()).cause(t).build();
  }

  private static Throwable unwrap(Throwable t) {
    Throwable cur = t;
    while (cur instanceof CompletionException && cur.getCause() != null) {
      cur = cur.getCause();
    }
    if (cur instanceof CancellationException) {
      return LlmException.builder(ErrorKind.CANCELLED, "the call was cancelled").cause(cur).build();
    }
    return cur;
  }
}
