package dev.llmkit.spi.support;

import java.net.http.HttpClient;

/**
 * Every test of {@link HttpEventPublisherTest} again on a client built with {@link HttpClientExecutor},
 * where the publisher reads the body from its own subscriber and the JDK's future never completes for
 * a successful exchange.
 */
class HttpEventPublisherOwnClientTest extends HttpEventPublisherTest {
  @Override
  HttpClient http() {
    return OWN_HTTP;
  }
}
