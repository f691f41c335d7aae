package dev.llmkit.provider.gemini;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A WireMock server on loopback that answers the Gemini API's model methods for any model. Register it
 * with {@code @RegisterExtension static final GeminiStub gemini = new GeminiStub();}: it starts once for
 * the test class (nested classes share it, only the outermost stops it) and forgets its stubs and the
 * requests it saw before each test.
 */
final class GeminiStub implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  static final String GENERATE = "generateContent";
  static final String STREAM = "streamGenerateContent";
  static final String COUNT = "countTokens";

  private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  private int starts;

  @Override
  public void beforeAll(ExtensionContext context) {
    if (starts++ == 0) {
      server.start();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (--starts == 0) {
      server.stop();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    reset();
  }

  /** Forgets every stub and request, as before each test; for tests that make more than one exchange. */
  void reset() {
    server.resetAll();
  }

  /** The root as a user would configure it: a bare host, to which the provider appends /v1beta. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Answers {@code POST /v1beta/models/{any}:{method}}. */
  void on(String method, ResponseDefinitionBuilder response) {
    server.stubFor(post(urlPathMatching("/v1beta/models/[^/]+:" + method)).willReturn(response));
  }

  /** Answers {@code generateContent} with a 200 JSON body. */
  void answerJson(String body) {
    on(GENERATE, aResponse().withStatus(200).withHeader("content-type", "application/json; charset=UTF-8")
        .withBody(body));
  }

  /** Answers {@code streamGenerateContent} with a 200 event stream. */
  void answerStream(String sse) {
    on(STREAM, aResponse().withStatus(200).withHeader("content-type", "text/event-stream").withBody(sse));
  }

  /** Answers every method with an error status and JSON body, plus header name/value pairs. */
  void answerError(int status, String body, String... headerPairs) {
    ResponseDefinitionBuilder r = aResponse().withStatus(status)
        .withHeader("content-type", "application/json; charset=UTF-8").withBody(body);
    for (int i = 0; i + 1 < headerPairs.length; i += 2) {
      r = r.withHeader(headerPairs[i], headerPairs[i + 1]);
    }
    for (String method : List.of(GENERATE, STREAM, COUNT)) {
      on(method, r);
    }
  }

  /** The one request the server saw. */
  LoggedRequest onlyRequest() {
    List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
    if (requests.size() != 1) {
      throw new AssertionError("expected one request, saw " + requests.size());
    }
    return requests.get(0);
  }

  /** The JSON body of the one request the server saw. */
  JsonNode sentBody() {
    return Fixtures.json(onlyRequest().getBodyAsString());
  }
}
