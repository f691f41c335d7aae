package dev.llmkit.spi;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import java.util.List;

/**
 * Chooses the models for one request among candidates: {@link #plan} turns a {@link RoutingRequest}
 * into a {@link RoutePlan} (an order to try and when to move on); the host then calls
 * {@link #onStart} and {@link #onOutcome} for every attempt, so stateful strategies (least-busy,
 * latency, cooldowns, sticky conversations) learn. Thread-safe: the host calls it concurrently.
 *
 * <p>Implement {@link #plan}; a router written against the first SPI implements {@link #choose}
 * instead and gets a one-candidate plan. Implementing neither loops, so implement one.
 */
public interface Router {

  /** The plan for one call. Names must be those of {@link RoutingRequest#candidates()}. */
  default RoutePlan plan(RoutingRequest request) {
    return RoutePlan.single(choose(request.request(), request.candidates()).name(), "chosen");
  }

  /**
   * The candidate to use; {@code candidates} is never empty and is ordered by the user's preference.
   *
   * @deprecated implement {@link #plan}; this default takes the first candidate of the plan.
   */
  @Deprecated
  default RouteCandidate choose(ChatRequest request, List<RouteCandidate> candidates) {
    RoutingRequest routing = new RoutingRequest(request, 0, null, candidates);
    String first = plan(routing).first();
    return routing.find(first).orElseThrow(() -> LlmException.builder(ErrorKind.CONFIGURATION,
        "the router chose '" + first + "', which is not one of " + routing.names()).build());
  }

  /** An attempt on {@code candidate} starts (once per attempt, before it is sent). */
  default void onStart(RouteCandidate candidate) {}

  /** How an attempt on {@code candidate} went (once per {@link #onStart}). */
  default void onOutcome(RouteCandidate candidate, RouteOutcome outcome) {}
}
