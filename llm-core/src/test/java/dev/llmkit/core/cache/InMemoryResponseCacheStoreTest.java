package dev.llmkit.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemoryResponseCacheStoreTest {
  private final AtomicLong nanos = new AtomicLong(1_000);
  private final InMemoryResponseCacheStore store = new InMemoryResponseCacheStore(100, nanos::get);

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Test
  void an_entry_is_there_until_its_own_time_to_live_has_passed() {
    store.put("short", new byte[] {1}, Duration.ofSeconds(10));
    store.put("long", new byte[] {2}, Duration.ofMinutes(10));

    advance(Duration.ofSeconds(9));
    assertThat(store.get("short")).hasValueSatisfying(v -> assertThat(v).containsExactly(1));

    advance(Duration.ofSeconds(1));
    assertThat(store.get("short")).isEmpty();
    assertThat(store.get("long")).hasValueSatisfying(v -> assertThat(v).containsExactly(2));

    advance(Duration.ofMinutes(10));
    assertThat(store.get("long")).isEmpty();
    assertThat(store.size()).isZero();
  }

  @Test
  void reading_does_not_extend_an_entry_and_writing_again_starts_its_time_afresh() {
    store.put("k", new byte[] {1}, Duration.ofSeconds(10));
    advance(Duration.ofSeconds(8));
    assertThat(store.get("k")).isPresent();
    advance(Duration.ofSeconds(2));
    assertThat(store.get("k")).isEmpty();

    store.put("k", new byte[] {1}, Duration.ofSeconds(10));
    advance(Duration.ofSeconds(8));
    store.put("k", new byte[] {3}, Duration.ofSeconds(10));
    advance(Duration.ofSeconds(8));
    assertThat(store.get("k")).hasValueSatisfying(v -> assertThat(v).containsExactly(3));
  }

  @Test
  void it_keeps_at_most_max_entries() {
    InMemoryResponseCacheStore small = new InMemoryResponseCacheStore(3, nanos::get);
    for (int i = 0; i < 50; i++) {
      small.put("k" + i, new byte[] {(byte) i}, Duration.ofHours(1));
    }

    assertThat(small.size()).isEqualTo(3);
    long present = java.util.stream.IntStream.range(0, 50).filter(i -> small.get("k" + i).isPresent()).count();
    assertThat(present).isEqualTo(3);
  }

  @Test
  void values_are_copied_in_and_out() {
    byte[] value = {1, 2};
    store.put("k", value, Duration.ofMinutes(1));
    value[0] = 9;
    store.get("k").orElseThrow()[1] = 9;

    assertThat(store.get("k")).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2));
  }

  @Test
  void invalidate_removes_an_entry() {
    store.put("k", new byte[] {1}, Duration.ofMinutes(1));
    store.invalidate("k");
    store.invalidate("never-there");

    assertThat(store.get("k")).isEmpty();
  }

  @Test
  void bad_arguments_are_refused() {
    assertThatThrownBy(() -> store.put("k", new byte[] {1}, Duration.ZERO)).hasMessageContaining("timeToLive must be positive");
    assertThatThrownBy(() -> store.put("k", new byte[] {1}, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InMemoryResponseCacheStore(0)).hasMessageContaining("maxEntries must be at least 1");
  }

  @Test
  void a_time_to_live_beyond_what_nanoseconds_hold_is_kept_as_forever() {
    store.put("k", new byte[] {1}, Duration.ofDays(365L * 1_000));
    advance(Duration.ofDays(365L * 100));

    assertThat(store.get("k")).isPresent();
  }
}
