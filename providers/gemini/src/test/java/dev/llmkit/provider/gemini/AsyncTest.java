package dev.llmkit.provider.gemini;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AsyncTest {
  @RegisterExtension
  static final GeminiStub gemini = new GeminiStub();

  @Test
  void completesWithTheParsedResponseAndItsMetadata() throws Exception {
    gemini.on(GeminiStub.GENERATE, aResponse().withStatus(200)
        .withHeader("content-type", "application/json").withHeader("x-request-id", "req-async-1")
        .withBody(Fixtures.read("generate-text.json")));

    ProviderResponse response = Fixtures.provider(gemini.baseUrl()).respondAsync(Fixtures.hi()).get(10, TimeUnit.SECONDS);

    assertThat(response.message().text()).isEqualTo("The capital of France is Paris.");
    assertThat(response.metadata().requestId()).isEqualTo("req-async-1");
  }

  @Test
  void aRefusedConnectionIsAConnectionErrorNamingTheModel() throws IOException {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    ChatProvider provider = Fixtures.provider("http://127.0.0.1:" + port);

    assertThatThrownBy(() -> provider.respond(Fixtures.hi())).isInstanceOfSatisfying(LlmException.class, e -> {
      assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION);
      assertThat(e.model()).contains("gemini-2.5-flash");
    });
  }

  @Test
  void cancellingTheFutureAbortsTheExchange() throws Exception {
    // A bare loopback socket that takes the request and never answers shows whether the client hangs up.
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setSoTimeout(10_000);
      CompletableFuture<ProviderResponse> future =
          Fixtures.provider("http://127.0.0.1:" + listener.getLocalPort()).respondAsync(Fixtures.hi());
      try (Socket socket = listener.accept()) {
        socket.setSoTimeout(10_000);
        assertThat(requestLine(socket.getInputStream()))
            .isEqualTo("POST /v1beta/models/gemini-2.5-flash:generateContent HTTP/1.1");

        assertThat(future.cancel(true)).as("cancelled while pending, not after %s", future).isTrue();

        assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
        assertThat(readUntilClosed(socket.getInputStream())).as("the client closed the connection").isTrue();
      }
    }
  }

  private static String requestLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) != -1 && b != '\r') {
      line.append((char) b);
    }
    return line.toString();
  }

  /** Reads (and discards the rest of the request) until the peer closes or resets; false on a timeout. */
  private static boolean readUntilClosed(InputStream in) throws IOException {
    try {
      while (in.read() != -1) {
        // the headers and body still in flight
      }
      return true;
    } catch (SocketException reset) {
      return true;
    } catch (java.net.SocketTimeoutException stillOpen) {
      return false;
    }
  }
}
