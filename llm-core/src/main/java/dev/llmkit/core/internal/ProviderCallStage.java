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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The end of the chain: one exchange with the provider. A sync call with nothing above it that needs
 * to cancel the exchange uses the provider's blocking {@code respond} (one thread hand-off fewer);
 * every other call the async one, aborted when the call's {@link dev.llmkit.core.Cancellation} fires.
 * The engine's {@link ChatResponse} is built here from the provider's {@link ProviderResponse}, and
 * every error leaves naming the model.
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
      return CompletableFuture.failedFuture(
          LlmException.builder(ErrorKind.CANCELLED, "the call was cancelled before it was sent")
              .provider(model.provider()).model(model.name()).build());
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
        out.completeExceptionally(Futures.asLlmException(failure, model));
      } else {
        out.complete(response(response));
      }
    });
  }

  @Override
  public Flow.Publisher<ChatEvent> interceptStream(Chain chain) {
    LlmCall call = chain.call();
    // The provider's publisher is made at subscription: nothing of the exchange exists before it.
    Flow.Publisher<ChatEvent> exchange = subscriber -> {
      call.updateAttribute(CallAttributes.ATTEMPTS, n -> n == null ? 1 : n + 1);
      provider.stream(call.providerRequest()).subscribe(subscriber);
    };
    return EventStreams.observe(exchange, () -> new EventStreams.Observer() {
      @Override
      public Throwable onError(Throwable error) {
        return Futures.asLlmException(error, model);
      }
    });
  }

  private ChatResponse response(ProviderResponse response) {
    return response.toChatResponse(model.provider());
  }

  @Override
  public String toString() {
    return Pipeline.PROVIDER_CALL;
  }
}
