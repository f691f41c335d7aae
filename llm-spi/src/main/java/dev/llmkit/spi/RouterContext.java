package dev.llmkit.spi;

import java.time.Clock;
import java.util.List;

/** What the host hands a router. */
public interface RouterContext {

  Clock clock();

  System.Logger logger();

  /**
   * The configured candidates, in the config's order, as known when the router is created (their
   * health and stats are those of that moment); lets a factory check at creation that the candidates
   * its settings name exist.
   */
  default List<RouteCandidate> candidates() {
    return List.of();
  }
}
