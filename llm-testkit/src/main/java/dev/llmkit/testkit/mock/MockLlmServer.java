package dev.llmkit.testkit.mock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A mock LLM server on loopback (a WireMock server on a free port) that speaks the wire formats of the
 * {@link WireDialect dialects} it mounts: by default OpenAI Chat Completions, Anthropic Messages,
 * Gemini and Ollama ({@link WireDialects#all()}). Point a provider at {@link #baseUrl(WireDialect)},
 * queue {@link MockReply scripted replies}, make calls, then assert on what the provider sent with
 * {@link #requests()}.
 *
 * <pre>{@code
 * try (MockLlmServer mock = MockLlmServer.start()) {
 *   mock.reply(MockReply.text("Hello"), MockReply.toolCall("get_weather", "{\"city\":\"Paris\"}"));
 *   Llm llm = Llms.builder()
 *       .config(LlmConfig.builder().model("anthropic/claude-sonnet-4-5")
 *           .baseUrl(mock.baseUrl(WireDialects.anthropic())).apiKey("test-key").build())
 *       .env(Map.of())
 *       .build();
 *   llm.complete(ChatRequest.of(Message.user("Hi")));          // "Hello"
 *   assertThat(mock.lastRequest().view().apiKey()).isEqualTo("test-key");
 * }
 * }</pre>
 *
 * <p>Each request goes to the first mounted dialect whose {@link WireDialect#paths() paths} match its
 * path (any prefix is accepted, so OpenAI-compatible base URLs such as {@code /api/v1} work too). A
 * request no dialect serves gets a 404 whose body names the mounted dialects and their paths. A
 * request to a dialect's token-counting endpoint gets an estimate and does not take a scripted reply.
 *
 * <p>Replies are taken in order from one queue shared by all dialects; a request that finds the queue
 * empty is answered by the {@link #fallback(MockResponder) fallback responder}, which by default echoes
 * the last user message ({@link MockResponder#echo()}), so ad-hoc programs work without scripting. A
 * request that asks for a stream gets the reply as the dialect's stream (SSE, NDJSON).
 *
 * <p>Thread-safe. Not for production: it binds to 127.0.0.1 only.
 */
public final class MockLlmServer implements AutoCloseable {
  // Stalled replies hold a server thread for their window, so leave room for several at once.
  private static final int SERVER_THREADS = 64;

  private final WireMockServer wireMock;
  private final List<WireDialect> dialects;
  private final Queue<MockReply> replies = new ConcurrentLinkedQueue<>();
  private final List<RecordedRequest> requests = new ArrayList<>();
  private volatile MockResponder fallback = MockResponder.echo();
  private volatile boolean closed;

  /**
   * The two formats the server spoke before dialects were pluggable.
   *
   * @deprecated use {@link WireDialects#openAi()} and {@link WireDialects#anthropic()}.
   */
  @Deprecated
  public enum WireFormat {
    /** OpenAI Chat Completions. */
    OPENAI(WireDialects.openAi()),
    /** Anthropic Messages. */
    ANTHROPIC(WireDialects.anthropic());

    private final WireDialect dialect;

    WireFormat(WireDialect dialect) {
      this.dialect = dialect;
    }

    /** The endpoint path, e.g. {@code /v1/chat/completions}. */
    public String path() {
      return dialect.requestPath("", false);
    }

    /** The dialect of this format. */
    public WireDialect dialect() {
      return dialect;
    }
  }

  private MockLlmServer(List<WireDialect> mounted) {
    dialects = List.copyOf(mounted);
    if (dialects.isEmpty()) {
      throw new IllegalArgumentException("mount at least one wire dialect");
    }
    ReplyTransformer transformer = new ReplyTransformer(new ReplyTransformer.Script() {
      @Override
      public void record(RecordedRequest request) {
        synchronized (requests) {
          requests.add(request);
          requests.notifyAll();
        }
      }

      @Override
      public MockReply next(RecordedRequest request) {
        MockReply scripted = replies.poll();
        return scripted != null ? scripted : fallback.respond(request);
      }
    }, dialects);
    wireMock = new WireMockServer(options()
        .dynamicPort()
        .bindAddress("127.0.0.1")
        .containerThreads(SERVER_THREADS)
        .disableRequestJournal()
        .gzipDisabled(true)
        .extensions(transformer));
    wireMock.start();
    // One stub for everything: the transformer matches dialects by path, and answers the rest with a 404.
    wireMock.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(ReplyTransformer.NAME)));
  }

  /** Starts a server on a free loopback port with every built-in dialect. Close it when done. */
  public static MockLlmServer start() {
    return new MockLlmServer(WireDialects.all());
  }

  /** Starts a server that speaks only the given dialects (the first whose paths match serves a request). */
  public static MockLlmServer start(WireDialect... dialects) {
    return new MockLlmServer(List.of(dialects));
  }

  /** The dialects this server speaks, in matching order. */
  public List<WireDialect> dialects() {
    return dialects;
  }

  /** The server root, {@code http://127.0.0.1:PORT}. */
  public String rootUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** The OpenAI base URL, {@code http://127.0.0.1:PORT/v1}. */
  public String baseUrl() {
    return baseUrl(WireDialects.openAi());
  }

  /**
   * The base URL a provider of the given dialect is configured with, e.g. {@code http://127.0.0.1:PORT/v1}
   * for OpenAI (which appends {@code /chat/completions}), {@code http://127.0.0.1:PORT} for Anthropic
   * (which appends {@code /v1/messages}).
   */
  public String baseUrl(WireDialect dialect) {
    return dialect.baseUrl(rootUrl());
  }

  /**
   * The base URL for one of the two original formats.
   *
   * @deprecated use {@link #baseUrl(WireDialect)}.
   */
  @Deprecated
  public String baseUrl(WireFormat format) {
    return baseUrl(format.dialect());
  }

  /** The port the server listens on. */
  public int port() {
    return wireMock.port();
  }

  /** Queues replies; each request takes the next one, in order. */
  public MockLlmServer reply(MockReply... scripted) {
    for (MockReply r : scripted) {
      replies.add(Objects.requireNonNull(r, "reply"));
    }
    return this;
  }

  /** The responder used when no scripted reply is queued (default {@link MockResponder#echo()}). */
  public MockLlmServer fallback(MockResponder responder) {
    fallback = Objects.requireNonNull(responder, "responder");
    return this;
  }

  /** How many queued replies have not been used yet. */
  public int pendingReplies() {
    return replies.size();
  }

  /** Every request received so far, in arrival order (token-counting requests included, unserved paths not). */
  public List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The most recent request; throws {@link IllegalStateException} when none arrived yet. */
  public RecordedRequest lastRequest() {
    synchronized (requests) {
      if (requests.isEmpty()) {
        throw new IllegalStateException("the mock server has received no request yet");
      }
      return requests.get(requests.size() - 1);
    }
  }

  /** The JSON body of the most recent request. */
  public JsonNode lastRequestBody() {
    return lastRequest().json();
  }

  /**
   * Waits until at least {@code count} requests have arrived and returns them; throws
   * {@link IllegalStateException} when they do not arrive within {@code timeout}.
   */
  public List<RecordedRequest> awaitRequests(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (requests) {
      while (requests.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException(
              "expected " + count + " request(s) within " + timeout + ", got " + requests.size());
        }
        try {
          requests.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for requests", e);
        }
      }
      return List.copyOf(requests);
    }
  }

  /** Forgets queued replies and recorded requests and restores the echo fallback. */
  public MockLlmServer reset() {
    replies.clear();
    synchronized (requests) {
      requests.clear();
    }
    fallback = MockResponder.echo();
    return this;
  }

  /** Stops the server, closing open connections (stalled streams included). Safe to call twice. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      wireMock.stop();
    }
  }

  @Override
  public String toString() {
    return "MockLlmServer[" + (closed ? "closed" : rootUrl()) + " " + dialects.stream().map(WireDialect::name).toList() + "]";
  }
}
