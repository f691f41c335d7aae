package dev.llmkit.spi.support;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One server-sent event: its {@code event:} name (null when absent) and its joined {@code data:} lines. */
public record SseEvent(@Nullable String event, String data) {
  public SseEvent {
    Objects.requireNonNull(data, "data");
  }
}
