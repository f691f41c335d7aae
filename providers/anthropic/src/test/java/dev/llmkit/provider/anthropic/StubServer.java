package dev.llmkit.provider.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A WireMock server on loopback that answers like the Messages API and remembers what it was sent. Register it once
 * per test class with {@code @RegisterExtension static final StubServer server = new StubServer();}: it runs for the
 * whole class, {@code @Nested} classes included, and forgets stubs and requests before each test.
 */
final class StubServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  static final String MESSAGES = "/v1/messages";
  static final String COUNT_TOKENS = "/v1/messages/count_tokens";

  private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  // Class callbacks also run for each @Nested class; only the class that started the server stops it.
  private @Nullable String owner;

  @Override
  public void beforeAll(ExtensionContext context) {
    if (!server.isRunning()) {
      server.start();
      owner = context.getUniqueId();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (context.getUniqueId().equals(owner)) {
      server.stop();
      owner = null;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    reset();
  }

  /** Forgets every stub and request, as before each test; for tests that send more than one exchange. */
  void reset() {
    server.resetAll();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  void answer(String path, ResponseDefinitionBuilder response) {
    server.stubFor(post(urlEqualTo(path)).willReturn(response));
  }

  /** Answers {@code /v1/messages} with a 200 JSON body. */
  void answerJson(String body) {
    answer(MESSAGES, aResponse().withStatus(200).withHeader("content-type", "application/json")
        .withHeader("request-id", "req_011CTest").withBody(body));
  }

  /** Answers {@code /v1/messages} with a 200 event stream. */
  void answerStream(String sse) {
    answer(MESSAGES, aResponse().withStatus(200).withHeader("content-type", "text/event-stream; charset=utf-8")
        .withBody(sse));
  }

  /** Answers {@code /v1/messages} with an error status and body. */
  void answerError(int status, String contentType, String body, String... headerPairs) {
    ResponseDefinitionBuilder r = aResponse().withStatus(status).withHeader("content-type", contentType).withBody(body);
    for (int i = 0; i + 1 < headerPairs.length; i += 2) {
      r = r.withHeader(headerPairs[i], headerPairs[i + 1]);
    }
    answer(MESSAGES, r);
  }

  /** The one request sent to {@code path}. */
  LoggedRequest onlyRequest(String path) {
    List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo(path)));
    if (requests.size() != 1) {
      throw new AssertionError("expected one request to " + path + ", saw " + requests.size());
    }
    return requests.get(0);
  }

  /** The JSON body of the one request sent to {@code /v1/messages}. */
  JsonNode sentBody() {
    return Fixtures.json(onlyRequest(MESSAGES).getBodyAsString());
  }
}
