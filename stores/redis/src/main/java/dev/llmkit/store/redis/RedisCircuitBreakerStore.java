package dev.llmkit.store.redis;

import dev.llmkit.core.resilience.CircuitBreakerPolicy;
import dev.llmkit.core.resilience.CircuitBreakerStore;
import dev.llmkit.core.resilience.CircuitState;
import dev.llmkit.core.resilience.InMemoryCircuitBreakerStore;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Circuits on Redis, one per key, shared by every process: failures in a row are counted on the
 * server, an open circuit is open for all, and once the cooldown is over only the process that takes
 * the probe lock ({@code SET NX PX}) sends a probe, so a recovering model is not stampeded. Each
 * operation is one Lua script ({@code circuit.lua}) on the server's clock. The probe lock lapses after
 * {@value #PROBE_LEASE_OPTION} (default 60 s), so a prober that crashed does not hold the circuit
 * half-open for ever.
 */
final class RedisCircuitBreakerStore implements CircuitBreakerStore {
  static final String PROBE_LEASE_OPTION = "redis.probeLease";
  private static final LuaScript SCRIPT = LuaScript.load("circuit.lua");

  private final String prefix;
  private final StoreGuard guard;
  private final long probeLeaseMillis;
  // Identifies this store's probes in the lock, so that only the holder releases it.
  private final String token = UUID.randomUUID().toString();
  private final InMemoryCircuitBreakerStore local = new InMemoryCircuitBreakerStore();
  private final ConcurrentMap<String, RedisCircuit> circuits = new ConcurrentHashMap<>();

  RedisCircuitBreakerStore(String keyPrefix, StoreGuard guard, Duration probeLease) {
    this.prefix = keyPrefix + "circuit:{";
    this.guard = guard;
    this.probeLeaseMillis = Math.max(1, probeLease.toMillis());
  }

  @Override
  public Circuit circuit(String key, CircuitBreakerPolicy policy) {
    return circuits.computeIfAbsent(key, k -> new RedisCircuit(k, policy));
  }

  @Override
  public CircuitState state(String key) {
    RedisCircuit known = circuits.get(key);
    CircuitBreakerPolicy policy = known != null ? known.policy : CircuitBreakerPolicy.DEFAULT;
    return guard.inform("read a circuit", c -> toState(run(c, key, policy, "state")), () -> local.state(key));
  }

  private List<?> run(redis.clients.jedis.UnifiedJedis c, String key, CircuitBreakerPolicy policy, String op) {
    String base = prefix + key + "}";
    return (List<?>) SCRIPT.run(c, List.of(base, base + ":probe"), List.of(op, Integer.toString(Math.max(1, policy.failureThreshold())),
        Long.toString(policy.cooldown().toMillis()), Integer.toString(policy.successThreshold()), token,
        Long.toString(probeLeaseMillis)));
  }

  private static CircuitState toState(List<?> r) {
    return switch (r.get(1).toString()) {
      case "open" -> new CircuitState(CircuitState.Status.OPEN, Duration.ofMillis(((Number) r.get(2)).longValue()));
      case "half_open" -> new CircuitState(CircuitState.Status.HALF_OPEN, Duration.ZERO);
      default -> CircuitState.CLOSED;
    };
  }

  @Override
  public String toString() {
    return "RedisCircuitBreakerStore[" + prefix + "…}]";
  }

  private final class RedisCircuit implements Circuit {
    private final String key;
    private final CircuitBreakerPolicy policy;

    RedisCircuit(String key, CircuitBreakerPolicy policy) {
      this.key = key;
      this.policy = policy;
    }

    @Override
    public boolean tryAcquirePermit() {
      return guard.call("acquire a permit", c -> ((Number) run(c, key, policy, "acquire").get(0)).longValue() == 1,
          () -> local().tryAcquirePermit());
    }

    @Override
    public void recordSuccess() {
      guard.record("record a success", c -> run(c, key, policy, "success"), () -> local().recordSuccess());
    }

    @Override
    public void recordFailure() {
      guard.record("record a failure", c -> run(c, key, policy, "failure"), () -> local().recordFailure());
    }

    @Override
    public void releasePermit() {
      guard.record("release a permit", c -> run(c, key, policy, "release"), () -> local().releasePermit());
    }

    @Override
    public CircuitState state() {
      return guard.inform("read a circuit", c -> toState(run(c, key, policy, "state")), () -> local().state());
    }

    private Circuit local() {
      return local.circuit(key, policy);
    }
  }
}
