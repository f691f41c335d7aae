package dev.llmkit.spi.support;

import static dev.llmkit.spi.support.TestSubscriber.WAIT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.net.httpserver.HttpServer;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transport findings of the reliability issue, against loopback servers: bounded bodies, redirects
 * never followed, empty 200s, what aborts an async exchange, and no thread per call.
 */
class HttpExchangesTest {
  private static final String PROVIDER = "acme";
  private static final String MODEL = "m1";
  /** Like llmkit's shared client: no redirects, its own executor. */
  static final HttpClient OWN = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER).executor(HttpClientExecutor.create()).build();
  /** A client as a user may build it: the JDK's default executor. */
  static final HttpClient PLAIN = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private LoopbackServer server;

  @BeforeEach
  void start() throws IOException {
    server = new LoopbackServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpRequest post(String path) {
    return HttpRequest.newBuilder(server.uri(path)).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
  }

  private static HttpClient client(String which) {
    return which.equals("own") ? OWN : PLAIN;
  }

  private static LlmException failure(CompletableFuture<?> f) {
    try {
      f.get(WAIT_SECONDS * 4, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return (LlmException) e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a failure");
  }

  /** Writes {@code total} bytes of {@code x} in 64 KiB pieces; true when the client closed the connection first. */
  private static boolean writeHuge(com.sun.net.httpserver.HttpExchange ex, long total) {
    byte[] piece = new byte[64 * 1024];
    Arrays.fill(piece, (byte) 'x');
    try {
      OutputStream out = ex.getResponseBody();
      for (long sent = 0; sent < total; sent += piece.length) {
        out.write(piece);
      }
      out.flush();
      return false;
    } catch (IOException closed) {
      return true;
    }
  }

  @Nested
  class BoundedBodies {

    @ParameterizedTest
    @ValueSource(strings = {"own", "plain"})
    void aFortyMegabyteBodyIsATypedErrorAndTheConnectionIsClosed_async(String which) throws Exception {
      AtomicBoolean closed = new AtomicBoolean();
      CountDownLatch serverDone = new CountDownLatch(1);
      server.handle("/big", ex -> {
        ex.sendResponseHeaders(200, 0); // chunked: no Content-Length to refuse it by
        closed.set(writeHuge(ex, 40L << 20));
        serverDone.countDown();
      });

      LlmException e = failure(HttpExchanges.sendAsync(client(which), post("/big"), PROVIDER, MODEL, r -> r.body().length));

      assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(e.retryable()).isFalse();
      assertThat(e.getMessage()).contains("32 MiB").contains(ReadLimits.MAX_RESPONSE_BYTES_PROPERTY);
      assertThat(e.provider()).contains(PROVIDER);
      assertThat(e.model()).contains(MODEL);
      assertThat(serverDone.await(WAIT_SECONDS * 4, TimeUnit.SECONDS)).isTrue();
      assertThat(closed).as("the client closed the connection before 40 MB were sent").isTrue();
    }

    @Test
    void aFortyMegabyteBodyIsATypedErrorOnABlockingSendToo() throws Exception {
      AtomicBoolean closed = new AtomicBoolean();
      CountDownLatch serverDone = new CountDownLatch(1);
      server.handle("/big", ex -> {
        ex.sendResponseHeaders(200, 0);
        closed.set(writeHuge(ex, 40L << 20));
        serverDone.countDown();
      });

      assertThatThrownBy(() -> HttpExchanges.send(OWN, post("/big"), PROVIDER, MODEL))
          .isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
            assertThat(e.getMessage()).contains(ReadLimits.MAX_RESPONSE_BYTES_PROPERTY);
            assertThat(e.model()).contains(MODEL);
          });
      assertThat(serverDone.await(WAIT_SECONDS * 4, TimeUnit.SECONDS)).isTrue();
      assertThat(closed).isTrue();
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBodyIsRead() {
      server.handle("/declared", ex -> {
        ex.sendResponseHeaders(200, 40L << 20);
        writeHuge(ex, 40L << 20);
      });

      assertThatThrownBy(() -> HttpExchanges.send(OWN, post("/declared"), PROVIDER, MODEL))
          .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE));
    }

    @Test
    void aBodyUnderTheLimitIsReadWhole() {
      byte[] body = new byte[3 << 20];
      Arrays.fill(body, (byte) 'y');
      server.handle("/ok", ex -> {
        ex.sendResponseHeaders(200, 0);
        ex.getResponseBody().write(body);
      });

      HttpResponse<byte[]> response = HttpExchanges.send(OWN, post("/ok"), PROVIDER, MODEL);

      assertThat(response.body()).hasSize(body.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"own", "plain"})
    void onlyTheStartOfAHugeErrorBodyIsKeptAndTheRestIsNotRead(String which) throws Exception {
      AtomicBoolean closed = new AtomicBoolean();
      CountDownLatch serverDone = new CountDownLatch(1);
      server.handle("/err", ex -> {
        ex.sendResponseHeaders(500, 0);
        closed.set(writeHuge(ex, 40L << 20));
        serverDone.countDown();
      });

      Integer length = HttpExchanges.sendAsync(client(which), post("/err"), PROVIDER, MODEL, r -> {
        assertThat(r.statusCode()).isEqualTo(500);
        return r.body().length;
      }).get(WAIT_SECONDS * 4, TimeUnit.SECONDS);

      assertThat(length).isEqualTo(ReadLimits.MAX_ERROR_BODY_BYTES);
      assertThat(serverDone.await(WAIT_SECONDS * 4, TimeUnit.SECONDS)).isTrue();
      assertThat(closed).isTrue();
    }
  }

  @Nested
  class Redirects {

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void aRedirectIsAnErrorNamingTheOriginOfTheLocationNeverItsQuery(int status) throws Exception {
      try (LoopbackServer other = new LoopbackServer()) {
        other.handle("/", ex -> ex.sendResponseHeaders(200, -1));
        String location = other.uri("/v1/chat?token=sk-leaked0123456789&x=1").toString();
        server.handle("/moved", ex -> {
          ex.getResponseHeaders().set("Location", location);
          ex.sendResponseHeaders(status, -1);
        });
        HttpRequest request = HttpRequest.newBuilder(server.uri("/moved"))
            .header("Authorization", "Bearer sk-secret-0123456789")
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build();

        LlmException sync = (LlmException) org.assertj.core.api.Assertions.catchThrowable(
            () -> HttpExchanges.send(OWN, request, PROVIDER, MODEL));
        LlmException async = failure(HttpExchanges.sendAsync(OWN, request, PROVIDER, MODEL, r -> r));

        for (LlmException e : List.of(sync, async)) {
          assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
          assertThat(e.httpStatus()).hasValue(status);
          assertThat(e.retryable()).isFalse();
          assertThat(e.getMessage()).contains("http://127.0.0.1:" + other.uri("/").getPort())
              .contains("another origin").doesNotContain("token").doesNotContain("sk-").doesNotContain("/v1/chat");
        }
        assertThat(other.requests).isEmpty();
      }
    }

    @Test
    void aRedirectToTheSameOriginSaysSo() {
      server.handle("/moved", ex -> {
        ex.getResponseHeaders().set("Location", "/v2/chat");
        ex.sendResponseHeaders(308, -1);
      });

      assertThatThrownBy(() -> HttpExchanges.send(OWN, post("/moved"), PROVIDER, MODEL))
          .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.getMessage()).contains("same origin"));
    }
  }

  @Nested
  class EmptyAnswers {

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "  \r\n"})
    void anEmpty200IsARetryableMalformedResponseOnBothPaths(String body) throws Exception {
      server.handle("/empty", ex -> {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
        ex.getResponseBody().write(bytes);
      });

      LlmException sync = (LlmException) org.assertj.core.api.Assertions.catchThrowable(
          () -> HttpExchanges.send(OWN, post("/empty"), PROVIDER, MODEL));
      LlmException async = failure(HttpExchanges.sendAsync(OWN, post("/empty"), PROVIDER, MODEL, r -> r));

      for (LlmException e : List.of(sync, async)) {
        assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).isEqualTo("acme answered HTTP 200 with an empty body");
      }
    }
  }

  @Nested
  class Aborting {

    /** A raw server that reads one request, never answers, and reports when the client closes. */
    private final class SilentServer implements AutoCloseable {
      final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
      final CountDownLatch requestRead = new CountDownLatch(1);
      final CountDownLatch clientClosed = new CountDownLatch(1);
      private final ExecutorService thread = Executors.newSingleThreadExecutor();

      SilentServer() throws IOException {
        thread.submit(() -> {
          try (Socket socket = listener.accept()) {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
              int b = in.read();
              if (b < 0) {
                return null;
              }
              head.write(b);
            }
            in.readNBytes(2); // the body, "{}"
            requestRead.countDown();
            if (in.read() < 0) {
              clientClosed.countDown();
            }
          }
          return null;
        });
      }

      URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/");
      }

      @Override
      public void close() throws IOException {
        thread.shutdownNow();
        listener.close();
      }
    }

    private HttpRequest postTo(URI uri) {
      return HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"own", "plain"})
    void orTimeoutOnTheReturnedFutureAbortsTheExchange(String which) throws Exception {
      try (SilentServer silent = new SilentServer()) {
        CompletableFuture<Object> call = HttpExchanges.<Object>sendAsync(client(which), postTo(silent.uri()), PROVIDER, MODEL, r -> r)
            .orTimeout(300, TimeUnit.MILLISECONDS);

        assertThat(silent.requestRead.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> call.get(WAIT_SECONDS, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutException.class);
        assertThat(silent.clientClosed.await(WAIT_SECONDS, TimeUnit.SECONDS))
            .as("the server saw the connection close").isTrue();
      }
    }

    @Test
    void cancellingTheReturnedFutureAbortsTheExchange() throws Exception {
      try (SilentServer silent = new SilentServer()) {
        CompletableFuture<Object> call = HttpExchanges.sendAsync(OWN, postTo(silent.uri()), PROVIDER, MODEL, r -> r);
        assertThat(silent.requestRead.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        call.cancel(true);

        assertThat(silent.clientClosed.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(call::join).isInstanceOf(CancellationException.class);
      }
    }

    @Test
    void completeOnTimeoutAbortsTheExchangeAndKeepsTheFallback() throws Exception {
      try (SilentServer silent = new SilentServer()) {
        CompletableFuture<Object> call = HttpExchanges.<Object>sendAsync(OWN, postTo(silent.uri()), PROVIDER, MODEL, r -> r)
            .completeOnTimeout("fallback", 300, TimeUnit.MILLISECONDS);

        assertThat(call.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("fallback");
        assertThat(silent.clientClosed.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
      }
    }

    @Test
    void aCancelAfterTheAnswerChangesNothing() throws Exception {
      server.handle("/ok", ex -> {
        ex.sendResponseHeaders(200, 2);
        ex.getResponseBody().write("{}".getBytes(StandardCharsets.UTF_8));
      });
      CompletableFuture<Integer> call = HttpExchanges.sendAsync(OWN, post("/ok"), PROVIDER, MODEL, r -> r.statusCode());

      assertThat(call.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(200);
      assertThat(call.cancel(true)).isFalse();
      assertThat(call.join()).isEqualTo(200);
    }
  }

  @Nested
  class ErrorsAreScrubbed {

    @Test
    void everyErrorOfAnAsyncCallGoesThroughTheRedactor() {
      String key = "gateway-key-0123456789abcdef";
      server.handle("/echo", ex -> {
        ex.sendResponseHeaders(200, 2);
        ex.getResponseBody().write("{}".getBytes(StandardCharsets.UTF_8));
      });
      Redactor redactor = new Redactor(Secret.of(key));

      LlmException e = failure(HttpExchanges.sendAsync(OWN, post("/echo"), PROVIDER, MODEL, redactor, r -> {
        throw LlmException.builder(ErrorKind.MALFORMED_RESPONSE, "bad body quoting " + key)
            .cause(new IllegalStateException("parser saw " + key)).build();
      }));

      assertThat(e.getMessage()).doesNotContain(key).contains("****");
      assertThat(e.getCause()).hasMessageNotContaining(key);
    }

    @Test
    void aBlockingCallScrubsToo() {
      String key = "gateway-key-0123456789abcdef";
      server.handle("/echo", ex -> {
        ex.sendResponseHeaders(200, 2);
        ex.getResponseBody().write("{}".getBytes(StandardCharsets.UTF_8));
      });

      assertThatThrownBy(() -> HttpExchanges.send(OWN, post("/echo"), PROVIDER, MODEL, new Redactor(Secret.of(key)), r -> {
        throw new IllegalStateException("a provider bug quoting " + key);
      })).hasMessageNotContaining(key).hasMessageContaining("****");
    }
  }

  @Nested
  class Threads {
    private HttpServer fixedServer;
    private ThreadPoolExecutor serverPool;

    @BeforeEach
    void startFixedServer() throws IOException {
      // A server whose threads all exist before the count starts, so that only the client's are counted.
      serverPool = (ThreadPoolExecutor) Executors.newFixedThreadPool(4);
      serverPool.prestartAllCoreThreads();
      fixedServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
      fixedServer.setExecutor(serverPool);
      fixedServer.createContext("/", ex -> {
        ex.getRequestBody().readAllBytes();
        byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
      });
      fixedServer.start();
    }

    @AfterEach
    void stopFixedServer() {
      fixedServer.stop(0);
      serverPool.shutdownNow();
    }

    private long startedThreadsDuring(HttpClient client, int calls) throws Exception {
      URI uri = URI.create("http://127.0.0.1:" + fixedServer.getAddress().getPort() + "/");
      HttpExchanges.sendAsync(client, postTo(uri), PROVIDER, MODEL, HttpResponse::statusCode).get(WAIT_SECONDS, TimeUnit.SECONDS);
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long before = threads.getTotalStartedThreadCount();
      List<CompletableFuture<Integer>> all = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        all.add(HttpExchanges.sendAsync(client, postTo(uri), PROVIDER, MODEL, HttpResponse::statusCode)
            .thenApply(status -> status)); // a dependent stage, as callers add them
      }
      for (CompletableFuture<Integer> f : all) {
        assertThat(f.get(WAIT_SECONDS * 4, TimeUnit.SECONDS)).isEqualTo(200);
      }
      return threads.getTotalStartedThreadCount() - before;
    }

    private HttpRequest postTo(URI uri) {
      return HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    }

    @Test
    void twoHundredConcurrentCallsOnTheOwnExecutorStartFewThreads() throws Exception {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .executor(HttpClientExecutor.create()).build();

      long started = startedThreadsDuring(client, 200);

      // A handful on a quiet machine; on a loaded one the pool adds spares for workers blocked in the JDK
      // client's own joins (measured up to 46). Either way far from one per call, which is what this guards.
      assertThat(started).as("threads started for 200 concurrent calls").isLessThan(64);
    }

    /**
     * The finding itself: with the JDK's hand-off to {@code CompletableFuture}'s default executor, a
     * machine whose common pool has one thread starts a thread per call. Runs only on such a machine.
     */
    @Test
    void onASmallMachineAPlainClientStartsAThreadPerCall() throws Exception {
      assumeThat(ForkJoinPool.getCommonPoolParallelism()).isLessThanOrEqualTo(1);

      long started = startedThreadsDuring(PLAIN, 200);

      assertThat(started).isGreaterThanOrEqualTo(150);
    }
  }

  @Test
  void theOwnExecutorIsRecognisedAndItsThreadsAreNamedDaemons() throws Exception {
    assertThat(HttpClientExecutor.isOwn(OWN)).isTrue();
    assertThat(HttpClientExecutor.isOwn(PLAIN)).isFalse();
    CompletableFuture<Thread> ran = new CompletableFuture<>();
    OWN.executor().orElseThrow().execute(() -> ran.complete(Thread.currentThread()));
    Thread thread = ran.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(thread.getName()).startsWith(HttpClientExecutor.THREAD_PREFIX);
    assertThat(thread.isDaemon()).isTrue();
  }

  @SuppressWarnings("unused")
  private static void unused(Future<?> f, CompletionException e, Duration d) {}
}
