package dev.llmkit.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import dev.llmkit.core.cache.ResponseCacheStore;
import dev.llmkit.core.store.FailPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisResponseCacheStoreTest {
  @RegisterExtension
  static final RedisServerExtension REDIS = new RedisServerExtension();

  private final String prefix = RedisServerExtension.freshPrefix();
  private final byte[] answer = "{\"text\":\"Paris\"}".getBytes(StandardCharsets.UTF_8);

  private ResponseCacheStore process() {
    return REDIS.open(prefix, FailPolicy.FAIL_CLOSED).responseCache();
  }

  @Test
  void an_answer_stored_by_one_process_is_a_hit_in_another() {
    process().put("sha256-abc", answer, Duration.ofMinutes(5));

    assertThat(process().get("sha256-abc")).hasValueSatisfying(v -> assertThat(v).isEqualTo(answer));
    assertThat(process().get("sha256-other")).isEmpty();
  }

  @Test
  void entries_expire_after_their_time_to_live() throws Exception {
    ResponseCacheStore a = process();
    a.put("k", answer, Duration.ofMillis(200));
    assertThat(process().get("k")).isPresent();

    ResponseCacheStore b = process();
    Eventually.await("the entry expires for every process", () -> b.get("k").isEmpty());
  }

  @Test
  void values_over_the_size_bound_are_not_stored_and_are_counted() {
    MetricRegistry metrics = new MetricRegistry();
    ResponseCacheStore small = REDIS.open(REDIS.settings(prefix).maxValueBytes(16).build(), metrics).responseCache();

    small.put("big", new byte[17], Duration.ofMinutes(1));
    small.put("fits", new byte[16], Duration.ofMinutes(1));

    assertThat(process().get("big")).isEmpty();
    assertThat(process().get("fits")).isPresent();
    assertThat(metrics.meter("llm.store.redis.response-cache.refused").getCount()).isEqualTo(1);
  }

  @Test
  void invalidate_removes_the_entry_for_every_process() {
    process().put("k", answer, Duration.ofMinutes(5));

    process().invalidate("k");

    assertThat(process().get("k")).isEmpty();
  }

  @Test
  void a_put_replaces_the_entry_and_its_time_to_live() throws Exception {
    ResponseCacheStore a = process();
    a.put("k", answer, Duration.ofMillis(150));
    a.put("k", "second".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(5));
    a.put("clock", answer, Duration.ofMillis(150)); // put after k's first TTL began: once it is gone, that TTL has passed
    Eventually.await("150 ms pass on the server's clock", () -> a.get("clock").isEmpty());

    assertThat(process().get("k")).hasValueSatisfying(v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("second"));
  }
}
