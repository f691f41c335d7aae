package dev.llmkit.provider.anthropic;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.Message;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderContext;
import dev.llmkit.spi.ProviderFactory;
import dev.llmkit.spi.ProviderRequest;
import dev.llmkit.spi.support.HttpClientExecutor;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * What the security and transport tests of this provider share: a loopback server whose answer the
 * test sets, a provider context on a client configured like llmkit's shared one (no redirects, its own
 * executor), and this provider's wire shapes. Kept the same in every provider module.
 */
final class SecurityFixtures {
  /** A recognisable fake key that no pattern would catch: only the configured-key redaction can. */
  static final String KEY = "HUNTKEY-7f3a9c2e1b5d4f60a8e2c7d9";
  /** A recognisable secret in an extra header. */
  static final String HEADER_SECRET = "HDRSECRET-55aa77bb99cc11dd";
  static final String HEADER = "X-Gateway-Token";

  static final ProviderFactory FACTORY = new AnthropicProviderFactory();
  static final String MODEL = "claude-sonnet-4-5";
  /** The header the key travels in, and its value for {@link #KEY}. */
  static final String KEY_HEADER = "x-api-key";
  static final String KEY_HEADER_VALUE = "" + KEY;
  static final boolean NDJSON = false;

  /** A successful non-streaming answer "hi". */
  static final String OK_BODY = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}";
  /** A successful stream answering "hi". */
  static final String OK_STREAM = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude-sonnet-4-5\",\"usage\":{\"input_tokens\":1,\"output_tokens\":0}}}\n\n"
      + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
      + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"hi\"}}\n\n"
      + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
      + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":1}}\n\n"
      + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

  /** An error body in a shape every provider reads, its message echoing the key and the header secret. */
  static String errorBody(String type, int code, String status) {
    return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"Incorrect API key provided: " + KEY
        + "; header " + HEADER_SECRET + "\",\"code\":" + code + ",\"status\":\"" + status + "\"},\"request_id\":\"req_1\"}";
  }

  /** A stream chunk that is not JSON and echoes both secrets. */
  static String badChunk() {
    return NDJSON ? "not json " + KEY + " " + HEADER_SECRET + "\n" : "data: not json " + KEY + " " + HEADER_SECRET + "\n\n";
  }

  /** An in-band error event echoing both secrets. */
  static String errorEvent() {
    String json = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"echo " + KEY + " "
        + HEADER_SECRET + "\",\"code\":500,\"status\":\"INTERNAL\"}}";
    return NDJSON ? "{\"error\":\"echo " + KEY + " " + HEADER_SECRET + "\"}\n" : "event: error\ndata: " + json + "\n\n";
  }

  static final ChatRequest HI = ChatRequest.of(Message.user("hi"));

  private SecurityFixtures() {}

  static ProviderRequest request(ChatRequest chat) {
    return ProviderRequest.of(FACTORY.describeModel(MODEL), chat);
  }

  static String baseUrl(Loopback server) {
    return server.base() + "";
  }

  static LlmConfig.Builder config(Loopback server) {
    return LlmConfig.builder().model(FACTORY.id() + "/" + MODEL).apiKey(KEY).baseUrl(baseUrl(server))
        .extraHeader(HEADER, HEADER_SECRET);
  }

  static ChatProvider provider(Loopback server) {
    return provider(server, b -> b);
  }

  static ChatProvider provider(Loopback server, UnaryOperator<LlmConfig.Builder> tweak) {
    return FACTORY.create(tweak.apply(config(server)).build(), new Context(Map.of(), System.getLogger("dev.llmkit.test")));
  }

  /** A client configured like llmkit's shared one. */
  static final HttpClient CLIENT = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER)
      .executor(HttpClientExecutor.create())
      .build();

  /** The host's services, on {@link #CLIENT}. */
  record Context(Map<String, String> environment, System.Logger logger) implements ProviderContext {
    @Override public HttpClient httpClient() { return CLIENT; }
    @Override public Clock clock() { return Clock.systemUTC(); }
    @Override public Executor executor() { return Runnable::run; }
    @Override public Optional<String> env(String name) { return Optional.ofNullable(environment.get(name)); }
  }

  /** Everything a stream delivered and how it ended. */
  record Collected(List<ChatEvent> events, Throwable error) {}

  static Collected collect(Flow.Publisher<ChatEvent> publisher) {
    List<ChatEvent> events = new ArrayList<>();
    Throwable[] error = new Throwable[1];
    CountDownLatch done = new CountDownLatch(1);
    publisher.subscribe(new Flow.Subscriber<>() {
      @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
      @Override public void onNext(ChatEvent item) { synchronized (events) { events.add(item); } }
      @Override public void onError(Throwable t) { error[0] = t; done.countDown(); }
      @Override public void onComplete() { done.countDown(); }
    });
    try {
      if (!done.await(20, TimeUnit.SECONDS)) {
        throw new AssertionError("the stream did not end within 20 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    synchronized (events) {
      return new Collected(List.copyOf(events), error[0]);
    }
  }

  /** A JDK HTTP server on 127.0.0.1 answering every path with what the test set last. */
  static final class Loopback implements AutoCloseable {
    /** A request as the server saw it. */
    record Received(String path, Map<String, List<String>> headers, String body) {
      String header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
          if (e.getKey().equalsIgnoreCase(name)) {
            return e.getValue().get(0);
          }
        }
        return null;
      }
    }

    /** Writes one answer. */
    @FunctionalInterface
    interface Answer {
      void write(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "loopback");
      t.setDaemon(true);
      return t;
    });
    final BlockingQueue<Received> requests = new LinkedBlockingQueue<>();
    private volatile Answer answer = ex -> json(ex, 200, OK_BODY);

    Loopback() throws IOException {
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

    void answer(Answer value) {
      answer = value;
    }

    String base() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
      executor.shutdownNow();
    }

    static void json(HttpExchange ex, int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        ex.getResponseBody().write(bytes);
      }
    }

    static void text(HttpExchange ex, int status, String contentType, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", contentType);
      ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        ex.getResponseBody().write(bytes);
      }
    }

    static void stream(HttpExchange ex, String body) throws IOException {
      ex.getResponseHeaders().set("Content-Type", NDJSON ? "application/x-ndjson" : "text/event-stream");
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      out.write(body.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    static void redirect(HttpExchange ex, int status, String location) throws IOException {
      ex.getResponseHeaders().set("Location", location);
      ex.sendResponseHeaders(status, -1);
    }
  }
}
