package dev.llmkit.spi;

import dev.llmkit.api.ChatRequest;
import java.util.List;

/**
 * Chooses the model for one request among candidates. Stateful strategies learn from
 * {@link #onOutcome}. Thread-safe.
 */
public interface Router {

  /** The candidate to use; {@code candidates} is never empty and is ordered by the user's preference. */
  RouteCandidate choose(ChatRequest request, List<RouteCandidate> candidates);

  /** Reports how a call on the chosen candidate went. */
  default void onOutcome(RouteCandidate chosen, RouteOutcome outcome) {}
}
