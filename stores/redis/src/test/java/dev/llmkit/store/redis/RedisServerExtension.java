package dev.llmkit.store.redis;

import com.codahale.metrics.MetricRegistry;
import dev.llmkit.core.store.FailPolicy;
import dev.llmkit.core.store.SharedStores;
import dev.llmkit.core.store.StoreSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real redis-server for a test class (started before its first test, stopped after its last), and
 * {@link SharedStores} on it that are closed after each test. Each test gets its own key prefix, so
 * tests never see each other's keys.
 */
final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
  private final String[] serverArgs;
  private final List<SharedStores> opened = new ArrayList<>();
  private RedisServer server;

  RedisServerExtension(String... serverArgs) {
    this.serverArgs = serverArgs;
  }

  RedisServer server() {
    return server;
  }

  /** Settings for this server: a fresh key prefix, 1 s to connect, 300 ms per command. */
  StoreSettings.Builder settings(String keyPrefix) {
    return StoreSettings.builder("redis", server.uri()).keyPrefix(keyPrefix).connectTimeout(Duration.ofSeconds(1))
        .commandTimeout(Duration.ofMillis(300));
  }

  static String freshPrefix() {
    return "test-" + UUID.randomUUID() + ":";
  }

  /** Opens stores (as another process would: their own connections), closed after the test. */
  SharedStores open(StoreSettings settings, MetricRegistry metrics) {
    SharedStores stores = SharedStores.open(settings, metrics);
    synchronized (opened) {
      opened.add(stores);
    }
    return stores;
  }

  SharedStores open(String keyPrefix, FailPolicy policy) {
    return open(settings(keyPrefix).failPolicy(policy).build(), new MetricRegistry());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server = RedisServer.start(serverArgs);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    synchronized (opened) {
      opened.forEach(SharedStores::close);
      opened.clear();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
    }
  }
}
