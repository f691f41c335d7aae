package dev.llmkit.spi;

import dev.llmkit.api.ErrorKind;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A router's answer: the candidates to try in order, the error kinds after which the host moves on to
 * the next one (any other error ends the call), optional separate chains per error kind (e.g. a
 * context-window error goes to the larger models instead of the rest of {@link #order()}), why, and an
 * optional delay before the first attempt (a router that waits for a cooldown to end).
 *
 * <p>The host tries each candidate at most once per call, whichever chain names it.
 *
 * @param order candidate names, never empty, no duplicates
 * @param moveOn error kinds after which the next candidate of {@code order} is tried
 * @param chains per error kind, the candidates to try after an attempt failed with it (takes precedence over {@code moveOn})
 * @param reason a short, stable reason for metrics and the response metadata ({@code default}, {@code image}, ...)
 * @param delay wait this long before the first attempt ({@link Duration#ZERO} for none)
 */
public record RoutePlan(
    List<String> order, Set<ErrorKind> moveOn, Map<ErrorKind, List<String>> chains, String reason, Duration delay) {

  /** The error kinds a plan moves on after by default: the transient ones. */
  public static final Set<ErrorKind> TRANSIENT = Set.copyOf(EnumSet.of(ErrorKind.RATE_LIMITED, ErrorKind.OVERLOADED,
      ErrorKind.SERVER_ERROR, ErrorKind.TIMEOUT, ErrorKind.CONNECTION, ErrorKind.CONFLICT));

  public RoutePlan {
    order = List.copyOf(order);
    moveOn = moveOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(moveOn));
    Map<ErrorKind, List<String>> copy = new LinkedHashMap<>();
    chains.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    chains = Map.copyOf(copy);
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(delay, "delay");
    if (order.isEmpty()) {
      throw new IllegalArgumentException("a route plan needs at least one candidate");
    }
    if (new LinkedHashSet<>(order).size() != order.size()) {
      throw new IllegalArgumentException("a route plan names a candidate twice: " + order);
    }
    if (delay.isNegative()) {
      throw new IllegalArgumentException("negative delay");
    }
  }

  /** Just {@code name}, no fallback. */
  public static RoutePlan single(String name, String reason) {
    return new RoutePlan(List.of(name), Set.of(), Map.of(), reason, Duration.ZERO);
  }

  /** {@code order}, moving on after the {@link #TRANSIENT} errors. */
  public static RoutePlan ordered(List<String> order, String reason) {
    return new RoutePlan(order, TRANSIENT, Map.of(), reason, Duration.ZERO);
  }

  public RoutePlan withDelay(Duration value) {
    return new RoutePlan(order, moveOn, chains, reason, value);
  }

  public RoutePlan withChain(ErrorKind kind, List<String> chain) {
    Map<ErrorKind, List<String>> copy = new LinkedHashMap<>(chains);
    copy.put(kind, chain);
    return new RoutePlan(order, moveOn, copy, reason, delay);
  }

  /** The first candidate. */
  public String first() {
    return order.get(0);
  }

  /**
   * The candidate to try after {@code failed} failed with {@code error}, given those already tried, or
   * {@code null} to stop: the first untried name of the error's chain if it has one, else (for a
   * {@link #moveOn} kind) the first untried name of {@link #order()}.
   */
  public @org.jspecify.annotations.Nullable String next(ErrorKind error, Set<String> tried) {
    List<String> chain = chains.get(error);
    if (chain == null) {
      if (!moveOn.contains(error)) {
        return null;
      }
      chain = order;
    }
    for (String name : chain) {
      if (!tried.contains(name)) {
        return name;
      }
    }
    return null;
  }

  /** Every name the plan mentions, in order and chains. */
  public Set<String> names() {
    Set<String> all = new LinkedHashSet<>(order);
    chains.values().forEach(all::addAll);
    return all;
  }

}
