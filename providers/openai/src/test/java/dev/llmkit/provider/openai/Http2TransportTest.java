package dev.llmkit.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.support.HttpClientExecutor;
import dev.llmkit.spi.support.HttpEventPublisher;
import dev.llmkit.spi.support.HttpExchanges;
import dev.llmkit.spi.support.ResponseAssembler;
import dev.llmkit.spi.support.SseDecoder;
import dev.llmkit.spi.support.StreamDecoder;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exchanges of a client on {@link HttpClientExecutor} complete from the body's subscriber, and the
 * JDK's own future of each never completes. Over HTTP/2 (as real providers are spoken to) streams
 * must still be released: hundreds of calls and streams in a row, and a burst at once, all complete on
 * one connection's stream budget.
 */
class Http2TransportTest {
  private static WireMockServer server;
  private static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    server = new WireMockServer(options().dynamicPort().dynamicHttpsPort().bindAddress("127.0.0.1"));
    server.start();
    server.stubFor(post(urlEqualTo("/complete")).willReturn(aResponse().withStatus(200).withBody("{\"ok\":true}")));
    server.stubFor(post(urlEqualTo("/stream")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/event-stream").withBody("data: a\n\ndata: b\n\ndata: [DONE]\n\n")));
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new javax.net.ssl.TrustManager[] {new TrustAll()}, null); // loopback, WireMock's own certificate
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(tls)
        .executor(HttpClientExecutor.create()).build();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create("https://localhost:" + server.httpsPort() + path))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
  }

  @Test
  void sixHundredCallsInARowOverHttp2AllComplete() throws Exception {
    for (int i = 0; i < 600; i++) {
      HttpClient.Version version = HttpExchanges.sendAsync(client, request("/complete"), "acme", "m", r -> {
        assertThat(new String(r.body())).isEqualTo("{\"ok\":true}");
        return r.version();
      }).get(10, TimeUnit.SECONDS);
      assertThat(version).isEqualTo(HttpClient.Version.HTTP_2);
    }
  }

  @Test
  void fourHundredStreamsInARowAndABurstOfAHundredCallsAllComplete() throws Exception {
    for (int i = 0; i < 400; i++) {
      assertThat(collect(request("/stream")).get(10, TimeUnit.SECONDS)).isEqualTo("ab");
    }
    List<CompletableFuture<?>> burst = new ArrayList<>();
    // Fewer at once than the server's stream limit (Jetty: 128): the JDK 17 client fails the rest of a
    // larger burst on one connection with "too many concurrent streams", whatever its executor.
    for (int i = 0; i < 50; i++) {
      burst.add(HttpExchanges.sendAsync(client, request("/complete"), "acme", "m", r -> r.statusCode()));
      burst.add(collect(request("/stream")));
    }
    for (CompletableFuture<?> f : burst) {
      f.get(20, TimeUnit.SECONDS);
    }
  }

  private static CompletableFuture<String> collect(HttpRequest request) {
    CompletableFuture<String> text = new CompletableFuture<>();
    StringBuilder sb = new StringBuilder();
    new HttpEventPublisher(client, request, Decoder::new,
        (status, headers, body) -> LlmException.builder(dev.llmkit.api.ErrorKind.SERVER_ERROR, "HTTP " + status).build(),
        "acme").subscribe(new Flow.Subscriber<>() {
          @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
          @Override public void onNext(ChatEvent e) { if (e instanceof ChatEvent.TextDelta t) { sb.append(t.text()); } }
          @Override public void onError(Throwable t) { text.completeExceptionally(t); }
          @Override public void onComplete() { text.complete(sb.toString()); }
        });
    return text;
  }

  private static final class Decoder implements StreamDecoder {
    private final SseDecoder sse = new SseDecoder();
    private final ResponseAssembler assembler = new ResponseAssembler();
    private boolean done;

    @Override
    public void feed(ByteBuffer buffer, Consumer<ChatEvent> out) {
      sse.feed(buffer, e -> {
        if (done) {
          return;
        }
        if ("[DONE]".equals(e.data())) {
          done = true;
          out.accept(new ChatEvent.Completed(assembler.build("acme", "m", FinishReason.STOP, "stop")));
        } else {
          out.accept(assembler.text(e.data()));
        }
      });
    }

    @Override
    public void finish(Consumer<ChatEvent> out) {
      if (!done) {
        throw LlmException.builder(dev.llmkit.api.ErrorKind.MALFORMED_RESPONSE, "truncated").build();
      }
    }

    @Override
    public ChatResponse partial() {
      return assembler.partial("acme", "m");
    }
  }

  /** Trusts any certificate, host name included: only for WireMock's on loopback. */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
    @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
  }
}
