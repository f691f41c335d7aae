package dev.llmkit.core.internal;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Metrics;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.core.AttemptBudget;
import dev.llmkit.core.EventStreams;
import dev.llmkit.core.LlmCall;
import dev.llmkit.core.LlmInterceptor;
import dev.llmkit.core.tokens.TokenCounter;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderRequest;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The facade: starts a call and runs it through the {@link Pipeline}'s stages, the same ones for
 * {@code complete} (a join on the chain, which then runs on the caller's thread), {@code completeAsync}
 * (cancelling the future cancels the call) and {@code stream}. The attributes the stages recorded go
 * into the response's metadata.
 */
public final class DefaultLlm implements Llm {
  private final ModelInfo model;
  private final ChatProvider provider;
  private final List<LlmInterceptor> stages;
  private final Function<ChatRequest, ProviderRequest> preparation;
  private final TokenCounter localCounter;
  private final DefaultMetrics metrics;

  /**
   * @param preparation validates and formats a request the way the pipeline does, for
   *     {@link #countInputTokens}, which asks the provider without making a call
   * @param localCounter counts where the provider has no counting endpoint
   */
  public DefaultLlm(ModelInfo model, ChatProvider provider, Pipeline pipeline,
      Function<ChatRequest, ProviderRequest> preparation, TokenCounter localCounter, DefaultMetrics metrics) {
    this.model = model;
    this.provider = provider;
    this.stages = pipeline.stages();
    this.preparation = preparation;
    this.localCounter = localCounter;
    this.metrics = metrics;
  }

  @Override
  public ChatResponse complete(ChatRequest request) {
    return complete(request, null);
  }

  /** {@link #complete(ChatRequest)} whose retries draw from {@code budget} (a routed call's, shared with its fallbacks). */
  public ChatResponse complete(ChatRequest request, @Nullable AttemptBudget budget) {
    LlmCall call = LlmCall.start(model, LlmCall.Mode.COMPLETE, required(request), budget);
    CompletableFuture<ChatResponse> result = InterceptorChain.run(stages, call);
    try {
      return withAttributes(result.get(), call);
    } catch (InterruptedException e) {
      call.cancellation().cancel();
      Thread.currentThread().interrupt();
      throw LlmException.builder(ErrorKind.CANCELLED, "interrupted while waiting for " + model.qualifiedName())
          .provider(model.provider()).model(model.name()).cause(e).build();
    } catch (ExecutionException e) {
      throw Futures.asLlmException(e.getCause(), model);
    }
  }

  @Override
  public CompletableFuture<ChatResponse> completeAsync(@Nullable ChatRequest request) {
    return completeAsync(request, null);
  }

  /** {@link #completeAsync(ChatRequest)} whose retries draw from {@code budget}. */
  public CompletableFuture<ChatResponse> completeAsync(@Nullable ChatRequest request, @Nullable AttemptBudget budget) {
    LlmCall call;
    try {
      call = LlmCall.start(model, LlmCall.Mode.ASYNC, required(request), budget);
    } catch (LlmException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<ChatResponse> result = new CompletableFuture<>() {
      @Override
      public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
          call.cancellation().cancel(); // the provider stage aborts the HTTP exchange
        }
        return cancelled;
      }
    };
    CompletableFuture<ChatResponse> chain = InterceptorChain.run(stages, call);
    chain.whenComplete((response, failure) -> {
      if (failure != null) {
        result.completeExceptionally(Futures.asLlmException(failure, model));
      } else {
        result.complete(withAttributes(response, call));
      }
    });
    // Completed from outside (orTimeout, completeOnTimeout, complete...) while the call runs: stop the call too.
    result.whenComplete((response, failure) -> {
      if (!chain.isDone()) {
        call.cancellation().cancel();
      }
    });
    return result;
  }

  @Override
  public ChatStream stream(ChatRequest request) {
    return stream(request, null);
  }

  /** {@link #stream(ChatRequest)} whose retries draw from {@code budget}. */
  public ChatStream stream(ChatRequest request, @Nullable AttemptBudget budget) {
    LlmCall call = LlmCall.start(model, LlmCall.Mode.STREAM, required(request), budget);
    return new EngineChatStream(EventStreams.map(InterceptorChain.stream(stages, call),
        event -> event instanceof ChatEvent.Completed c ? new ChatEvent.Completed(withAttributes(c.response(), call)) : event));
  }

  /** The provider's own count where it has an endpoint for it, else the local tokenizer's or estimate's. */
  @Override
  public OptionalLong countInputTokens(ChatRequest request) {
    ProviderRequest prepared = preparation.apply(required(request));
    OptionalLong counted = provider.countInputTokens(prepared);
    return counted.isPresent() ? counted : OptionalLong.of(localCounter.count(prepared.chat()));
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

  private static ChatResponse withAttributes(ChatResponse response, LlmCall call) {
    return response.withMetadata(response.metadata().withAttributes(call.attributes()));
  }

  private static ChatRequest required(@Nullable ChatRequest request) {
    if (request == null) {
      throw new InvalidRequestException(List.of("request is null; pass a ChatRequest, e.g. ChatRequest.of(Message.user(\"Hello\"))"));
    }
    return request;
  }
}
