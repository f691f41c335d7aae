package dev.llmkit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.RateLimitException;
import dev.llmkit.api.Usage;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChatProviderTest {
  private static final ProviderRequest REQUEST =
      ProviderRequest.of(new ModelInfo("acme", "m", ModelFeatures.BASIC, null, null), ChatRequest.of(Message.user("hi")));
  private static final ChatResponse RESPONSE = new ChatResponse("id", "acme", "m", AssistantMessage.of("hello"),
      FinishReason.STOP, "stop", Usage.of(1, 1), null, Duration.ZERO);

  /** A provider whose async answer is whatever future the test hands it. */
  private static ChatProvider answering(CompletableFuture<ChatResponse> future) {
    return new ChatProvider() {
      @Override
      public CompletableFuture<ChatResponse> completeAsync(ProviderRequest request) {
        return future;
      }

      @Override
      public Flow.Publisher<ChatEvent> stream(ProviderRequest request) {
        throw new UnsupportedOperationException();
      }
    };
  }

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Nested
  class CompleteByDefault {

    @Test
    void returnsTheAsyncResult() {
      // Equal, not the same: the default goes through respondAsync and ProviderResponse and back.
      assertThat(answering(CompletableFuture.completedFuture(RESPONSE)).complete(REQUEST)).isEqualTo(RESPONSE);
    }

    @Test
    void rethrowsAnLlmExceptionAsItIs() {
      LlmException error = LlmException.builder(ErrorKind.RATE_LIMITED, "slow down").build();

      LlmException thrown = catchThrowableOfType(LlmException.class,
          () -> answering(CompletableFuture.failedFuture(error)).complete(REQUEST));

      assertThat(thrown).isSameAs(error).isInstanceOf(RateLimitException.class);
    }

    @Test
    void unwrapsAnLlmExceptionWrappedInACompletionException() {
      LlmException error = LlmException.builder(ErrorKind.SERVER_ERROR, "boom").build();
      CompletableFuture<ChatResponse> f = CompletableFuture.supplyAsync(() -> {
        throw error;
      });

      assertThat(catchThrowableOfType(LlmException.class, () -> answering(f).complete(REQUEST))).isSameAs(error);
    }

    @Test
    void unwrapsAnExplicitCompletionExceptionToo() {
      LlmException error = LlmException.builder(ErrorKind.TIMEOUT, "late").build();

      LlmException thrown = catchThrowableOfType(LlmException.class,
          () -> answering(CompletableFuture.failedFuture(new CompletionException(error))).complete(REQUEST));

      assertThat(thrown).isSameAs(error);
    }

    @Test
    void wrapsAnyOtherFailureAsUnknownKeepingTheCause() {
      IOException cause = new IOException("disk on fire");

      LlmException thrown = catchThrowableOfType(LlmException.class,
          () -> answering(CompletableFuture.failedFuture(cause)).complete(REQUEST));

      assertThat(thrown.kind()).isEqualTo(ErrorKind.UNKNOWN);
      assertThat(thrown.getCause()).isSameAs(cause);
      assertThat(thrown.getMessage()).contains("disk on fire");
    }

    @Test
    void reportsACancelledFutureAsCancelled() {
      CompletableFuture<ChatResponse> f = new CompletableFuture<>();
      f.cancel(true);

      LlmException thrown = catchThrowableOfType(LlmException.class, () -> answering(f).complete(REQUEST));

      assertThat(thrown.kind()).isEqualTo(ErrorKind.CANCELLED);
      assertThat(thrown.getCause()).isInstanceOf(CancellationException.class);
    }

    @Test
    void reportsAFutureFailedWithCancellationAsCancelled() {
      CompletableFuture<ChatResponse> f = new CompletableFuture<>();
      f.completeExceptionally(new CancellationException("stopped"));

      assertThat(catchThrowableOfType(LlmException.class, () -> answering(f).complete(REQUEST)).kind())
          .isEqualTo(ErrorKind.CANCELLED);
    }

    @Test
    void anInterruptCancelsTheCallAndKeepsTheInterruptFlag() {
      CompletableFuture<ChatResponse> never = new CompletableFuture<>();
      Thread.currentThread().interrupt();

      LlmException thrown = catchThrowableOfType(LlmException.class, () -> answering(never).complete(REQUEST));

      assertThat(thrown.kind()).isEqualTo(ErrorKind.CANCELLED);
      assertThat(thrown.getCause()).isInstanceOf(InterruptedException.class);
      assertThat(never).isCancelled();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }
  }

  @Test
  void countsNoTokensAndClosesQuietlyByDefault() {
    ChatProvider p = answering(new CompletableFuture<>());

    assertThat(p.countInputTokens(REQUEST)).isEmpty();
    p.close();
  }

  @Test
  void aProviderRequestCopiesItsBreakpointsAndSwapsItsChat() {
    java.util.Set<Integer> marks = new java.util.HashSet<>(java.util.Set.of(0, 2));
    ProviderRequest r = new ProviderRequest(REQUEST.model(), REQUEST.chat(), marks, "1h");

    marks.add(5);
    ProviderRequest swapped = r.withChat(ChatRequest.of(Message.user("other")));

    assertThat(r.cacheBreakpoints()).containsExactlyInAnyOrder(0, 2);
    assertThat(swapped.cacheBreakpoints()).containsExactlyInAnyOrder(0, 2);
    assertThat(swapped.cacheTtl()).isEqualTo("1h");
    assertThat(swapped.model()).isEqualTo(r.model());
    assertThat(REQUEST.cacheBreakpoints()).isEmpty();
    assertThat(REQUEST.cacheTtl()).isNull();
  }
}
