package dev.llmkit.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.ChatProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AsyncTest {
  @RegisterExtension
  static final StubServer server = new StubServer();

  private static ChatRequest hello() {
    return ChatRequest.builder().user("Hi").build();
  }

  @Test
  void completesWithTheParsedResponse() throws Exception {
    server.answerJson(Fixtures.read("message-text.json"));
    ChatResponse response = Fixtures.provider(server.baseUrl())
        .completeAsync(Fixtures.request("claude-3-5-sonnet-20241022", hello())).get(10, TimeUnit.SECONDS);
    assertThat(response.text()).isEqualTo("Hi! My name is Claude.");
    assertThat(server.sentBody().get("max_tokens").asInt()).isEqualTo(8192);
  }

  @Test
  void failsWithTheMappedError() {
    server.answerError(529, "application/json",
        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
    CompletableFuture<ChatResponse> future =
        Fixtures.provider(server.baseUrl()).completeAsync(Fixtures.request("claude-sonnet-4-5", hello()));
    assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED));
  }

  @Test
  void aRefusedConnectionIsAConnectionError() throws IOException {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    ChatProvider provider = Fixtures.provider("http://127.0.0.1:" + port);
    assertThatThrownBy(() -> provider.complete(Fixtures.request("claude-sonnet-4-5", hello())))
        .isInstanceOfSatisfying(LlmException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION);
          assertThat(e.model()).contains("claude-sonnet-4-5");
        });
  }

  @Test
  void cancellingTheFutureAbortsTheExchange() throws Exception {
    // A bare loopback socket that reads the request and never answers shows whether the client hangs up.
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setSoTimeout(10_000);
      ChatProvider provider = Fixtures.provider("http://127.0.0.1:" + listener.getLocalPort());
      CompletableFuture<ChatResponse> future = provider.completeAsync(Fixtures.request("claude-sonnet-4-5", hello()));
      try (Socket socket = listener.accept()) {
        socket.setSoTimeout(10_000);
        String request = readRequest(socket.getInputStream());
        assertThat(request).startsWith("POST /v1/messages HTTP/1.1");

        assertThat(future.cancel(true)).isTrue();

        assertThat(future).isCancelled();
        assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
        assertThat(readAfterCancel(socket.getInputStream())).as("the client closed the connection").isEqualTo(-1);
      }
    }
  }

  private static int readAfterCancel(InputStream in) throws IOException {
    try {
      return in.read();
    } catch (SocketException reset) {
      return -1; // a reset is a hang-up too
    }
  }

  /** Reads request headers and the body announced by content-length. */
  private static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      head.write(b);
      byte[] h = head.toByteArray();
      int n = h.length;
      if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
        break;
      }
    }
    String headers = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    in.readNBytes(length);
    return headers;
  }
}
