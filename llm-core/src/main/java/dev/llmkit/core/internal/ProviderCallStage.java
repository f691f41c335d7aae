package dev.llmkit.core.internal;

import dev.llmkit.api.CallAttributes;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.core.EventStreams;
import dev.llmkit.core.LlmCall;
import dev.llmkit.core.LlmInterceptor;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderResponse;
import dev.llmkit.spi.support.FailedPublisher;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The end of the chain: one exchange with the provider. A sync call with nothing above it that needs
 * to cancel the exchange uses the provider's blocking {@code respond} (one thread hand-off fewer);
 * every other call the async one, aborted when the call's {@link dev.llmkit.core.Cancellation} fires.
 * A call cancelled before it is sent is refused here, with the cancellation's reason when it has one
 * (the deadline's timeout), so that accounting records it. The engine's {@link ChatResponse} is built
 * here from the provider's {@link ProviderResponse}; an empty response (no text, no tool call, no
 * reasoning) becomes a retryable error; every error leaves naming the model.
 */
final class ProviderCallStage implements LlmInterceptor {
  private final ChatProvider provider;
  private final ModelInfo model;

  ProviderCallStage(ChatProvider provider, ModelInfo model) {
    this.provider = provider;
    this.model = model;
  }

  @Override
  public CompletableFuture<ChatResponse> intercept(Chain chain) {
    LlmCall call = chain.call();
    if (call.cancellation().isCancelled()) {
      return CompletableFuture.failedFuture(notSent(call));
    }
    call.updateAttribute(CallAttributes.ATTEMPTS, n -> n == null ? 1 : n + 1);
    if (call.mayBlock()) {
      try {
        return CompletableFuture.completedFuture(response(provider.respond(call.providerRequest())));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(Futures.asLlmException(e, model));
      }
    }
    CompletableFuture<ProviderResponse> exchange = provider.respondAsync(call.providerRequest());
    call.cancellation().onCancel(() -> exchange.cancel(true)); // aborts the HTTP exchange
    return Futures.whenDone(exchange, (response, failure, out) -> {
      if (failure != null) {
        out.completeExceptionally(failed(failure, call));
      } else {
        out.complete(response(response)); // an empty response throws, and fails the future
      }
    });
  }

  /** The error of a failed exchange; an exchange aborted by a cancellation with a reason fails with the reason. */
  private LlmException failed(Throwable failure, LlmCall call) {
    LlmException e = Futures.asLlmException(failure, model);
    return e.kind() == ErrorKind.CANCELLED ? call.cancellation().reason().orElse(e) : e;
  }

  @Override
  public Flow.Publisher<ChatEvent> interceptStream(Chain chain) {
    LlmCall call = chain.call();
    // The provider's publisher is made at subscription: nothing of the exchange exists before it.
    Flow.Publisher<ChatEvent> exchange = subscriber -> {
      if (call.cancellation().isCancelled()) {
        FailedPublisher.<ChatEvent>of(notSent(call)).subscribe(subscriber);
        return;
      }
      call.updateAttribute(CallAttributes.ATTEMPTS, n -> n == null ? 1 : n + 1);
      provider.stream(call.providerRequest()).subscribe(subscriber);
    };
    return EventStreams.observe(exchange, () -> new EventStreams.Observer() {
      private final ArrivedEvents arrived = new ArrivedEvents();

      @Override
      public ChatEvent onEvent(ChatEvent event) {
        if (event instanceof ChatEvent.Completed c) {
          if (RetryRules.empty(c.response())) {
            throw RetryRules.emptyResponse(c.response(), model); // ends the stream with it
          }
        }
        arrived.add(event);
        return event;
      }

      @Override
      public Throwable onError(Throwable error) {
        return arrived.attachTo(Futures.asLlmException(error, model), model);
      }
    });
  }

  private ChatResponse response(ProviderResponse wire) {
    ChatResponse response = wire.toChatResponse(model.provider());
    if (RetryRules.empty(response)) {
      throw RetryRules.emptyResponse(response, model);
    }
    return response;
  }

  /** The error of a call cancelled before it was sent: the cancellation's reason, or a plain cancellation. */
  private LlmException notSent(LlmCall call) {
    return call.cancellation().reason()
        .orElseGet(() -> LlmException.builder(ErrorKind.CANCELLED, "the call was cancelled before it was sent")
            .provider(model.provider()).model(model.name()).build());
  }

  @Override
  public String toString() {
    return Pipeline.PROVIDER_CALL;
  }
}
