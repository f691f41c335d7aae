package dev.llmkit.provider.ollama;

import static dev.llmkit.provider.ollama.Fixtures.answer;
import static dev.llmkit.provider.ollama.Fixtures.json;
import static dev.llmkit.provider.ollama.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AsyncTest {
  @RegisterExtension
  static final WireMockExtension server = Fixtures.server();

  @Test
  void completesWithTheParsedAnswer() throws Exception {
    answer(server, json(200, Fixtures.read("chat-text.json")));

    ProviderResponse response =
        Fixtures.provider(server.baseUrl()).respondAsync(request(Fixtures.HI)).get(10, TimeUnit.SECONDS);

    assertThat(response.message().text()).startsWith("The sky looks blue");
    assertThat(Fixtures.sentBody(server).get("stream").asBoolean(true)).isFalse();
  }

  @Test
  void cancellingTheFutureClosesTheConnection() throws Exception {
    // A bare loopback socket that never answers shows whether the client hangs up.
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setSoTimeout(10_000);
      ChatProvider provider = Fixtures.provider("http://127.0.0.1:" + listener.getLocalPort());
      CompletableFuture<ProviderResponse> future = provider.respondAsync(request(Fixtures.HI));
      try (Socket socket = listener.accept()) {
        socket.setSoTimeout(10_000);

        assertThat(future.cancel(true)).isTrue();

        assertThat(future).isCancelled();
        assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
        // Reads to the end of what was sent: it ends only when the client closes (else: a timeout after 10 s).
        assertThat(readUntilClosed(socket.getInputStream())).satisfiesAnyOf(
            sent -> assertThat(sent).isEmpty(),
            sent -> assertThat(sent).startsWith("POST /api/chat HTTP/1.1"));
      }
    }
  }

  private static String readUntilClosed(InputStream in) throws IOException {
    try {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (SocketException reset) {
      return ""; // a reset is a hang-up too
    }
  }
}
