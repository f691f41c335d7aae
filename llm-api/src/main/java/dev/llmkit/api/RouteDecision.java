package dev.llmkit.api;

import java.util.List;
import java.util.Objects;

/**
 * What a routing {@link Llm} decided for one call, in {@link ResponseMetadata#attributes()} under
 * {@link #KEY}: the candidate that answered, the router's reason, and every candidate tried in order
 * (the last one is {@code candidate}).
 *
 * <pre>{@code
 * RouteDecision route = response.metadata().attributes().get(RouteDecision.KEY).orElseThrow();
 * }</pre>
 *
 * @param router the router id
 * @param candidate the candidate name that answered
 * @param reason the router's reason for the plan ({@code default}, {@code image}, {@code fallback}...)
 * @param tried the candidates attempted, in order
 */
public record RouteDecision(String router, String candidate, String reason, List<String> tried) {

  /** The attribute key, {@code llmkit.route}. */
  public static final CallAttributes.Key<RouteDecision> KEY = CallAttributes.key("llmkit.route", RouteDecision.class);

  public RouteDecision {
    Objects.requireNonNull(router, "router");
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(reason, "reason");
    tried = List.copyOf(tried);
  }

  /** Whether the answer came from a fallback (more than one candidate was tried). */
  public boolean fellBack() {
    return tried.size() > 1;
  }
}
