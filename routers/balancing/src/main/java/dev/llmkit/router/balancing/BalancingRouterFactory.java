package dev.llmkit.router.balancing;

import com.google.auto.service.AutoService;
import dev.llmkit.spi.RouteCandidate;
import dev.llmkit.spi.Router;
import dev.llmkit.spi.RouterContext;
import dev.llmkit.spi.RouterFactory;
import dev.llmkit.spi.RouterSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code balancing} router. Settings:
 * <ul>
 *   <li>{@code strategy}: {@code weighted} (default), {@code least_busy}, {@code lowest_latency},
 *       {@code lowest_cost}, {@code usage_based};
 *   <li>{@code weights}: {@code name=weight,...} for {@code weighted} (1 for a candidate not listed);
 *   <li>{@code latency_buffer}: for {@code lowest_latency}, the share above the best average that still
 *       counts as near-best (default 0.1), so that load spreads over near-best deployments;
 *   <li>{@code rpm}, {@code tpm}: {@code name=limit,...} for {@code usage_based};
 *   <li>{@code max_wait}: when every deployment is cooling down, how long a call waits for the first to
 *       recover before it fails (ISO-8601 or milliseconds, default PT5S);
 *   <li>{@code fallback}: whether a call moves on to another deployment after a transient error
 *       (default true).
 * </ul>
 */
@AutoService(RouterFactory.class)
public final class BalancingRouterFactory implements RouterFactory {
  public static final String ID = "balancing";
  public static final String STRATEGY = "strategy";
  public static final String WEIGHTS = "weights";
  public static final String LATENCY_BUFFER = "latency_buffer";
  public static final String RPM = "rpm";
  public static final String TPM = "tpm";
  public static final String MAX_WAIT = "max_wait";
  public static final String FALLBACK = "fallback";
  private static final Set<String> KEYS = Set.of(STRATEGY, WEIGHTS, LATENCY_BUFFER, RPM, TPM, MAX_WAIT, FALLBACK);

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> settingKeys() {
    return KEYS;
  }

  @Override
  public Router create(Map<String, String> settings, RouterContext context) {
    RouterSettings s = RouterSettings.of(ID, settings, KEYS);
    List<String> known = context.candidates().stream().map(RouteCandidate::name).toList();
    String strategyName = s.string(STRATEGY, Strategy.WEIGHTED.settingName());
    Strategy strategy = Strategy.parse(strategyName).orElseThrow(() -> RouterSettings.error(ID, "setting '" + STRATEGY
        + "' of router '" + ID + "' is '" + strategyName + "'; the strategies are "
        + Arrays.stream(Strategy.values()).map(Strategy::settingName).toList()));
    double buffer = s.decimal(LATENCY_BUFFER, 0.1);
    if (buffer < 0) {
      throw RouterSettings.error(ID, "setting '" + LATENCY_BUFFER + "' of router '" + ID + "' is negative");
    }
    Duration maxWait = s.duration(MAX_WAIT, Duration.ofSeconds(5));
    String fallback = s.string(FALLBACK, "true");
    if (!fallback.equals("true") && !fallback.equals("false")) {
      throw RouterSettings.error(ID, "setting '" + FALLBACK + "' of router '" + ID + "' must be true or false, not '" + fallback + "'");
    }
    return new BalancingRouter(context.clock(), strategy, perCandidate(s, WEIGHTS, known), buffer,
        perCandidate(s, RPM, known), perCandidate(s, TPM, known), maxWait, fallback.equals("true"));
  }

  /** {@code name=number,...}; names must be candidates, numbers non-negative. */
  private static Map<String, Double> perCandidate(RouterSettings s, String key, List<String> known) {
    Map<String, Double> values = new HashMap<>();
    for (String entry : s.list(key)) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw RouterSettings.error(ID, "setting '" + key + "' of router '" + ID + "' takes name=number pairs, not '" + entry + "'");
      }
      String name = entry.substring(0, eq).trim();
      if (!known.isEmpty() && !known.contains(name)) {
        throw s.unknownCandidate(key, name, known);
      }
      try {
        double v = Double.parseDouble(entry.substring(eq + 1).trim());
        if (v < 0 || Double.isNaN(v)) {
          throw new NumberFormatException();
        }
        values.put(name, v);
      } catch (NumberFormatException e) {
        throw RouterSettings.error(ID, "setting '" + key + "' of router '" + ID + "' has a bad number in '" + entry + "'");
      }
    }
    return Map.copyOf(values);
  }
}
