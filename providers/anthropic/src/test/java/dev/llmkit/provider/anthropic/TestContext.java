package dev.llmkit.provider.anthropic;

import dev.llmkit.spi.ProviderContext;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/** A {@link ProviderContext} for tests: a shared client, a fixed clock, a direct executor and a given environment. */
final class TestContext implements ProviderContext {
  static final String KEY = "sk-ant-api03-test-key-never-logged";
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  // One client for every test, as a host would share one.
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Map<String, String> env;
  private final Clock clock;

  TestContext(Map<String, String> env, Clock clock) {
    this.env = Map.copyOf(env);
    this.clock = clock;
  }

  /** An environment holding {@code ANTHROPIC_API_KEY} and a clock fixed at {@link #NOW}. */
  static TestContext withKey() {
    return new TestContext(Map.of(AnthropicProviderFactory.API_KEY_ENV, KEY), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static TestContext withEnv(Map<String, String> env) {
    return new TestContext(env, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Override
  public HttpClient httpClient() {
    return CLIENT;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Executor executor() {
    return Runnable::run;
  }

  @Override
  public System.Logger logger() {
    return System.getLogger("dev.llmkit.provider.anthropic.test");
  }

  @Override
  public Optional<String> env(String name) {
    return Optional.ofNullable(env.get(name));
  }
}
