package dev.llmkit.core.internal;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelInfo;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The few future and error helpers the stages share. */
final class Futures {
  private Futures() {}

  /**
   * A future completed by {@code handler} once {@code source} is done; the handler gets the plain
   * failure (never a {@link CompletionException}) and completes the result itself.
   */
  static <T, R> CompletableFuture<R> whenDone(
      CompletableFuture<T> source, TriConsumer<T, Throwable, CompletableFuture<R>> handler) {
    CompletableFuture<R> result = new CompletableFuture<>();
    source.whenComplete((value, failure) -> {
      try {
        handler.accept(value, failure == null ? null : unwrap(failure), result);
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  /** The failure inside the future wrappers; a cancellation becomes a CANCELLED error. */
  static Throwable unwrap(Throwable t) {
    Throwable cur = t;
    while ((cur instanceof CompletionException || cur instanceof ExecutionException) && cur.getCause() != null) {
      cur = cur.getCause();
    }
    if (cur instanceof CancellationException) {
      return LlmException.builder(ErrorKind.CANCELLED, "the call was cancelled").cause(cur).build();
    }
    return cur;
  }

  /** {@code t} as an error that names the model: what every caller of {@code Llm} receives. */
  static LlmException asLlmException(Throwable t, ModelInfo model) {
    Throwable cur = unwrap(t);
    if (cur instanceof InvalidRequestException e) {
      return e; // its problems() name the fields; a copy through the builder would lose them
    }
    if (cur instanceof LlmException e) {
      return e.model().isPresent() ? e
          : e.toBuilder().model(model.name()).provider(e.provider().orElse(model.provider())).build();
    }
    return LlmException.builder(ErrorKind.UNKNOWN, "call to " + model.qualifiedName() + " failed: " + cur)
        .provider(model.provider()).model(model.name()).cause(cur).build();
  }

  /** Three-argument consumer for {@link #whenDone}. */
  @FunctionalInterface
  interface TriConsumer<A, B, C> {
    void accept(A a, B b, C c);
  }
}
