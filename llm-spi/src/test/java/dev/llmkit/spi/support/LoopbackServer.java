package dev.llmkit.spi.support;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A JDK {@link HttpServer} on 127.0.0.1 with a free port, whose handlers write response bodies in
 * pieces the test controls. It records every request it receives and every handler failure.
 */
final class LoopbackServer implements AutoCloseable {

  /** A request as the server saw it. */
  record Received(String method, String path, Headers headers, String body) {}

  /** What a test writes for one exchange; it may block on latches between writes. */
  @FunctionalInterface
  interface Handler {
    void handle(HttpExchange exchange) throws Exception;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "loopback-handler");
    t.setDaemon(true);
    return t;
  });
  final BlockingQueue<Received> requests = new LinkedBlockingQueue<>();
  final List<Throwable> handlerFailures = new CopyOnWriteArrayList<>();

  LoopbackServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.start();
  }

  void handle(String path, Handler handler) {
    server.createContext(path, exchange -> {
      try {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
            exchange.getRequestHeaders(), body));
        handler.handle(exchange);
      } catch (Exception | Error e) {
        handlerFailures.add(e);
      } finally {
        exchange.close();
      }
    });
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Override
  public void close() {
    executor.shutdownNow(); // interrupts handlers still waiting on a latch
    server.stop(0);
  }

  // ---- what handlers write ----

  /** Sends 200 with a chunked {@code text/event-stream} body. */
  static void startStream(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
  }

  /** Writes and flushes, so that the piece leaves as its own chunk. */
  static void write(HttpExchange exchange, String piece) throws IOException {
    OutputStream out = exchange.getResponseBody();
    out.write(piece.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /**
   * Keeps writing events until a write fails because the client closed the connection; true when it
   * did within {@code max}. (The first write after a close may still succeed: the peer answers it
   * with a reset, which the next write sees.)
   */
  static boolean writeUntilClosed(HttpExchange exchange, Duration max) {
    long end = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < end) {
      try {
        write(exchange, "data: written-after-cancel\n\n");
      } catch (IOException closed) {
        return true;
      }
    }
    return false;
  }
}
