package dev.llmkit.core.internal;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.core.EventStreams;
import dev.llmkit.core.LlmInterceptor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Writes each answered call, streamed or not, to the {@link CompletionLog} before the caller sees it.
 * Only in the chain when {@code logCompletions} is on.
 */
final class CompletionLogStage implements LlmInterceptor {
  private final CompletionLog log;

  CompletionLogStage(CompletionLog log) {
    this.log = log;
  }

  @Override
  public CompletableFuture<ChatResponse> intercept(Chain chain) {
    var request = chain.call().providerRequest();
    return Futures.whenDone(chain.proceed(chain.call()), (response, failure, out) -> {
      if (failure != null) {
        out.completeExceptionally(failure);
        return;
      }
      log.record(request, response);
      out.complete(response);
    });
  }

  @Override
  public Flow.Publisher<ChatEvent> interceptStream(Chain chain) {
    var request = chain.call().providerRequest();
    return EventStreams.observe(chain.proceedStream(chain.call()), () -> new EventStreams.Observer() {
      @Override
      public ChatEvent onEvent(ChatEvent event) {
        if (event instanceof ChatEvent.Completed c) {
          log.record(request, c.response());
        }
        return event;
      }
    });
  }

  @Override
  public String toString() {
    return Pipeline.COMPLETION_LOG;
  }
}
