package dev.llmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.core.fake.HttpLoopbackProviderFactory;
import dev.llmkit.core.internal.SharedHttpClient;
import dev.llmkit.spi.support.HttpClientExecutor;
import dev.llmkit.spi.support.HttpExchanges;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared HTTP client's transport findings, end to end through {@link Llms}: no redirect is followed
 * (so no credential reaches another origin), and no call or stream starts a thread of its own.
 */
class TransportTest {
  private HttpServer server;
  private HttpServer other;
  private ThreadPoolExecutor serverThreads;
  private final BlockingQueue<Map<String, List<String>>> otherSaw = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() throws IOException {
    serverThreads = (ThreadPoolExecutor) Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "transport-test-server");
      t.setDaemon(true);
      return t;
    });
    serverThreads.prestartAllCoreThreads(); // so that only the client's threads are counted
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
    server.setExecutor(serverThreads);
    server.createContext("/complete", ex -> {
      ex.getRequestBody().readAllBytes();
      byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.createContext("/stream", ex -> {
      ex.getRequestBody().readAllBytes();
      ex.getResponseHeaders().set("Content-Type", "text/event-stream");
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      out.write("data: hel\n\ndata: lo\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
      ex.close();
    });
    server.start();
    other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    other.createContext("/", ex -> {
      otherSaw.add(Map.copyOf(ex.getRequestHeaders()));
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    other.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    other.stop(0);
    serverThreads.shutdownNow();
  }

  private String base(HttpServer s) {
    return "http://127.0.0.1:" + s.getAddress().getPort();
  }

  private Llm llm() {
    return Llms.builder()
        .config(LlmConfig.builder().model("loop/loop-1").baseUrl(base(server)).apiKey("sk-loop-0123456789").build())
        .registry(PluginRegistry.of(List.of(new HttpLoopbackProviderFactory()), List.of()))
        .build();
  }

  @Test
  void theSharedClientFollowsNoRedirectAndRunsOnItsOwnExecutor() {
    HttpClient shared = SharedHttpClient.get();

    assertThat(shared.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
    assertThat(HttpClientExecutor.isOwn(shared)).isTrue();
  }

  @Test
  void aRedirectToAnotherOriginNeverReceivesTheAuthorizationXApiKeyOrXGoogApiKeyHeader() throws Exception {
    server.createContext("/moved", ex -> {
      ex.getRequestBody().readAllBytes();
      ex.getResponseHeaders().set("Location", base(other) + "/stolen?x=1");
      ex.sendResponseHeaders(307, -1);
      ex.close();
    });
    HttpRequest request = HttpRequest.newBuilder(URI.create(base(server) + "/moved"))
        .header("Authorization", "Bearer sk-secret-0123456789")
        .header("x-api-key", "sk-ant-secret-0123456789")
        .header("x-goog-api-key", "AIzaSecret0123456789abcdefghijklmnopqrs")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build();

    Throwable sync = catchThrowable(() -> HttpExchanges.send(SharedHttpClient.get(), request, "acme", "m"));
    Throwable async = catchThrowable(() ->
        HttpExchanges.sendAsync(SharedHttpClient.get(), request, "acme", "m", r -> r).join());

    assertThat(sync).isInstanceOfSatisfying(LlmException.class, e -> {
      assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
      assertThat(e.getMessage()).contains(base(other)).doesNotContain("stolen");
    });
    assertThat(async).hasCauseInstanceOf(LlmException.class);
    assertThat(otherSaw.poll(300, TimeUnit.MILLISECONDS)).as("the other origin received a request").isNull();
  }

  /** Why: a client that follows redirects, as the shared one did, hands the credentials on. */
  @Test
  void aClientThatFollowsRedirectsWouldSendTheCredentialsToTheOtherOrigin() throws Exception {
    server.createContext("/moved", ex -> {
      ex.getRequestBody().readAllBytes();
      ex.getResponseHeaders().set("Location", base(other) + "/stolen");
      ex.sendResponseHeaders(307, -1);
      ex.close();
    });
    HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    following.send(HttpRequest.newBuilder(URI.create(base(server) + "/moved")).header("x-api-key", "sk-ant-secret")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());

    Map<String, List<String>> headers = otherSaw.poll(5, TimeUnit.SECONDS);
    assertThat(headers).isNotNull();
    assertThat(headers.get("X-api-key")).containsExactly("sk-ant-secret");
  }

  @Test
  void twoHundredConcurrentCompleteAsyncCallsStartFewerThanTwentyThreads() throws Exception {
    try (Llm llm = llm()) {
      assertThat(llm.completeAsync(ChatRequest.of(Message.user("warm up"))).get(10, TimeUnit.SECONDS).text())
          .isEqualTo("hello");
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long before = threads.getTotalStartedThreadCount();

      List<CompletableFuture<ChatResponse>> calls = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        calls.add(llm.completeAsync(ChatRequest.of(Message.user("hi " + i))));
      }
      for (CompletableFuture<ChatResponse> call : calls) {
        assertThat(call.get(30, TimeUnit.SECONDS).text()).isEqualTo("hello");
      }

      assertThat(threads.getTotalStartedThreadCount() - before).as("threads started by 200 calls").isLessThan(20);
    }
  }

  @Test
  void twoHundredConcurrentStreamsStartFewerThanTwentyThreads() throws Exception {
    try (Llm llm = llm()) {
      try (ChatStream warm = llm.stream(ChatRequest.of(Message.user("warm up")))) {
        assertThat(warm.collect().text()).isEqualTo("hello");
      }
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long before = threads.getTotalStartedThreadCount();

      List<CompletableFuture<String>> streams = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        CompletableFuture<String> text = new CompletableFuture<>();
        StringBuilder sb = new StringBuilder();
        llm.stream(ChatRequest.of(Message.user("hi " + i))).subscribe(new java.util.concurrent.Flow.Subscriber<>() {
          @Override public void onSubscribe(java.util.concurrent.Flow.Subscription s) { s.request(Long.MAX_VALUE); }
          @Override public void onNext(ChatEvent e) { if (e instanceof ChatEvent.TextDelta t) { sb.append(t.text()); } }
          @Override public void onError(Throwable t) { text.completeExceptionally(t); }
          @Override public void onComplete() { text.complete(sb.toString()); }
        });
        streams.add(text);
      }
      for (CompletableFuture<String> s : streams) {
        assertThat(s.get(30, TimeUnit.SECONDS)).isEqualTo("hello");
      }

      assertThat(threads.getTotalStartedThreadCount() - before).as("threads started by 200 streams").isLessThan(20);
    }
  }

  /**
   * {@code completeAsync(r).orTimeout(...)}: the JDK idiom completes the returned future from outside.
   * The SPI's futures abort their exchange then ({@code HttpExchangesTest}); the engine's future must pass
   * it on to the call's cancellation, which is {@code DefaultLlm}'s to do.
   */
  @Test
  void orTimeoutOnTheFutureOfCompleteAsyncAbortsTheExchange() throws Exception {
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"));
        Llm llm = Llms.builder()
            .config(LlmConfig.builder().model("loop/loop-1").baseUrl("http://127.0.0.1:" + silent.getLocalPort())
                .numRetries(0).build())
            .registry(PluginRegistry.of(List.of(new HttpLoopbackProviderFactory()), List.of()))
            .build()) {
      CompletableFuture<ChatResponse> call = llm.completeAsync(ChatRequest.of(Message.user("hi")))
          .orTimeout(300, TimeUnit.MILLISECONDS);
      try (java.net.Socket socket = silent.accept()) {
        socket.setSoTimeout(5_000);
        java.io.InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        int n;
        // Reads the request, then waits: -1 means the client closed the connection.
        while ((n = in.read(buffer)) >= 0) {
          assertThat(n).isNotNegative();
        }
      }
      assertThat(catchThrowable(call::join)).hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
    }
  }
}
