package dev.llmkit.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.core.store.SharedStores;
import dev.llmkit.core.store.StoreSettings;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The redis plugin is found by ServiceLoader under its type and checks its own settings. */
class SharedStoresDiscoveryTest {

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
}
