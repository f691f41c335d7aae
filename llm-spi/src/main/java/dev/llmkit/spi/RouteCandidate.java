package dev.llmkit.spi;

import dev.llmkit.api.ModelInfo;
import java.util.Objects;

/** A model a router may choose, under the name the user gave it, with whether it is healthy now. */
public record RouteCandidate(String name, ModelInfo model, boolean healthy) {
  public RouteCandidate {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(model, "model");
  }
}
