package dev.llmkit.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.core.resilience.RateLimitStore;
import dev.llmkit.core.resilience.RateLimitStore.Reservation;
import dev.llmkit.core.store.FailPolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisRateLimitStoreTest {
  @RegisterExtension
  static final RedisServerExtension REDIS = new RedisServerExtension();

  private final String prefix = RedisServerExtension.freshPrefix();

  /** Another process's store, connected already, so that connecting does not count in the timings. */
  private RateLimitStore process() {
    RateLimitStore store = REDIS.open(prefix, FailPolicy.FAIL_CLOSED).rateLimits();
    store.adjust("warm-up", 1, 0);
    return store;
  }

  @Test
  void one_allowance_is_shared_by_two_processes() throws Exception {
    List<RateLimitStore> processes = List.of(process(), process());
    AtomicInteger granted = new AtomicInteger();
    Race.run(16, thread -> {
      for (int i = 0; i < 10; i++) {
        if (processes.get(thread % 2).reserve("openai/gpt-4o/requests", 60, 1, Duration.ZERO).granted()) {
          granted.incrementAndGet();
        }
      }
    });
    // 60 a minute, i.e. one a second refills: 60 at once plus at most the refill of the test's run
    assertThat(granted.get()).isBetween(60, 65);
  }

  @Test
  void a_reservation_that_fits_within_the_wait_goes_into_debt_and_later_callers_queue_behind() {
    RateLimitStore a = process();
    RateLimitStore b = process();
    assertThat(a.reserve("k", 60, 60, Duration.ZERO)).isEqualTo(Reservation.NOW); // empties the bucket (1 a second)

    Reservation first = a.reserve("k", 60, 10, Duration.ofSeconds(30));
    Reservation second = b.reserve("k", 60, 10, Duration.ofSeconds(30));

    // (the bounds leave two seconds of refill for a slow machine between the calls)
    assertThat(first.granted()).isTrue();
    assertThat(first.delay()).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
    assertThat(second.granted()).isTrue();
    assertThat(second.delay()).isLessThanOrEqualTo(Duration.ofSeconds(20))
        .isGreaterThan(first.delay().plusSeconds(8)); // queued behind the first one's debt
  }

  @Test
  void a_reservation_needing_more_than_the_wait_is_refused_and_takes_nothing() {
    RateLimitStore a = process();
    RateLimitStore b = process();
    a.reserve("k", 60, 60, Duration.ZERO);

    Reservation refused = b.reserve("k", 60, 5, Duration.ofSeconds(2));

    assertThat(refused.granted()).isFalse();
    assertThat(refused.delay()).isBetween(Duration.ofMillis(4500), Duration.ofSeconds(5));
    // nothing was taken: the same reservation still needs about as long
    assertThat(a.reserve("k", 60, 5, Duration.ZERO).delay()).isBetween(Duration.ofMillis(4500), Duration.ofSeconds(5));
  }

  @Test
  void adjust_gives_back_and_takes_permits_and_never_fills_past_the_capacity() {
    RateLimitStore a = process();
    RateLimitStore b = process();
    a.reserve("tokens", 1000, 1000, Duration.ZERO);

    b.adjust("tokens", 1000, -400); // the call used 400 tokens less than estimated
    assertThat(a.reserve("tokens", 1000, 390, Duration.ZERO).granted()).isTrue();
    assertThat(a.reserve("tokens", 1000, 100, Duration.ZERO).granted()).isFalse();

    b.adjust("tokens", 1000, -5000);
    assertThat(a.reserve("tokens", 1000, 1000, Duration.ZERO).granted()).isTrue();
    assertThat(a.reserve("tokens", 1000, 50, Duration.ZERO).granted()).isFalse();
  }

  @Test
  void an_idle_bucket_refills_on_the_servers_clock() throws Exception {
    RateLimitStore a = process();
    a.reserve("k", 6000, 6000, Duration.ZERO); // 100 a second
    RateLimitStore b = process();
    // A refused reserve takes nothing, so asking again until one is granted is the check itself.
    Eventually.await("20 permits refill at 100 a second", () -> b.reserve("k", 6000, 20, Duration.ZERO).granted());
  }
}
