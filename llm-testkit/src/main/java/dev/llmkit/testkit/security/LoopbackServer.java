package dev.llmkit.testkit.security;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * A JDK HTTP server on {@code 127.0.0.1} and a free port that answers every path with the
 * {@link Answer} the test set last, and records each request it received. Unlike the testkit's
 * {@link dev.llmkit.testkit.mock.MockLlmServer} it speaks no wire format: the test writes the exact
 * bytes, which is what the security checks need (HTML from a proxy, a redirect, an empty 200, a body
 * echoing the key).
 *
 * <pre>{@code
 * try (LoopbackServer server = new LoopbackServer()) {
 *   server.answer(ex -> LoopbackServer.json(ex, 401, "{\"error\":\"no\"}"));
 *   ... call the provider at server.base() ...
 *   assertThat(server.requests().poll(5, TimeUnit.SECONDS).header("Authorization")).isEqualTo("Bearer k");
 * }
 * }</pre>
 */
public final class LoopbackServer implements AutoCloseable {
  /** A request as the server saw it: its path, headers and body. */
  public record Received(String path, Map<String, List<String>> headers, String body) {
    /** The first value of a header, its name matched ignoring case, or {@code null} when it was not sent. */
    public @Nullable String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  /** Writes one answer; the server closes the exchange afterwards. */
  @FunctionalInterface
  public interface Answer {
    /** Writes the status line, headers and body of the answer. */
    void write(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "loopback");
    t.setDaemon(true);
    return t;
  });
  private final BlockingQueue<Received> requests = new LinkedBlockingQueue<>();
  private volatile Answer answer;

  /** A started server whose answer is an empty 200 until the test sets one. */
  public LoopbackServer() throws IOException {
    this(ex -> ex.sendResponseHeaders(200, -1));
  }

  /** A started server that answers with {@code initial} until the test sets another answer. */
  public LoopbackServer(Answer initial) throws IOException {
    answer = Objects.requireNonNull(initial, "initial");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext("/", ex -> {
      try {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Received(ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders()), body));
        answer.write(ex);
      } catch (IOException | RuntimeException ignored) {
        // the client may close mid-answer
      } finally {
        ex.close();
      }
    });
    server.start();
  }

  /** Answers every following request with {@code value}. */
  public void answer(Answer value) {
    answer = Objects.requireNonNull(value, "value");
  }

  /** The requests received so far, oldest first; a test may poll it to wait for one. */
  public BlockingQueue<Received> requests() {
    return requests;
  }

  /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Answers {@code status} with a JSON body ({@code application/json}); an empty body is sent as none. */
  public static void json(HttpExchange ex, int status, String body) throws IOException {
    text(ex, status, "application/json", body);
  }

  /** Answers {@code status} with a body of the given content type; an empty body is sent as none. */
  public static void text(HttpExchange ex, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      ex.getResponseBody().write(bytes);
    }
  }

  /** Answers 200 with a chunked body of the given content type (a stream), flushed, then ends it. */
  public static void stream(HttpExchange ex, String contentType, String body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    out.write(body.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Answers a redirect {@code status} to {@code location}. */
  public static void redirect(HttpExchange ex, int status, String location) throws IOException {
    ex.getResponseHeaders().set("Location", location);
    ex.sendResponseHeaders(status, -1);
  }
}
