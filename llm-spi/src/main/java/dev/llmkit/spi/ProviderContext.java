package dev.llmkit.spi;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * What the host hands a provider: the shared HTTP client, the clock, an executor for work that must
 * not run on the HTTP client's threads, a logger, and environment lookup (so that tests can supply
 * keys without touching the real environment). Providers keep no statics.
 */
public interface ProviderContext {

  /** The HTTP client shared by every provider of this host; never build one per call. */
  HttpClient httpClient();

  Clock clock();

  Executor executor();

  System.Logger logger();

  /** The value of an environment variable, as the host sees it. */
  Optional<String> env(String name);
}
