package dev.llmkit.core.internal;

import dev.llmkit.spi.ProviderContext;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;

/** The host's services as a provider sees them. */
public record DefaultProviderContext(
    HttpClient httpClient, Clock clock, Executor executor, System.Logger logger, Function<String, String> environment)
    implements ProviderContext {

  @Override
  public Optional<String> env(String name) {
    return Optional.ofNullable(environment.apply(name)).filter(v -> !v.isBlank());
  }
}
