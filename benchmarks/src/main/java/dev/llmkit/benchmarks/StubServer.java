package dev.llmkit.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the OpenAI Chat Completions endpoint on loopback: {@code POST /v1/chat/completions}
 * answers a body containing {@code "stream":true} with the fixed SSE stream (chunked, as real servers
 * send it) and any other with the fixed JSON completion (with a Content-Length). Connections are kept
 * alive, so a benchmark measures requests, not TCP handshakes. Bodies are pre-built so the server's
 * share of each operation is small and identical for every client.
 */
public final class StubServer implements AutoCloseable {
  static final String PATH = "/v1/chat/completions";
  private static final String FLAKY_PREFIX = "/flaky";
  private final java.util.concurrent.atomic.AtomicLong flakyRequests = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong faults = new java.util.concurrent.atomic.AtomicLong();
  private static final byte[] STREAM_KEY = "\"stream\"".getBytes(StandardCharsets.US_ASCII);

  private final HttpServer server;
  private final ExecutorService executor;
  private final byte[] completion = StubResponses.completion();
  private final byte[] stream = StubResponses.stream();

  private StubServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static StubServer start() throws IOException {
    // Without TCP_NODELAY the server's separate header and body writes can meet delayed ACKs on
    // loopback and add tens of milliseconds. Read once, when the first HttpServer is created.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2048);
    ExecutorService executor = Executors.newFixedThreadPool(2, daemonThreads());
    StubServer stub = new StubServer(server, executor);
    server.createContext(PATH, stub::handle);
    server.createContext(FLAKY_PREFIX + PATH, stub::handleFlaky);
    server.setExecutor(executor);
    server.start();
    return stub;
  }

  /**
   * The base URL of the flaky twin: every third request fails (a 503 with an OpenAI error body, a
   * 429 with {@code Retry-After: 0}, or a proxy's 502 HTML page, in turn), the others
   * are answered as on {@link #baseUrl()}.
   */
  public String flakyBaseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + FLAKY_PREFIX + "/v1";
  }

  /** Requests the stub answered with a failure on purpose. */
  public long faultsServed() {
    return faults.get();
  }

  private void handleFlaky(HttpExchange exchange) throws IOException {
    long n = flakyRequests.incrementAndGet();
    if (n % 3 != 0) {
      handle(exchange);
      return;
    }
    faults.incrementAndGet();
    try (InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
    }
    switch ((int) (n / 3 % 3)) {
      case 0 -> error(exchange, 503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\",\"code\":null}}");
      case 1 -> {
        exchange.getResponseHeaders().set("Retry-After", "0");
        error(exchange, 429, "{\"error\":{\"message\":\"slow down\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}");
      }
      // A proxy's HTML error page. (A connection dropped without a status line is a fault too, but the
      // JDK's HttpServer keeps such connections' buffers, which would show as a leak of the stub's own;
      // the provider contract suite covers dropped connections with WireMock's faults.)
      default -> {
        byte[] page = "<html><body><h1>502 Bad Gateway</h1></body></html>".getBytes(StandardCharsets.US_ASCII);
        exchange.getResponseHeaders().set("Content-Type", "text/html");
        exchange.sendResponseHeaders(502, page.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(page);
        }
      }
    }
  }

  private static void error(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.US_ASCII);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** The base URL a client appends {@code /chat/completions} to. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      byte[] request;
      try (InputStream in = exchange.getRequestBody()) {
        request = in.readAllBytes(); // read fully, or the connection cannot be reused
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      boolean streaming = streamRequested(request);
      byte[] body = streaming ? stream : completion;
      exchange.getResponseHeaders().set("Content-Type", streaming ? "text/event-stream" : "application/json");
      if (streaming) {
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      }
      exchange.sendResponseHeaders(200, streaming ? 0 : body.length); // 0 = chunked
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } finally {
      exchange.close();
    }
  }

  /** Whether the body has {@code "stream": true}, however the client spaces its JSON. */
  private static boolean streamRequested(byte[] body) {
    outer:
    for (int i = 0; i <= body.length - STREAM_KEY.length; i++) {
      for (int j = 0; j < STREAM_KEY.length; j++) {
        if (body[i + j] != STREAM_KEY[j]) {
          continue outer;
        }
      }
      int k = i + STREAM_KEY.length;
      while (k < body.length && (body[k] == ' ' || body[k] == ':' || body[k] == '\n' || body[k] == '\r' || body[k] == '\t')) {
        k++;
      }
      return k + 4 <= body.length && body[k] == 't' && body[k + 1] == 'r' && body[k + 2] == 'u' && body[k + 3] == 'e';
    }
    return false;
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "stub-server-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
