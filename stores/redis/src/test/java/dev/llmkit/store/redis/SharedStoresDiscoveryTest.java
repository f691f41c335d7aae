package dev.llmkit.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.core.store.FailPolicy;
import dev.llmkit.core.store.SharedStoreKind;
import dev.llmkit.core.store.SharedStores;
import dev.llmkit.core.store.StoreSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The redis plugin is found by ServiceLoader and configured from flat string settings. */
class SharedStoresDiscoveryTest {

  @Test
  void string_settings_map_onto_store_settings() {
    StoreSettings s = StoreSettings.fromMap(Map.of("type", "redis", "uri", "redis://cache:6380/2", "keyPrefix", "svc:",
        "connectTimeout", "3s", "commandTimeout", "250ms", "failPolicy", "fail_closed",
        "failPolicy.response-cache", "FAIL_OPEN", "maxValueBytes", "4096", "redis.poolSize", "4"));

    assertThat(s.type()).isEqualTo("redis");
    assertThat(s.uri()).isEqualTo(URI.create("redis://cache:6380/2"));
    assertThat(s.keyPrefix()).isEqualTo("svc:");
    assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(s.commandTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(s.failPolicy(SharedStoreKind.BUDGET)).isEqualTo(FailPolicy.FAIL_CLOSED);
    assertThat(s.failPolicy(SharedStoreKind.RESPONSE_CACHE)).isEqualTo(FailPolicy.FAIL_OPEN);
    assertThat(s.maxValueBytes()).isEqualTo(4096);
    assertThat(s.options()).containsExactly(Map.entry("redis.poolSize", "4"));
    assertThat(s.password()).isNull();
  }

  @Test
  void defaults_are_fail_open_with_bounded_waits() {
    StoreSettings s = StoreSettings.fromMap(Map.of("type", "redis", "uri", "redis://localhost"));

    assertThat(s.keyPrefix()).isEqualTo("llmkit:");
    assertThat(s.commandTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.failPolicy(SharedStoreKind.CIRCUIT)).isEqualTo(FailPolicy.FAIL_OPEN);
  }

  @Test
  void bad_string_settings_are_named_in_a_configuration_error() {
    assertConfigurationError(Map.of("uri", "redis://x"), "'type' is required");
    assertConfigurationError(Map.of("type", "redis", "uri", "redis://x", "commandTimeout", "soon"), "'commandTimeout'", "500ms");
    assertConfigurationError(Map.of("type", "redis", "uri", "redis://x", "commandTimeout", "0ms"), "'commandTimeout' must be positive");
    assertConfigurationError(Map.of("type", "redis", "uri", "redis://x", "failPolicy", "maybe"), "FAIL_OPEN or FAIL_CLOSED");
    assertConfigurationError(Map.of("type", "redis", "uri", "redis://x", "failPolicy.budgets", "FAIL_OPEN"), "failPolicy.budgets",
        "budget, rate-limit");
    assertConfigurationError(Map.of("type", "redis", "uri", "redis://x", "maxValueBytes", "1MB"), "'maxValueBytes'");
  }

  @Test
  void the_redis_plugin_is_found_by_its_type() {
    try (SharedStores stores = SharedStores.open(StoreSettings.builder("redis", URI.create("redis://127.0.0.1:1")).build(),
        new MetricRegistry())) {
      assertThat(stores).isInstanceOf(RedisSharedStores.class);
      assertThat(stores.resilienceRegistry()).isSameAs(stores.resilienceRegistry());
    }
  }

  @Test
  void an_unknown_type_names_the_types_found() {
    assertThatThrownBy(() -> SharedStores.open(StoreSettings.builder("memcached", URI.create("memcached://x")).build(),
        new MetricRegistry()))
        .isInstanceOfSatisfying(LlmException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
          assertThat(e.getMessage()).contains("'memcached'", "found: redis");
        });
  }

  @Test
  void the_redis_plugin_refuses_other_uris_and_bad_options() {
    assertOpenFails(StoreSettings.builder("redis", URI.create("http://127.0.0.1:6379")).build(), "redis:// or rediss://");
    assertOpenFails(StoreSettings.builder("redis", URI.create("redis://127.0.0.1:6379/zero")).build(), "database number");
    assertOpenFails(StoreSettings.builder("redis", URI.create("redis://127.0.0.1:6379")).option("redis.poolSize", "0").build(),
        "redis.poolSize");
    assertOpenFails(StoreSettings.builder("redis", URI.create("redis://127.0.0.1:6379")).option("redis.probeLease", "1m").build(),
        "redis.probeLease");
  }

  private static void assertOpenFails(StoreSettings settings, String... mentions) {
    assertThatThrownBy(() -> SharedStores.open(settings, new MetricRegistry()))
        .isInstanceOfSatisfying(LlmException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
          assertThat(e.getMessage()).contains(mentions);
        });
  }

  private static void assertConfigurationError(Map<String, String> settings, String... mentions) {
    assertThatThrownBy(() -> StoreSettings.fromMap(settings))
        .isInstanceOfSatisfying(LlmException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
          assertThat(e.getMessage()).contains(mentions);
        });
  }
}
