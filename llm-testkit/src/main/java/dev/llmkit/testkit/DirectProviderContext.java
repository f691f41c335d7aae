package dev.llmkit.testkit;

import dev.llmkit.spi.ProviderContext;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * A {@link ProviderContext} for calling a provider without the engine, for the parts of the SPI the
 * {@code Llm} API does not expose (token counting).
 */
final class DirectProviderContext implements ProviderContext {
  private final HttpClient client;
  private final Map<String, String> env;

  DirectProviderContext(HttpClient client, Map<String, String> env) {
    this.client = client;
    this.env = Map.copyOf(env);
  }

  @Override
  public HttpClient httpClient() {
    return client;
  }

  @Override
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Override
  public Executor executor() {
    return ForkJoinPool.commonPool();
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
