package dev.llmkit.core.internal;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The default HTTP client, created once per JVM and shared by every {@code Llm} that was not given
 * its own: connection pools and selector threads are expensive, and calls are independent.
 */
public final class SharedHttpClient {
  private SharedHttpClient() {}

  public static HttpClient get() {
    return Holder.CLIENT;
  }

  private static final class Holder {
    static final HttpClient CLIENT = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }
}
