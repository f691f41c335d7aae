package dev.llmkit.router.multimodal;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.spi.RouteCandidate;
import dev.llmkit.spi.RoutePlan;
import dev.llmkit.spi.Router;
import dev.llmkit.spi.RoutingRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OpenHands rule. Conversations that switched to the primary are remembered (bounded, least
 * recently used forgotten first). Thread-safe.
 */
final class MultimodalRouter implements Router {
  static final String DEFAULT = "default";
  static final String IMAGE = "image";
  static final String CONTEXT_WINDOW = "context-window";
  static final String STICKY = "sticky";

  private final String primary;
  private final String secondary;
  private final Map<String, Boolean> sticky;

  MultimodalRouter(String primary, String secondary, int maxConversations) {
    this.primary = primary;
    this.secondary = secondary;
    this.sticky = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > maxConversations;
      }
    };
  }

  @Override
  public RoutePlan plan(RoutingRequest request) {
    String key = request.conversationKey();
    if (key != null && isSticky(key)) {
      return RoutePlan.single(request.candidate(primary).name(), STICKY);
    }
    RouteCandidate big = request.candidate(primary);
    RouteCandidate cheap = request.candidate(secondary);
    if (request.request().hasImages()) {
      return RoutePlan.single(big.name(), IMAGE);
    }
    if (request.estimatedInputTokens() > cheap.contextWindow()) {
      if (key != null) {
        stick(key);
      }
      return RoutePlan.single(big.name(), CONTEXT_WINDOW);
    }
    // The estimate may be low: a context-window error from the secondary goes to the primary.
    return new RoutePlan(List.of(cheap.name()), Set.of(), Map.of(ErrorKind.CONTEXT_WINDOW_EXCEEDED, List.of(big.name())),
        DEFAULT, Duration.ZERO);
  }

  /** Whether conversation {@code key} has switched to the primary. */
  synchronized boolean isSticky(String key) {
    return sticky.get(key) != null;
  }

  private synchronized void stick(String key) {
    sticky.put(key, Boolean.TRUE);
  }
}
