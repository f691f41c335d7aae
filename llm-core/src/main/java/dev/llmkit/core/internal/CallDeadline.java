package dev.llmkit.core.internal;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelInfo;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A time limit of one model's calls and the error its expiry raises: {@code LlmConfig.timeout}, the
 * overall deadline of a call ({@link DeadlineStage}), which bounds the whole call and not only the wait
 * for response headers (all {@code HttpRequest.timeout} covers), so that a server stalling mid-body cannot
 * hang the caller; or {@code LlmConfig.streamIdleTimeout}, the longest wait for a stream's next event
 * ({@link StreamIdleStage}).
 */
public final class CallDeadline {
  private final @Nullable Duration timeout;
  private final ModelInfo model;
  private final String setting;

  /** {@code LlmConfig.timeout} of {@code model}. */
  public CallDeadline(@Nullable Duration timeout, ModelInfo model) {
    this(timeout, model, "LlmConfig.timeout");
  }

  CallDeadline(@Nullable Duration timeout, ModelInfo model, String setting) {
    this.timeout = timeout == null || timeout.isZero() || timeout.isNegative() ? null : timeout;
    this.model = model;
    this.setting = setting;
  }

  /** The limit; {@code null} for none. */
  public @Nullable Duration timeout() {
    return timeout;
  }

  ModelInfo model() {
    return model;
  }

  /** A copy with another limit (a per-call override); {@code null} or zero for none. */
  CallDeadline with(@Nullable Duration other, String otherSetting) {
    return new CallDeadline(other, model, otherSetting);
  }

  /** "{@code what} did not {@code verb} within the limit": a timeout error naming the setting. */
  LlmException expired(String what, String verb, String after) {
    return LlmException.builder(ErrorKind.TIMEOUT,
            what + " did not " + verb + " within " + timeout + " (" + setting + ")" + after + "; the exchange was cancelled")
        .provider(model.provider()).model(model.name()).build();
  }

  /** "{@code what} to the model did not finish within the limit". */
  LlmException expired(String what) {
    return expired(what + " to " + model.qualifiedName(), "finish", "");
  }
}
