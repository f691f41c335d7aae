package dev.llmkit.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.core.budget.BudgetStore;
import dev.llmkit.core.store.FailPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisBudgetStoreTest {
  @RegisterExtension
  static final RedisServerExtension REDIS = new RedisServerExtension();

  private static final Duration TTL = Duration.ofMinutes(15);
  private final String prefix = RedisServerExtension.freshPrefix();

  private BudgetStore process() {
    return REDIS.open(prefix, FailPolicy.FAIL_CLOSED).budgets();
  }

  @Test
  void reserve_then_settle_replaces_the_reservation_by_the_real_cost() {
    BudgetStore store = process();

    assertThat(store.tryReserve("b", "call-1", new BigDecimal("0.30"), BigDecimal.ONE, TTL)).isTrue();
    assertThat(store.reserved("b")).isEqualByComparingTo("0.30");
    assertThat(store.tryReserve("b", "call-2", new BigDecimal("0.80"), BigDecimal.ONE, TTL)).isFalse();

    store.settle("b", "call-1", new BigDecimal("0.000012345"));

    assertThat(store.reserved("b")).isEqualByComparingTo("0");
    assertThat(store.spent("b")).isEqualByComparingTo("0.000012345");
    assertThat(store.tryReserve("b", "call-2", new BigDecimal("0.80"), BigDecimal.ONE, TTL)).isTrue();
  }

  @Test
  void a_settle_may_go_past_the_limit_and_then_nothing_more_fits() {
    BudgetStore store = process();
    store.tryReserve("b", "c1", new BigDecimal("0.5"), BigDecimal.ONE, TTL);
    store.settle("b", "c1", new BigDecimal("1.5"));

    assertThat(store.spent("b")).isEqualByComparingTo("1.5");
    assertThat(store.tryReserve("b", "c2", new BigDecimal("0.000000001"), BigDecimal.ONE, TTL)).isFalse();
  }

  @Test
  void the_cap_holds_for_two_processes_with_32_threads_each() throws Exception {
    List<BudgetStore> processes = List.of(process(), process());
    BigDecimal limit = new BigDecimal("1.00");
    BigDecimal worstCase = new BigDecimal("0.03");
    AtomicInteger answered = new AtomicInteger();
    Race.run(64, thread -> {
      BudgetStore store = processes.get(thread % 2);
      for (int i = 0; i < 20; i++) {
        String id = "p" + (thread % 2) + "-t" + thread + "-" + i;
        if (store.tryReserve("race", id, worstCase, limit, TTL)) {
          // each call really spends its whole worst case, so only the cap can stop them
          store.settle("race", id, worstCase);
          answered.incrementAndGet();
        }
      }
    });

    BudgetStore reader = processes.get(0);
    assertThat(answered.get()).isEqualTo(33); // floor(1.00 / 0.03): 1280 tries, every fitting one answered
    assertThat(reader.spent("race")).isEqualByComparingTo("0.99");
    assertThat(reader.reserved("race")).isEqualByComparingTo("0");
  }

  @Test
  void the_reservations_of_a_crashed_process_lapse_after_their_time_to_live() throws Exception {
    BudgetStore crashed = process();
    BudgetStore survivor = process();
    assertThat(crashed.tryReserve("b", "crashed-1", new BigDecimal("0.6"), BigDecimal.ONE, Duration.ofMillis(300))).isTrue();
    assertThat(crashed.tryReserve("b", "crashed-2", new BigDecimal("0.3"), BigDecimal.ONE, Duration.ofMinutes(5))).isTrue();
    // the crashed process never settles

    assertThat(survivor.tryReserve("b", "s-1", new BigDecimal("0.5"), BigDecimal.ONE, TTL)).isFalse();
    Eventually.await("the short reservation lapses", () -> survivor.reserved("b").compareTo(new BigDecimal("0.3")) == 0);

    assertThat(survivor.reserved("b")).isEqualByComparingTo("0.3"); // the short one lapsed, the other still holds
    assertThat(survivor.tryReserve("b", "s-1", new BigDecimal("0.5"), BigDecimal.ONE, TTL)).isTrue();
    assertThat(survivor.spent("b")).isEqualByComparingTo("0");
  }

  @Test
  void settling_a_lapsed_reservation_still_counts_what_was_spent_and_releases_nothing_twice() throws Exception {
    BudgetStore store = process();
    store.tryReserve("b", "slow", new BigDecimal("0.4"), BigDecimal.ONE, Duration.ofMillis(100));
    store.tryReserve("b", "other", new BigDecimal("0.2"), BigDecimal.ONE, TTL);
    Eventually.await("the slow reservation lapses", () -> store.reserved("b").compareTo(new BigDecimal("0.2")) == 0);

    store.settle("b", "slow", new BigDecimal("0.1"));

    assertThat(store.spent("b")).isEqualByComparingTo("0.1");
    assertThat(store.reserved("b")).isEqualByComparingTo("0.2");
  }

  @Test
  void amounts_are_rounded_so_that_the_cap_is_never_passed() {
    BudgetStore store = process();
    // 0.0000000001 rounds up to one nano-dollar; a limit of 0.0000000019 rounds down to one.
    assertThat(store.tryReserve("b", "a", new BigDecimal("0.0000000001"), new BigDecimal("0.0000000019"), TTL)).isTrue();
    assertThat(store.tryReserve("b", "b", new BigDecimal("0.0000000001"), new BigDecimal("0.0000000019"), TTL)).isFalse();
  }

  @Test
  void budgets_with_other_names_or_prefixes_are_apart() {
    BudgetStore store = process();
    BudgetStore otherApp = REDIS.open(RedisServerExtension.freshPrefix(), FailPolicy.FAIL_CLOSED).budgets();
    store.tryReserve("b", "x", new BigDecimal("1"), BigDecimal.ONE, TTL);

    assertThat(store.tryReserve("c", "x", new BigDecimal("1"), BigDecimal.ONE, TTL)).isTrue();
    assertThat(otherApp.tryReserve("b", "x", new BigDecimal("1"), BigDecimal.ONE, TTL)).isTrue();
  }
}
