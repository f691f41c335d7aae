package dev.llmkit.spi;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.Usage;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** How one routed attempt went: its latency, usage and error kind when it failed. */
public record RouteOutcome(Duration latency, Usage usage, @Nullable ErrorKind error) {
  public RouteOutcome {
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(usage, "usage");
  }

  public static RouteOutcome success(Duration latency, Usage usage) {
    return new RouteOutcome(latency, usage, null);
  }

  public static RouteOutcome failure(Duration latency, ErrorKind error) {
    return new RouteOutcome(latency, Usage.UNKNOWN, error);
  }

  public boolean succeeded() {
    return error == null;
  }
}
