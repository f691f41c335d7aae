package dev.llmkit.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A WireMock server on loopback that lives as long as the test class registering it, {@code @Nested} classes
 * included, and forgets stubs and requests before each test:
 * {@code @RegisterExtension static final StubServer server = new StubServer();}. It is the server itself (as
 * WireMock's own JUnit 4 class rule is), so tests stub and verify on it directly.
 */
final class StubServer extends WireMockServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  static final String CHAT = "/v1/chat/completions";

  // Class callbacks also run for each @Nested class; only the class that started the server stops it.
  private @Nullable String owner;

  StubServer() {
    this(options());
  }

  /** A server with extra configuration, such as WireMock extensions; port and address are always set here. */
  StubServer(WireMockConfiguration config) {
    super(config.dynamicPort().bindAddress("127.0.0.1"));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (!isRunning()) {
      start();
      owner = context.getUniqueId();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (context.getUniqueId().equals(owner)) {
      stop();
      owner = null;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    resetAll();
  }

  /** Answers {@code POST /v1/chat/completions} with {@code response}. */
  void answer(ResponseDefinitionBuilder response) {
    stubFor(post(urlEqualTo(CHAT)).willReturn(response));
  }

  /** Answers {@code POST /v1/chat/completions} with a 200 JSON body. */
  void answerJson(String body) {
    answer(aResponse().withHeader("Content-Type", "application/json").withBody(body));
  }

  /** Answers {@code POST /v1/chat/completions} with a 200 event stream. */
  void answerStream(String sse) {
    answer(aResponse().withHeader("Content-Type", "text/event-stream").withBody(sse));
  }
}
