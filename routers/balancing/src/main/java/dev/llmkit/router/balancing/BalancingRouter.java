package dev.llmkit.router.balancing;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.RouteCandidate;
import dev.llmkit.spi.RouteOutcome;
import dev.llmkit.spi.RoutePlan;
import dev.llmkit.spi.Router;
import dev.llmkit.spi.RoutingRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks a deployment by its {@link Strategy} among those not cooling down; the plan continues with the
 * rest in the strategy's order. Counts its own calls in flight ({@link #plan} reserves, {@link #onStart}
 * starts, {@link #onOutcome} ends), so that concurrent plans see each other. Thread-safe.
 */
final class BalancingRouter implements Router {
  private final Clock clock;
  private final Strategy strategy;
  private final Map<String, Double> weights;
  private final double latencyBuffer;
  private final Map<String, Double> rpm;
  private final Map<String, Double> tpm;
  private final Duration maxWait;
  private final boolean fallback;
  /** Per candidate: calls planned but not started, and calls started but not finished. */
  private final Map<String, int[]> load = new HashMap<>();

  BalancingRouter(Clock clock, Strategy strategy, Map<String, Double> weights, double latencyBuffer,
      Map<String, Double> rpm, Map<String, Double> tpm, Duration maxWait, boolean fallback) {
    this.clock = clock;
    this.strategy = strategy;
    this.weights = weights;
    this.latencyBuffer = latencyBuffer;
    this.rpm = rpm;
    this.tpm = tpm;
    this.maxWait = maxWait;
    this.fallback = fallback;
  }

  @Override
  public RoutePlan plan(RoutingRequest request) {
    Instant now = clock.instant();
    List<RouteCandidate> available = new ArrayList<>();
    for (RouteCandidate c : request.candidates()) {
      if (c.health().available(now)) {
        available.add(c);
      }
    }
    Duration delay = Duration.ZERO;
    String reason = strategy.settingName();
    if (available.isEmpty()) {
      RouteCandidate soonest = request.candidates().stream()
          .filter(c -> !c.health().circuitOpen() && c.health().cooldownUntil() != null)
          .min(Comparator.comparing(c -> c.health().cooldownUntil()))
          .orElse(null);
      Duration wait = soonest == null ? null : Duration.between(now, soonest.health().cooldownUntil());
      if (wait == null || wait.compareTo(maxWait) > 0) {
        throw LlmException.builder(ErrorKind.RATE_LIMITED, "every deployment is cooling down"
                + (wait == null ? "" : "; the first recovers in " + wait.toMillis() + " ms, more than the max_wait of "
                + maxWait.toMillis() + " ms"))
            .retryAfter(wait).build();
      }
      available.add(soonest);
      delay = wait;
      reason = "cooldown-wait";
    }
    List<RouteCandidate> ordered = order(available, request);
    String chosen = ordered.get(0).name();
    synchronized (load) {
      load.computeIfAbsent(chosen, k -> new int[2])[0]++;
    }
    List<String> names = fallback ? ordered.stream().map(RouteCandidate::name).toList() : List.of(chosen);
    return new RoutePlan(names, fallback ? RoutePlan.TRANSIENT : Set.of(), Map.of(), reason, delay);
  }

  @Override
  public void onStart(RouteCandidate candidate) {
    synchronized (load) {
      int[] l = load.computeIfAbsent(candidate.name(), k -> new int[2]);
      if (l[0] > 0) {
        l[0]--;
      }
      l[1]++;
    }
  }

  @Override
  public void onOutcome(RouteCandidate candidate, RouteOutcome outcome) {
    synchronized (load) {
      int[] l = load.computeIfAbsent(candidate.name(), k -> new int[2]);
      if (l[1] > 0) {
        l[1]--;
      }
    }
  }

  /** The calls planned or running on {@code name}, as this router counted them. */
  int busy(String name) {
    synchronized (load) {
      int[] l = load.get(name);
      return l == null ? 0 : l[0] + l[1];
    }
  }

  /** The candidates, the strategy's pick first. */
  private List<RouteCandidate> order(List<RouteCandidate> candidates, RoutingRequest request) {
    List<RouteCandidate> list = new ArrayList<>(candidates);
    switch (strategy) {
      case WEIGHTED -> weightedShuffle(list);
      case LEAST_BUSY -> {
        synchronized (load) {
          Map<String, Integer> busy = new HashMap<>();
          list.forEach(c -> busy.put(c.name(), busy(c.name())));
          // ties broken at random so that equal deployments share the load
          java.util.Collections.shuffle(list, ThreadLocalRandom.current());
          list.sort(Comparator.comparingInt(c -> busy.get(c.name())));
        }
      }
      case LOWEST_LATENCY -> {
        list.sort(Comparator.comparingLong(BalancingRouter::latencyNanos));
        long best = latencyNanos(list.get(0));
        long limit = best + (long) (best * latencyBuffer);
        int near = 0;
        while (near < list.size() && latencyNanos(list.get(near)) <= limit) {
          near++;
        }
        RouteCandidate pick = list.get(ThreadLocalRandom.current().nextInt(near));
        list.remove(pick);
        list.add(0, pick);
      }
      case LOWEST_COST -> {
        long in = request.estimatedInputTokens();
        Integer max = request.request().maxOutputTokens();
        long out = max != null ? max : 0;
        list.sort(Comparator.comparing((RouteCandidate c) -> c.prices() == null ? null : c.prices().estimate(in, out),
            Comparator.nullsLast(Comparator.<BigDecimal>naturalOrder())));
      }
      case USAGE_BASED -> {
        long in = request.estimatedInputTokens();
        List<RouteCandidate> withRoom = list.stream().filter(c -> headroom(c, in) > 0).toList();
        if (!withRoom.isEmpty()) {
          list.retainAll(withRoom);
        }
        list.sort(Comparator.comparingDouble((RouteCandidate c) -> headroom(c, in)).reversed());
      }
    }
    return list;
  }

  /** Unknown latency counts as zero: a deployment not yet measured gets tried. */
  private static long latencyNanos(RouteCandidate c) {
    Duration avg = c.stats().averageLatency();
    return avg == null ? 0 : avg.toNanos();
  }

  /** The smaller of the RPM and TPM headroom shares (1 when neither limit is set), after this call. */
  private double headroom(RouteCandidate c, long tokens) {
    double share = 1;
    Double r = rpm.get(c.name());
    if (r != null) {
      share = Math.min(share, r == 0 ? 0 : 1 - (c.stats().requestsLastMinute() + 1) / r);
    }
    Double t = tpm.get(c.name());
    if (t != null) {
      share = Math.min(share, t == 0 ? 0 : 1 - (c.stats().tokensLastMinute() + tokens) / t);
    }
    return share;
  }

  private void weightedShuffle(List<RouteCandidate> list) {
    List<RouteCandidate> out = new ArrayList<>(list.size());
    List<RouteCandidate> rest = new ArrayList<>(list);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (!rest.isEmpty()) {
      double total = 0;
      for (RouteCandidate c : rest) {
        total += weights.getOrDefault(c.name(), 1.0);
      }
      int pick = total > 0 ? rest.size() - 1 : 0;
      if (total > 0) {
        double x = random.nextDouble(total);
        for (int i = 0; i < rest.size(); i++) {
          x -= weights.getOrDefault(rest.get(i).name(), 1.0);
          if (x < 0) {
            pick = i;
            break;
          }
        }
      }
      out.add(rest.remove(pick));
    }
    list.clear();
    list.addAll(out);
  }
}
