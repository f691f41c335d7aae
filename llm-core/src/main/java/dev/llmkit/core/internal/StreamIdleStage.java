package dev.llmkit.core.internal;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.core.LlmInterceptor;
import java.util.concurrent.Flow;

/**
 * {@code LlmConfig.streamIdleTimeout}: a stream fails with a timeout error, and its exchange is
 * cancelled, when its reader has asked for an event and waited that long for it, the first event
 * included ({@link IdleWatchdog}; time the reader spends not asking is not counted). It sits inside the
 * retries and accounting: an attempt whose first event never comes is recorded as timed out and
 * retried. Non-streaming calls pass through; without the setting the stage is left out.
 */
final class StreamIdleStage implements LlmInterceptor {
  private final CallDeadline idle;

  StreamIdleStage(CallDeadline idle) {
    this.idle = idle;
  }

  @Override
  public Flow.Publisher<ChatEvent> interceptStream(Chain chain) {
    String model = idle.model().qualifiedName();
    return new StreamDeadlinePublisher(chain.proceedStream(chain.call()),
        onIdle -> new IdleWatchdog(java.util.Objects.requireNonNull(idle.timeout()), onIdle),
        midStream -> (midStream
            ? idle.expired("the stream from " + model + " paused: its next event", "arrive", "")
            : idle.expired("the stream's first event from " + model, "arrive", ""))
            .toBuilder().midStream(midStream).build(),
        null, idle.model());
  }

  @Override
  public String toString() {
    return Pipeline.STREAM_IDLE;
  }
}
