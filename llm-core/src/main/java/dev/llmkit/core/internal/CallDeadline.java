package dev.llmkit.core.internal;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelInfo;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The {@code LlmConfig.timeout} of one model and the error its expiry raises. It bounds a whole call,
 * not only the wait for response headers (which is all {@code HttpRequest.timeout} covers), so a
 * server that stalls mid-body cannot hang the caller; {@link DeadlineStage} applies it.
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

  LlmException expired(String what) {
    return LlmException.builder(ErrorKind.TIMEOUT,
            what + " to " + model.qualifiedName() + " did not finish within " + timeout
                + " (LlmConfig.timeout); the exchange was cancelled")
        .provider(model.provider()).model(model.name()).build();
  }
}
