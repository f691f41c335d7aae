package dev.llmkit.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Secret;
import dev.llmkit.core.store.FailPolicy;
import dev.llmkit.core.store.SharedStores;
import dev.llmkit.core.store.StoreSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis password never shows: not in settings, stores, errors, nor logs (a hunt for a fake one). */
class RedisSecretTest {
  private static final String PASSWORD = "fake-redis-pw-7Qx9Zk";
  private static final String WRONG = "wrong-redis-pw-3Lm8Vt";

  @RegisterExtension
  static final RedisServerExtension REDIS = new RedisServerExtension("--requirepass", PASSWORD);

  private final String prefix = RedisServerExtension.freshPrefix();

  @Test
  void the_right_password_connects_and_shows_nowhere() {
    StoreSettings settings = REDIS.settings(prefix).password(Secret.of(PASSWORD)).failPolicy(FailPolicy.FAIL_CLOSED).build();
    SharedStores stores = REDIS.open(settings, new MetricRegistry());

    assertThat(stores.budgets().tryReserve("b", "x", BigDecimal.ONE, BigDecimal.TEN, Duration.ofMinutes(1))).isTrue();
    assertThat(settings.toString()).doesNotContain(PASSWORD).contains("password ****");
    assertThat(stores.toString()).doesNotContain(PASSWORD);
    assertThat(List.of(stores.budgets(), stores.rateLimits(), stores.circuits(), stores.responseCache()))
        .allSatisfy(s -> assertThat(s.toString()).doesNotContain(PASSWORD));
  }

  @Test
  void a_wrong_or_missing_password_fails_without_showing_it_in_errors_or_logs() {
    List<String> logged = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        StringWriter trace = new StringWriter();
        if (record.getThrown() != null) {
          record.getThrown().printStackTrace(new PrintWriter(trace));
        }
        logged.add(record.getMessage() + " " + trace);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    Level before = root.getLevel();
    root.setLevel(Level.ALL);
    try {
      SharedStores closed = REDIS.open(REDIS.settings(prefix).password(Secret.of(WRONG)).failPolicy(FailPolicy.FAIL_CLOSED).build(),
          new MetricRegistry());
      assertThatThrownBy(() -> closed.budgets().spent("b")).isInstanceOfSatisfying(LlmException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(e.getMessage()).contains("password setting");
        assertThat(stackTrace(e)).doesNotContain(WRONG).doesNotContain(PASSWORD);
      });
      SharedStores open = REDIS.open(REDIS.settings(prefix).password(Secret.of(WRONG)).failPolicy(FailPolicy.FAIL_OPEN).build(),
          new MetricRegistry());
      assertThat(open.budgets().tryReserve("b", "y", BigDecimal.ONE, BigDecimal.TEN, Duration.ofMinutes(1))).isTrue();
      SharedStores none = REDIS.open(REDIS.settings(prefix).failPolicy(FailPolicy.FAIL_OPEN).build(), new MetricRegistry());
      assertThat(none.rateLimits().reserve("k", 60, 1, Duration.ZERO).granted()).isTrue();
    } finally {
      root.removeHandler(capture);
      root.setLevel(before);
    }
    assertThat(logged).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(WRONG).doesNotContain(PASSWORD));
  }

  @Test
  void a_password_in_the_uri_is_refused_without_being_repeated() {
    assertThatThrownBy(() -> StoreSettings.builder("redis", URI.create("redis://user:" + PASSWORD + "@127.0.0.1:6379")).build())
        .isInstanceOfSatisfying(LlmException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
          assertThat(e.getMessage()).contains("password setting").doesNotContain(PASSWORD);
        });
  }

  @Test
  void a_password_from_string_settings_is_a_secret() {
    StoreSettings settings = StoreSettings.fromMap(Map.of("type", "redis", "uri", REDIS.server().uri().toString(),
        "password", PASSWORD, "keyPrefix", prefix, "failPolicy", "FAIL_CLOSED"));

    assertThat(settings.password()).isEqualTo(Secret.of(PASSWORD));
    assertThat(settings.toString()).doesNotContain(PASSWORD);
    SharedStores stores = REDIS.open(settings, new MetricRegistry());
    assertThat(stores.budgets().spent("b")).isEqualByComparingTo("0");
  }

  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
