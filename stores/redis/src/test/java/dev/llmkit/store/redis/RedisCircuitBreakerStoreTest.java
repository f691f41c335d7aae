package dev.llmkit.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.core.resilience.CircuitBreakerPolicy;
import dev.llmkit.core.resilience.CircuitBreakerStore;
import dev.llmkit.core.resilience.CircuitBreakerStore.Circuit;
import dev.llmkit.core.resilience.CircuitState;
import dev.llmkit.core.store.FailPolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisCircuitBreakerStoreTest {
  @RegisterExtension
  static final RedisServerExtension REDIS = new RedisServerExtension();

  private static final String KEY = "openai/gpt-4o";
  private static final CircuitBreakerPolicy POLICY = CircuitBreakerPolicy.of(3, Duration.ofMillis(300));
  private final String prefix = RedisServerExtension.freshPrefix();

  private CircuitBreakerStore process() {
    return REDIS.open(prefix, FailPolicy.FAIL_CLOSED).circuits();
  }

  @Test
  void failures_in_a_row_counted_across_processes_open_the_circuit_for_all() {
    Circuit a = process().circuit(KEY, POLICY);
    CircuitBreakerStore otherStore = process();
    Circuit b = otherStore.circuit(KEY, POLICY);

    a.recordFailure();
    b.recordFailure();
    assertThat(a.tryAcquirePermit()).isTrue();
    a.recordFailure(); // the third in a row, across two processes

    assertThat(b.tryAcquirePermit()).isFalse();
    CircuitState seen = otherStore.state(KEY);
    assertThat(seen.isOpen()).isTrue();
    assertThat(seen.remainingOpen()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void a_success_between_failures_resets_the_count() {
    Circuit a = process().circuit(KEY, POLICY);
    Circuit b = process().circuit(KEY, POLICY);
    a.recordFailure();
    a.recordFailure();
    b.recordSuccess();
    a.recordFailure();

    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void after_the_cooldown_only_one_of_many_callers_in_two_processes_probes() throws Exception {
    List<Circuit> processes = List.of(process().circuit(KEY, POLICY), process().circuit(KEY, POLICY));
    openAndCoolDown(processes.get(0));
    assertThat(processes.get(1).state().status()).isEqualTo(CircuitState.Status.HALF_OPEN);

    AtomicInteger probes = new AtomicInteger();
    Race.run(32, thread -> {
      if (processes.get(thread % 2).tryAcquirePermit()) {
        probes.incrementAndGet();
      }
    });
    assertThat(probes.get()).isEqualTo(1);
  }

  @Test
  void a_successful_probe_closes_the_circuit_for_all_and_a_failed_one_opens_it_again() throws Exception {
    Circuit a = process().circuit(KEY, POLICY);
    Circuit b = process().circuit(KEY, POLICY);
    openAndCoolDown(a);

    assertThat(a.tryAcquirePermit()).isTrue();
    a.recordFailure();
    assertThat(b.state().isOpen()).isTrue();
    assertThat(b.tryAcquirePermit()).isFalse();

    Eventually.await("the reopened circuit cools down", () -> b.state().status() == CircuitState.Status.HALF_OPEN);
    assertThat(b.tryAcquirePermit()).isTrue();
    assertThat(a.tryAcquirePermit()).isFalse(); // b is probing
    b.recordSuccess();

    assertThat(a.state()).isEqualTo(CircuitState.CLOSED);
    assertThat(a.tryAcquirePermit()).isTrue();
  }

  @Test
  void a_released_probe_permit_lets_another_process_probe() throws Exception {
    Circuit a = process().circuit(KEY, POLICY);
    Circuit b = process().circuit(KEY, POLICY);
    openAndCoolDown(a);
    assertThat(a.tryAcquirePermit()).isTrue();
    assertThat(b.tryAcquirePermit()).isFalse();

    a.releasePermit(); // the probe was cancelled: it said nothing of the model

    assertThat(b.tryAcquirePermit()).isTrue();
  }

  @Test
  void the_probe_lock_of_a_crashed_prober_lapses() throws Exception {
    CircuitBreakerStore crashed = REDIS.open(REDIS.settings(prefix).failPolicy(FailPolicy.FAIL_CLOSED)
        .option("redis.probeLease", "PT0.2S").build(), new com.codahale.metrics.MetricRegistry()).circuits();
    Circuit a = crashed.circuit(KEY, POLICY);
    Circuit b = process().circuit(KEY, POLICY);
    openAndCoolDown(a);
    assertThat(a.tryAcquirePermit()).isTrue(); // and it never reports back
    assertThat(b.tryAcquirePermit()).isFalse();

    // Each try before the lease lapses is refused and takes nothing; the first that succeeds is the probe.
    Eventually.await("the crashed prober's lease lapses and b may probe", b::tryAcquirePermit);
  }

  @Test
  void a_circuit_nobody_used_is_closed() {
    assertThat(process().state("nobody/never")).isEqualTo(CircuitState.CLOSED);
  }

  /** Three failures open the circuit; past its 300 ms cooldown it is half-open. */
  private static void openAndCoolDown(Circuit circuit) {
    for (int i = 0; i < 3; i++) {
      circuit.recordFailure();
    }
    Eventually.await("the circuit cools down to half-open", () -> circuit.state().status() == CircuitState.Status.HALF_OPEN);
  }
}
