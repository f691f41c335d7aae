package dev.llmkit.router.fallback;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.spi.RouteCandidate;
import dev.llmkit.spi.RoutePlan;
import dev.llmkit.spi.Router;
import dev.llmkit.spi.RoutingRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans the configured chain: candidates that are cooling down or whose circuit is open go last; a
 * prompt whose estimated tokens exceed the first candidate's context window goes to the first
 * candidate of the context-window chain that fits. Stateless, so thread-safe.
 */
final class FallbackRouter implements Router {
  private final List<String> order;
  private final Set<ErrorKind> moveOn;
  private final List<String> contextChain;
  private final List<String> policyChain;
  private final Clock clock;

  FallbackRouter(Clock clock, List<String> order, Set<ErrorKind> moveOn, List<String> contextChain, List<String> policyChain) {
    this.clock = clock;
    this.order = List.copyOf(order);
    this.moveOn = Set.copyOf(moveOn);
    this.contextChain = List.copyOf(contextChain);
    this.policyChain = List.copyOf(policyChain);
  }

  @Override
  public RoutePlan plan(RoutingRequest request) {
    List<RouteCandidate> chain = configured(request, order);
    if (chain.isEmpty()) {
      chain = request.candidates();
    }
    RouteCandidate head = chain.get(0);
    List<RouteCandidate> bigger = configured(request, contextChain);
    if (bigger.isEmpty()) {
      bigger = request.candidates().stream()
          .filter(c -> c.contextWindow() > head.contextWindow())
          .sorted(Comparator.comparingLong(RouteCandidate::contextWindow))
          .toList();
    }
    Instant now = clock.instant();
    List<RouteCandidate> ordered = healthyFirst(chain, now);
    String reason = "chain";
    long needed = request.estimatedInputTokens();
    if (needed > 0 && ordered.get(0).contextWindow() < needed) {
      List<RouteCandidate> fitting = new ArrayList<>();
      for (RouteCandidate c : healthyFirst(bigger, now)) {
        if (c.contextWindow() >= needed) {
          fitting.add(c);
        }
      }
      for (RouteCandidate c : ordered) {
        if (c.contextWindow() >= needed && !fitting.contains(c)) {
          fitting.add(c);
        }
      }
      if (!fitting.isEmpty()) {
        ordered = fitting;
        reason = "context-window";
      }
    } else if (ordered.get(0) != chain.get(0)) {
      reason = "cooldown";
    }
    Map<ErrorKind, List<String>> chains = new EnumMap<>(ErrorKind.class);
    if (!bigger.isEmpty()) {
      chains.put(ErrorKind.CONTEXT_WINDOW_EXCEEDED, bigger.stream().map(RouteCandidate::name).toList());
    }
    List<RouteCandidate> policy = configured(request, policyChain);
    if (!policy.isEmpty()) {
      chains.put(ErrorKind.CONTENT_POLICY, policy.stream().map(RouteCandidate::name).toList());
    }
    return new RoutePlan(ordered.stream().map(RouteCandidate::name).toList(), moveOn, chains, reason, Duration.ZERO);
  }

  /** The named candidates that the request has, in the given order; all of them when {@code names} is empty for the order. */
  private static List<RouteCandidate> configured(RoutingRequest request, List<String> names) {
    List<RouteCandidate> list = new ArrayList<>();
    for (String name : names) {
      request.find(name).ifPresent(list::add);
    }
    return list;
  }

  private static List<RouteCandidate> healthyFirst(List<RouteCandidate> chain, Instant now) {
    List<RouteCandidate> healthy = new ArrayList<>();
    List<RouteCandidate> unwell = new ArrayList<>();
    for (RouteCandidate c : chain) {
      (c.health().available(now) ? healthy : unwell).add(c);
    }
    healthy.addAll(unwell);
    return healthy;
  }
}
