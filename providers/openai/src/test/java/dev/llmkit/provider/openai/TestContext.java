package dev.llmkit.provider.openai;

import dev.llmkit.spi.ProviderContext;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/** A {@link ProviderContext} for tests: one shared client, the system clock, a direct executor and a map as environment. */
final class TestContext implements ProviderContext {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Map<String, String> env;

  private TestContext(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** A context whose environment holds the given name/value pairs. */
  static TestContext withEnv(String... namesAndValues) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      env.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return new TestContext(env);
  }

  @Override
  public HttpClient httpClient() {
    return CLIENT;
  }

  @Override
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Override
  public Executor executor() {
    return Runnable::run;
  }

  @Override
  public System.Logger logger() {
    return System.getLogger("dev.llmkit.provider.openai.test");
  }

  @Override
  public Optional<String> env(String name) {
    return Optional.ofNullable(env.get(name));
  }
}
