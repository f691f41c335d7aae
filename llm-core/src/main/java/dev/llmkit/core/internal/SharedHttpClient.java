package dev.llmkit.core.internal;

import dev.llmkit.spi.support.HttpClientExecutor;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The default HTTP client, created once per JVM and shared by every {@code Llm} that was not given
 * its own: connection pools and selector threads are expensive, and calls are independent.
 *
 * <ul>
 *   <li>Redirects are never followed ({@link HttpClient.Redirect#NEVER}): every request carries an API
 *       key in its headers, and the JDK would send those headers on to wherever a redirect points. A
 *       3xx answer is an error naming the {@code Location}'s origin instead
 *       ({@link dev.llmkit.spi.support.HttpErrors#redirect}).
 *   <li>It runs on its own executor ({@link HttpClientExecutor}: a small pool of daemon threads named
 *       {@code llmkit-http-N}), and llmkit's exchanges complete on it, so that no call or stream starts
 *       a thread of its own, whatever the number of processors and with no JVM flag.
 * </ul>
 */
public final class SharedHttpClient {
  private SharedHttpClient() {}

  public static HttpClient get() {
    return Holder.CLIENT;
  }

  /** A new client configured like the shared one, for a host that wants a pool of its own. */
  public static HttpClient create() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(HttpClientExecutor.create())
        .build();
  }

  private static final class Holder {
    static final HttpClient CLIENT = create();
  }
}
