package dev.llmkit.core.internal;

import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.spi.support.Await;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Stage 6 (deadline): {@code LlmConfig.timeout} bounds a whole call, not only the wait for response
 * headers (which is all {@code HttpRequest.timeout} covers), so a server that stalls mid-body cannot
 * hang the caller. On expiry the provider's exchange is cancelled (closing the connection) and the
 * caller gets an {@link dev.llmkit.api.LlmTimeoutException}. Streams use the same duration as the
 * longest wait for the next event, see {@link AccountedChatStream}.
 */
public final class CallDeadline {
  private final @Nullable Duration timeout;
  private final ModelInfo model;

  public CallDeadline(@Nullable Duration timeout, ModelInfo model) {
    this.timeout = timeout;
    this.model = model;
  }

  public @Nullable Duration timeout() {
    return timeout;
  }

  /** Waits for {@code call} at most the timeout; on expiry cancels it and throws a timeout error. */
  public ChatResponse await(CompletableFuture<ChatResponse> call) {
    return Await.result(call, timeout, () -> expired("the call"));
  }

  /** Runs {@code onExpiry} with a timeout error if the call is still running when the timeout ends. */
  public @Nullable ScheduledFuture<?> arm(Consumer<LlmException> onExpiry) {
    if (timeout == null) {
      return null;
    }
    return CallTimer.schedule(() -> onExpiry.accept(expired("the call")), timeout);
  }

  LlmException expired(String what) {
    return LlmException.builder(ErrorKind.TIMEOUT,
            what + " to " + model.qualifiedName() + " did not finish within " + timeout
                + " (LlmConfig.timeout); the exchange was cancelled")
        .provider(model.provider()).model(model.name()).build();
  }
}
