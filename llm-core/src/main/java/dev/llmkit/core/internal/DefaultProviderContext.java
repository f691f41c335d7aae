package dev.llmkit.core.internal;

import dev.llmkit.spi.ProviderContext;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The host's services as a provider sees them. A client given by the application that follows
 * redirects would send the API key on to wherever a redirect points (the JDK copies the request's
 * headers): llmkit warns once per such client ({@code dev.llmkit} logger, WARNING) and recommends
 * {@link HttpClient.Redirect#NEVER}, which its own shared client uses.
 */
public record DefaultProviderContext(
    HttpClient httpClient, Clock clock, Executor executor, System.Logger logger, Function<String, String> environment)
    implements ProviderContext {
  private static final Set<HttpClient> WARNED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  public DefaultProviderContext {
    if (httpClient.followRedirects() != HttpClient.Redirect.NEVER && WARNED.add(httpClient)) {
      logger.log(System.Logger.Level.WARNING, "the HttpClient given to llmkit follows redirects ("
          + httpClient.followRedirects() + "): the JDK would send the API key's header to wherever a redirect"
          + " points; build it with followRedirects(HttpClient.Redirect.NEVER)");
    }
  }

  @Override
  public Optional<String> env(String name) {
    return Optional.ofNullable(environment.apply(name)).filter(v -> !v.isBlank());
  }
}
