package dev.llmkit.testkit;

import dev.llmkit.spi.ProviderContext;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * A {@link ProviderContext} for a provider's own unit tests: one HTTP client shared by all tests (as a
 * host shares one), a clock you choose, a direct executor and an environment given as a map, so that
 * tests never read the real environment.
 *
 * <pre>{@code
 * ChatProvider provider = new AcmeProviderFactory().create(config,
 *     TestProviderContext.withEnv("ACME_API_KEY", "test-key").withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
 * }</pre>
 */
public final class TestProviderContext implements ProviderContext {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Map<String, String> env;
  private final Clock clock;

  private TestProviderContext(Map<String, String> env, Clock clock) {
    this.env = Map.copyOf(env);
    this.clock = clock;
  }

  /** A context whose environment holds exactly these variables. */
  public static TestProviderContext withEnv(Map<String, String> env) {
    return new TestProviderContext(env, Clock.systemUTC());
  }

  /** A context whose environment holds the given name/value pairs. */
  public static TestProviderContext withEnv(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("withEnv takes name/value pairs, got an odd number of strings");
    }
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      env.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return withEnv(env);
  }

  /** The same context with another clock (e.g. fixed, for Retry-After dates). */
  public TestProviderContext withClock(Clock value) {
    return new TestProviderContext(env, Objects.requireNonNull(value, "clock"));
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
    return System.getLogger("dev.llmkit.testkit");
  }

  @Override
  public Optional<String> env(String name) {
    return Optional.ofNullable(env.get(name));
  }
}
