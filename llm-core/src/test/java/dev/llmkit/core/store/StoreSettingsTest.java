package dev.llmkit.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {

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
  void the_password_never_shows_and_a_uri_carrying_one_is_refused() {
    StoreSettings s = StoreSettings.fromMap(Map.of("type", "redis", "uri", "redis://h", "password", "fake-pw-5Tq2"));

    assertThat(s.password()).isEqualTo(Secret.of("fake-pw-5Tq2"));
    assertThat(s.toString()).doesNotContain("fake-pw-5Tq2").contains("password ****");
    assertThatThrownBy(() -> StoreSettings.builder("redis", URI.create("redis://u:fake-pw-5Tq2@h")).build())
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.getMessage()).doesNotContain("fake-pw-5Tq2"));
  }

  @Test
  void opening_a_type_no_plugin_serves_is_a_configuration_error() {
    assertThatThrownBy(() -> SharedStores.open(StoreSettings.builder("memcached", URI.create("memcached://x")).build(),
        new MetricRegistry()))
        .isInstanceOfSatisfying(LlmException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
          assertThat(e.getMessage()).contains("no shared store of type 'memcached'", "llm-store-redis");
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
