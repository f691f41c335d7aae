package dev.llmkit.core.fncall;

import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.LlmException;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/** How the function-calling stages change an answer on its way back to the caller. */
final class ResponseMapping {
  private ResponseMapping() {}

  /** {@code answer} changed by {@code fn}; a throwing {@code fn} fails the returned future with its exception. */
  static CompletableFuture<ChatResponse> map(CompletableFuture<ChatResponse> answer, UnaryOperator<ChatResponse> fn) {
    CompletableFuture<ChatResponse> out = new CompletableFuture<>();
    answer.whenComplete((response, failure) -> {
      if (failure != null) {
        out.completeExceptionally(failure);
        return;
      }
      try {
        out.complete(fn.apply(response));
      } catch (RuntimeException e) {
        out.completeExceptionally(e);
      }
    });
    return out;
  }

  /** {@code e} carrying the response it refused, so that the caller can see what the model sent. */
  static LlmException refusing(LlmException e, ChatResponse response) {
    LlmException withResponse = e.toBuilder().partialResponse(response).build();
    withResponse.setStackTrace(e.getStackTrace());
    return withResponse;
  }
}
