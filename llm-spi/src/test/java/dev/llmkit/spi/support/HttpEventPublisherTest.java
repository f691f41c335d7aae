package dev.llmkit.spi.support;

import static dev.llmkit.spi.support.LoopbackServer.startStream;
import static dev.llmkit.spi.support.LoopbackServer.write;
import static dev.llmkit.spi.support.LoopbackServer.writeUntilClosed;
import static dev.llmkit.spi.support.TestSubscriber.WAIT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.LlmTimeoutException;
import dev.llmkit.api.RateLimitException;
import dev.llmkit.api.Usage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpEventPublisherTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  /** A client on llmkit's own executor: the publisher completes from the body's subscriber, with no hand-off. */
  static final HttpClient OWN_HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .executor(HttpClientExecutor.create()).build();
  private static final String PROVIDER = SseTextDecoder.PROVIDER;

  private LoopbackServer server;
  private RecordingHttpClient client;
  private final AtomicReference<MappedError> mapped = new AtomicReference<>();

  /** What the error mapper was handed. */
  record MappedError(int status, HttpHeaders headers, byte[] body) {}

  /** Maps like a provider would: the status table plus the headers, and remembers its input. */
  private final ErrorResponseMapper mapper = (status, headers, body) -> {
    mapped.set(new MappedError(status, headers, body));
    return HttpErrors.fromResponse(PROVIDER, HttpErrors.kindForStatus(status), status, headers,
        PROVIDER + " answered HTTP " + status, Clock.systemUTC()).build();
  };

  @BeforeEach
  void startServer() throws IOException {
    server = new LoopbackServer();
    client = new RecordingHttpClient(http());
  }

  /** The client under test; {@link HttpEventPublisherOwnClientTest} runs every test on {@link #OWN_HTTP}. */
  HttpClient http() {
    return HTTP;
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private HttpRequest post(String path) {
    return HttpRequest.newBuilder(server.uri(path))
        .header("Content-Type", "application/json")
        .header("Accept", "text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true}"))
        .build();
  }

  private HttpEventPublisher publisher(String path) {
    return publisher(post(path), SseTextDecoder::new);
  }

  private HttpEventPublisher publisher(HttpRequest request, Supplier<StreamDecoder> decoder) {
    return new HttpEventPublisher(client, request, decoder, mapper, PROVIDER);
  }

  /** A text event of the line decoder, whose lines are all text of the one block 0. */
  private static ChatEvent text(String t) {
    return new ChatEvent.TextDelta(t, 0);
  }

  private static void await(CountDownLatch latch) throws InterruptedException {
    assertThat(latch.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("latch released within %d s", WAIT_SECONDS).isTrue();
  }

  private static void assertCompletedWith(TestSubscriber s, String text) {
    assertThat(s.completed).as("completed (error: %s)", s.error).isTrue();
    assertThat(s.error).isNull();
    ChatEvent last = s.events.get(s.events.size() - 1);
    assertThat(last).isInstanceOf(ChatEvent.Completed.class);
    ChatResponse response = ((ChatEvent.Completed) last).response();
    assertThat(response.text()).isEqualTo(text);
    assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(s.violations).isEmpty();
  }

  /** The transport findings of the reliability issue, for a stream. */
  @Nested
  class TransportFindings {

    @Test
    void aTenMegabyteUnterminatedLineIsATypedErrorAndClosesTheConnection() throws Exception {
      CountDownLatch failed = new CountDownLatch(1);
      AtomicBoolean serverSawClose = new AtomicBoolean();
      CountDownLatch serverDone = new CountDownLatch(1);
      server.handle("/long", ex -> {
        startStream(ex);
        write(ex, "data: first\n\n");
        byte[] piece = new byte[64 * 1024];
        Arrays.fill(piece, (byte) 'x');
        try {
          write(ex, "data: ");
          for (int i = 0; i < 160; i++) { // 10 MiB without a line end
            ex.getResponseBody().write(piece);
          }
          ex.getResponseBody().flush();
          await(failed);
          serverSawClose.set(writeUntilClosed(ex, Duration.ofSeconds(WAIT_SECONDS)));
        } catch (IOException closed) {
          serverSawClose.set(true);
        }
        serverDone.countDown();
      });
      TestSubscriber s = new TestSubscriber(Long.MAX_VALUE);

      publisher("/long").subscribe(s);
      LlmException e = (LlmException) s.awaitError();
      failed.countDown();

      assertThat(s.texts()).containsExactly("first");
      assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(e.retryable()).isFalse();
      assertThat(e.midStream()).isTrue();
      assertThat(e.provider()).contains(PROVIDER);
      assertThat(e.getMessage()).startsWith(PROVIDER + " sent a stream line").contains("8 MiB").contains(ReadLimits.MAX_LINE_BYTES_PROPERTY);
      assertThat(e.partialResponse()).map(ChatResponse::text).contains("first");
      assertThat(serverDone.await(WAIT_SECONDS * 2, TimeUnit.SECONDS)).isTrue();
      assertThat(serverSawClose).as("the connection was closed").isTrue();
    }

    @Test
    void anEmpty200IsTheSameRetryableMalformedResponseAsOnANonStreamingCall() throws Exception {
      server.handle("/empty", ex -> ex.sendResponseHeaders(200, -1));
      TestSubscriber s = new TestSubscriber(Long.MAX_VALUE);

      publisher("/empty").subscribe(s);
      LlmException e = (LlmException) s.awaitError();

      assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(e.retryable()).isTrue();
      assertThat(e.httpStatus()).hasValue(200);
      assertThat(e.getMessage()).isEqualTo(PROVIDER + " answered HTTP 200 with an empty body");
      assertThat(s.events).isEmpty();
    }

    @Test
    void aRedirectIsNeverFollowedAndNamesTheOriginOnly() throws Exception {
      HttpClient never = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER).executor(HttpClientExecutor.create()).build();
      try (LoopbackServer other = new LoopbackServer()) {
        other.handle("/", LoopbackServer::startStream);
        server.handle("/moved", ex -> {
          ex.getResponseHeaders().set("Location", other.uri("/sse?api_key=sk-leak0123456789").toString());
          ex.sendResponseHeaders(307, -1);
        });
        HttpRequest request = HttpRequest.newBuilder(server.uri("/moved")).header("x-api-key", "sk-ant-secret0123456")
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        TestSubscriber s = new TestSubscriber(Long.MAX_VALUE);

        new HttpEventPublisher(never, request, SseTextDecoder::new, mapper, PROVIDER).subscribe(s);
        LlmException e = (LlmException) s.awaitError();

        assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
        assertThat(e.httpStatus()).hasValue(307);
        assertThat(e.getMessage()).contains("http://127.0.0.1:" + other.uri("/").getPort())
            .doesNotContain("api_key").doesNotContain("sk-");
        assertThat(other.requests).isEmpty();
      }
    }

    @Test
    void onlyTheStartOfAHugeErrorBodyIsReadAndTheConnectionIsClosed() throws Exception {
      AtomicBoolean serverSawClose = new AtomicBoolean();
      CountDownLatch serverDone = new CountDownLatch(1);
      server.handle("/err", ex -> {
        ex.sendResponseHeaders(502, 0);
        byte[] piece = new byte[64 * 1024];
        Arrays.fill(piece, (byte) 'x');
        try {
          for (int i = 0; i < 640; i++) { // 40 MiB
            ex.getResponseBody().write(piece);
          }
        } catch (IOException closed) {
          serverSawClose.set(true);
        }
        serverDone.countDown();
      });
      TestSubscriber s = new TestSubscriber(Long.MAX_VALUE);

      publisher("/err").subscribe(s);
      LlmException e = (LlmException) s.awaitError();

      assertThat(e.httpStatus()).hasValue(502);
      assertThat(mapped.get().body()).hasSize(ReadLimits.MAX_ERROR_BODY_BYTES);
      assertThat(serverDone.await(WAIT_SECONDS * 2, TimeUnit.SECONDS)).isTrue();
      assertThat(serverSawClose).isTrue();
    }

    @Test
    void everyErrorGoesThroughTheRedactor() throws Exception {
      String key = "gateway-key-0123456789abcdef";
      server.handle("/sse", ex -> {
        startStream(ex);
        write(ex, "event: error\ndata: rejected " + key + "\n\n");
      });
      TestSubscriber s = new TestSubscriber(Long.MAX_VALUE);

      new HttpEventPublisher(client, post("/sse"), SseTextDecoder::new, mapper, PROVIDER,
          new Redactor(dev.llmkit.api.Secret.of(key))).subscribe(s);
      LlmException e = (LlmException) s.awaitError();

      assertThat(e.getMessage()).doesNotContain(key);
      assertThat(String.valueOf(e.providerMessage().orElse(""))).doesNotContain(key);
    }
  }

  @Nested
  class LazyStart {

    @Test
    void nothingIsSentUntilTheSubscriberSignalsDemand() throws Exception {
      server.handle("/sse", ex -> {
        startStream(ex);
        write(ex, "data: hello\n\ndata: [DONE]\n\n");
      });
      TestSubscriber s = new TestSubscriber(0);

      publisher("/sse").subscribe(s);
      await(s.subscribed);

      assertThat(client.sends).hasValue(0);
      assertThat(server.requests).isEmpty();

      s.request(Long.MAX_VALUE);
      s.awaitTerminal();

      assertThat(client.sends).hasValue(1);
      LoopbackServer.Received received = server.requests.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(received).isNotNull();
      assertThat(received.method()).isEqualTo("POST");
      assertThat(received.path()).isEqualTo("/sse");
      assertThat(received.body()).isEqualTo("{\"stream\":true}");
      assertThat(received.headers().getFirst("Accept")).isEqualTo("text/event-stream");
      assertThat(s.texts()).containsExactly("hello");
      assertCompletedWith(s, "hello");
    }

    @Test
    void subscribingAloneNeverStartsTheExchange() throws Exception {
      server.handle("/sse", LoopbackServer::startStream);
      TestSubscriber s = new TestSubscriber(0);

      publisher("/sse").subscribe(s);
      await(s.subscribed);
      s.cancel();

      assertThat(client.sends).hasValue(0);
      assertThat(s.terminalSignals).hasValue(0);
    }
  }

  @Nested
  class Delivery {

    @Test
    void deliversEventsInOrderAsTheServerWritesThemThenCompletes() throws Exception {
      CountDownLatch[] gates = {new CountDownLatch(1), new CountDownLatch(1), new CountDownLatch(1)};
      server.handle("/sse", ex -> {
        startStream(ex);
        write(ex, ": keep-alive\n\n");
        write(ex, "data: Hel\n\n");
        await(gates[0]);
        write(ex, "data: lo, \n\n");
        await(gates[1]);
        write(ex, "data: world\n\n");
        await(gates[2]);
        write(ex, "data: [DONE]\n\n");
      });
      TestSubscriber s = new TestSubscriber(Long.MAX_VALUE);
      publisher("/sse").subscribe(s);

      assertThat(s.next()).isEqualTo(text("Hel"));
      gates[0].countDown();
      assertThat(s.next()).isEqualTo(text("lo, "));
      gates[1].countDown();
      assertThat(s.next()).isEqualTo(text("world"));
      assertThat(s.completed).isFalse();
      gates[2].countDown();
      s.awaitTerminal();

      assertThat(s.events).hasSize(4);
      assertCompletedWith(s, "Hello, world");
      assertThat(s.terminalSignals).hasValue(1);
    }

    @Test
    void eachEventOfOneReadIsDeliveredAsSoonAsItIsDecoded() throws Exception {
      server.handle("/sse", ex -> {
        startStream(ex);
        write(ex, "data: one\n\ndata: two\n\ndata: three\n\ndata: [DONE]\n\n"); // one write, one read
      });
      TestSubscriber s = new TestSubscriber(Long.MAX_VALUE);
      List<Integer> deliveredBeforeEach = new CopyOnWriteArrayList<>();
      Supplier<StreamDecoder> decoder = () -> new StreamDecoder() {
        private final SseTextDecoder inner = new SseTextDecoder();

        @Override
        public void feed(ByteBuffer buffer, Consumer<ChatEvent> out) {
          inner.feed(buffer, e -> {
            deliveredBeforeEach.add(s.events.size());
            out.accept(e);
          });
        }

        @Override
        public void finish(Consumer<ChatEvent> out) {
          inner.finish(out);
        }
      };

      publisher(post("/sse"), decoder).subscribe(s);
      s.awaitTerminal();

      // the first event reaches the subscriber before the rest of the read is decoded (time to first token)
      assertThat(deliveredBeforeEach).containsExactly(0, 1, 2, 3);
      assertCompletedWith(s, "onetwothree");
    }

    @Test
    void eventsCutIntoTinyWritesArriveWhole() throws Exception {
      String body = "data: größe\r\n\r\ndata: 世界 🎉\r\ndata: second line\r\n\r\ndata: [DONE]\r\n\r\n";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      server.handle("/sse", ex -> {
        startStream(ex);
        OutputStream out = ex.getResponseBody();
        for (int i = 0; i < bytes.length; i += 3) {
          out.write(bytes, i, Math.min(3, bytes.length - i));
          out.flush();
        }
      });
      TestSubscriber s = new TestSubscriber(Long.MAX_VALUE);

      publisher("/sse").subscribe(s);
      s.awaitTerminal();

      assertThat(s.texts()).containsExactly("größe", "世界 🎉\nsecond line");
      assertCompletedWith(s, "größe世界 🎉\nsecond line");
    }

    @Test
    void nothingAfterTheCompletedEventIsDeliveredAndTheTailIsReadNotAborted() throws Exception {
      CountDownLatch completed = new CountDownLatch(1);
      CountDownLatch serverDone = new CountDownLatch(1);
      AtomicBoolean tailWritten = new AtomicBoolean();
      server.handle("/sse", ex -> {
        try {
          startStream(ex);
          write(ex, "data: a\n\ndata: [DONE]\n\ndata: same-chunk-late\n\n");
          await(completed);
          // Had the client closed the connection, one of these writes would meet the reset.
          for (int i = 0; i < 200; i++) {
            write(ex, "data: later-chunk\n\n");
          }
          tailWritten.set(true);
        } finally {
          serverDone.countDown();
        }
      });
      TestSubscriber s = new TestSubscriber(Long.MAX_VALUE);

      publisher("/sse").subscribe(s);
      s.awaitTerminal();
      completed.countDown();
      await(serverDone);

      assertThat(s.texts()).containsExactly("a");
      assertCompletedWith(s, "a");
      assertThat(s.events).hasSize(2);
      // The client reads the tail to EOF (so the connection can be pooled) instead of aborting it.
      assertThat(server.handlerFailures).isEmpty();
      assertThat(tailWritten).isTrue();
    }

    @Test
    void theCompletedEventWaitsForDemandAndOnCompleteFollowsIt() throws Exception {
      server.handle("/sse", ex -> {
        startStream(ex);
        write(ex, "data: only\n\ndata: [DONE]\n\n");
      });
      TestSubscriber s = new TestSubscriber(1);

      publisher("/sse").subscribe(s);

      assertThat(s.next()).isEqualTo(text("only"));
      assertThat(s.terminated.getCount()).isEqualTo(1);
      s.request(1);
      assertThat(s.next()).isInstanceOf(ChatEvent.Completed.class);
      s.awaitTerminal();

      assertCompletedWith(s, "only");
    }

    @Test
    void overflowingDemandIsTreatedAsUnbounded() throws Exception {
      server.handle("/sse", ex -> {
        startStream(ex);
        write(ex, "data: a\n\n");
        write(ex, "data: b\n\ndata: [DONE]\n\n");
      });
      TestSubscriber s = new TestSubscriber(Long.MAX_VALUE);

      publisher("/sse").subscribe(s);
      s.request(Long.MAX_VALUE);
      s.awaitTerminal();

      assertCompletedWith(s, "ab");
    }

    @Test
    void eachSubscriptionGetsItsOwnDecoder() throws Exception {
      server.handle("/sse", ex -> {
        startStream(ex);
        write(ex, "data: x\n\ndata: [DONE]\n\n");
      });
      List<StreamDecoder> made = new ArrayList<>();
      Supplier<StreamDecoder> factory = () -> {
        StreamDecoder d = new SseTextDecoder();
        made.add(d);
        return d;
      };
      TestSubscriber first = new TestSubscriber(Long.MAX_VALUE);
      TestSubscriber second = new TestSubscriber(Long.MAX_VALUE);

      publisher(post("/sse"), factory).subscribe(first);
      publisher(post("/sse"), factory).subscribe(second);
      first.awaitTerminal();
      second.awaitTerminal();

      assertThat(made).hasSize(2).doesNotHaveDuplicates();
      assertCompletedWith(first, "x");
      assertCompletedWith(second, "x");
    }
  }

  @Nested
  class BackPressure {

    private String events(int from, int to) {
      StringBuilder sb = new StringBuilder();
      for (int i = from; i < to; i++) {
        sb.append("data: e").append(i).append("\n\n");
      }
      return sb.toString();
    }

    private List<String> expected(int count) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        out.add("e" + i);
      }
      return out;
    }

    @Test
    void requestingOneAtATimeNeverDeliversMoreThanRequested() throws Exception {
      server.handle("/sse", ex -> {
        startStream(ex);
        write(ex, events(0, 50)); // one chunk that decodes into fifty events
        for (int i = 50; i < 60; i++) {
          write(ex, events(i, i + 1));
        }
        write(ex, "data: [DONE]\n\n");
      });
      TestSubscriber s = new TestSubscriber(1);
      publisher("/sse").subscribe(s);

      for (int i = 0; i < 60; i++) {
        assertThat(s.next()).isEqualTo(text("e" + i));
        assertThat(s.arrivals).as("nothing beyond demand after e%d", i).isEmpty();
        s.request(1);
      }
      assertThat(s.next()).isInstanceOf(ChatEvent.Completed.class);
      s.awaitTerminal();

      assertThat(s.violations).isEmpty();
      assertThat(s.texts()).isEqualTo(expected(60));
      assertThat(s.completed).isTrue();
    }

    @Test
    void demandOfSeveralIsHonouredExactly() throws Exception {
      server.handle("/sse", ex -> {
        startStream(ex);
        write(ex, events(0, 10) + "data: [DONE]\n\n");
      });
      TestSubscriber s = new TestSubscriber(3);
      publisher("/sse").subscribe(s);

      for (int i = 0; i < 3; i++) {
        s.next();
      }
      assertThat(s.arrivals).isEmpty();
      s.request(7);
      for (int i = 3; i < 10; i++) {
        s.next();
      }
      assertThat(s.arrivals).isEmpty();
      assertThat(s.completed).isFalse();
      s.request(1);
      s.awaitTerminal();

      assertThat(s.violations).isEmpty();
      assertThat(s.texts()).isEqualTo(expected(10));
      assertThat(s.completed).isTrue();
    }

    @Test
    void requestingFromInsideOnNextNeverRecurses() throws Exception {
      server.handle("/sse", ex -> {
        startStream(ex);
        write(ex, events(0, 300));
        write(ex, events(300, 400) + "data: [DONE]\n\n");
      });
      TestSubscriber s = new TestSubscriber(1).onEachEvent((sub, e) -> sub.request(1));

      publisher("/sse").subscribe(s);
      s.awaitTerminal();

      assertThat(s.violations).isEmpty();
      assertThat(s.maxDepth).hasValue(1);
      assertThat(s.texts()).isEqualTo(expected(400));
      assertThat(s.completed).isTrue();
    }

    @RepeatedTest(10)
    void demandFromAnotherThreadRacingTheNetworkKeepsOrderAndCount() throws Exception {
      server.handle("/sse", ex -> {
        startStream(ex);
        for (int i = 0; i < 200; i += 7) {
          write(ex, events(i, Math.min(200, i + 7)));
        }
        write(ex, "data: [DONE]\n\n");
      });
      BlockingQueue<ChatEvent> toAcknowledge = new LinkedBlockingQueue<>();
      ChatEvent stop = new ChatEvent.TextDelta("stop the requester");
      TestSubscriber s = new TestSubscriber(2).onEachEvent((sub, e) -> toAcknowledge.add(e));
      ExecutorService requester = Executors.newSingleThreadExecutor();
      try {
        publisher("/sse").subscribe(s);
        Future<?> acks = requester.submit(() -> {
          while (true) {
            ChatEvent e = toAcknowledge.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (e == null || e == stop) {
              return null;
            }
            s.request(1);
          }
        });
        s.awaitTerminal();
        toAcknowledge.add(stop);
        acks.get(WAIT_SECONDS, TimeUnit.SECONDS);
      } finally {
        requester.shutdownNow();
      }

      assertThat(s.violations).isEmpty();
      assertThat(s.texts()).isEqualTo(expected(200));
      assertThat(s.completed).isTrue();
    }
  }

  @Nested
  class Failures {

    @Test
    void aBodyThatEndsBeforeDoneFailsAsTruncatedAfterTheEventsThatArrived() throws Exception {
      server.handle("/sse", ex -> {
        startStream(ex);
        write(ex, "data: partial \n\n");
        write(ex, "data: answer\n\n");
      });
      TestSubscriber s = new TestSubscriber(Long.MAX_VALUE);

      publisher("/sse").subscribe(s);
      Throwable error = s.awaitError();

      assertThat(s.texts()).containsExactly("partial ", "answer");
      assertThat(error).isInstanceOf(LlmException.class);
      LlmException e = (LlmException) error;
      assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(e.midStream()).isTrue();
      assertThat(e.retryable()).isTrue();
      assertThat(e.provider()).contains(PROVIDER);
      assertThat(e.getMessage()).contains("truncated");
      assertThat(s.violations).isEmpty();
    }

    @Test
    void anEmptyBodyIsTruncatedToo() throws Exception {
      server.handle("/sse", LoopbackServer::startStream);
      TestSubscriber s = new TestSubscriber(Long.MAX_VALUE);

      publisher("/sse").subscribe(s);

      assertThat(((LlmException) s.awaitError()).kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(s.events).isEmpty();
    }

    @Test
    void aNonSuccessStatusFailsWithTheMappersExceptionBuiltFromTheWholeBody() throws Exception {
      String json = "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"padding\":\""
          + "x".repeat(200_000) + "\"}}";
      server.handle("/sse", ex -> {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("retry-after", "7");
        ex.getResponseHeaders().set("x-request-id", "req_42");
        ex.sendResponseHeaders(429, 0);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += 8192) {
          ex.getResponseBody().write(bytes, i, Math.min(8192, bytes.length - i));
          ex.getResponseBody().flush();
        }
      });
      TestSubscriber s = new TestSubscriber(1);

      publisher("/sse").subscribe(s);
      Throwable error = s.awaitError();

      MappedError input = mapped.get();
      assertThat(input).isNotNull();
      assertThat(input.status()).isEqualTo(429);
      assertThat(new String(input.body(), StandardCharsets.UTF_8)).isEqualTo(json);
      assertThat(input.headers().firstValue("x-request-id")).contains("req_42");
      assertThat(error).isInstanceOf(RateLimitException.class);
      LlmException e = (LlmException) error;
      assertThat(e.httpStatus()).hasValue(429);
      assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
      assertThat(e.requestId()).contains("req_42");
      assertThat(e.midStream()).isFalse();
      assertThat(s.events).isEmpty();
      assertThat(s.violations).isEmpty();
    }

    @Test
    void theErrorBodyHandedToTheMapperIsCappedAtOneMebibyte() throws Exception {
      byte[] big = new byte[(1 << 20) + 300_000];
      Arrays.fill(big, (byte) 'e');
      big[0] = '{';
      server.handle("/sse", ex -> {
        ex.sendResponseHeaders(500, big.length);
        ex.getResponseBody().write(big);
      });
      TestSubscriber s = new TestSubscriber(1);

      publisher("/sse").subscribe(s);

      assertThat(((LlmException) s.awaitError()).kind()).isEqualTo(ErrorKind.SERVER_ERROR);
      assertThat(mapped.get().body()).hasSize(1 << 20).isEqualTo(Arrays.copyOf(big, 1 << 20));
    }

    @Test
    void aMapperThatThrowsStillYieldsAnErrorForTheStatus() throws Exception {
      server.handle("/sse", ex -> {
        byte[] html = "<html><body>503 Service Unavailable</body></html>".getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(503, html.length);
        ex.getResponseBody().write(html);
      });
      IllegalStateException bug = new IllegalStateException("mapper bug");
      ErrorResponseMapper broken = (status, headers, body) -> {
        throw bug;
      };
      TestSubscriber s = new TestSubscriber(1);

      new HttpEventPublisher(client, post("/sse"), SseTextDecoder::new, broken, PROVIDER).subscribe(s);
      LlmException e = (LlmException) s.awaitError();

      assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED);
      assertThat(e.httpStatus()).hasValue(503);
      assertThat(e.provider()).contains(PROVIDER);
      assertThat(e.getMessage()).contains("HTTP 503").contains("503 Service Unavailable");
      assertThat(e.getCause()).isSameAs(bug);
    }

    @Test
    void aRefusedConnectionFailsAsAConnectionError() throws Exception {
      int closedPort;
      try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
        closedPort = probe.getLocalPort();
      }
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closedPort + "/v1/chat"))
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
      TestSubscriber s = new TestSubscriber(1);

      publisher(request, SseTextDecoder::new).subscribe(s);
      LlmException e = (LlmException) s.awaitError();

      assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION);
      assertThat(e.retryable()).isTrue();
      assertThat(e.midStream()).isFalse();
      assertThat(e.provider()).contains(PROVIDER);
      assertThat(e.getCause()).isInstanceOf(ConnectException.class);
      assertThat(e.getMessage()).contains("check the base URL");
    }

    @Test
    void noHeadersWithinTheRequestTimeoutFailsAsATimeout() throws Exception {
      CountDownLatch release = new CountDownLatch(1);
      server.handle("/slow", ex -> {
        release.await(WAIT_SECONDS * 2, TimeUnit.SECONDS);
        startStream(ex);
      });
      HttpRequest request = HttpRequest.newBuilder(server.uri("/slow")).timeout(Duration.ofMillis(200))
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
      TestSubscriber s = new TestSubscriber(1);

      try {
        publisher(request, SseTextDecoder::new).subscribe(s);
        Throwable error = s.awaitError();

        assertThat(error).isInstanceOf(LlmTimeoutException.class);
        assertThat(((LlmException) error).kind()).isEqualTo(ErrorKind.TIMEOUT);
      } finally {
        release.countDown();
      }
    }

    @Test
    void aConnectionResetMidBodyFailsAsAConnectionErrorAfterTheEventsThatArrived() throws Exception {
      CountDownLatch firstEventSeen = new CountDownLatch(1);
      ExecutorService rawServer = Executors.newSingleThreadExecutor();
      try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
        Future<?> serving = rawServer.submit(() -> {
          try (Socket socket = listener.accept()) {
            readRequestHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            String chunk = "data: first\n\n";
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            firstEventSeen.await(WAIT_SECONDS, TimeUnit.SECONDS);
            socket.setSoLinger(true, 0); // close with a reset, mid-body
          }
          return null;
        });
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/"))
            .GET().build();
        TestSubscriber s = new TestSubscriber(Long.MAX_VALUE).onEachEvent((sub, e) -> firstEventSeen.countDown());

        publisher(request, SseTextDecoder::new).subscribe(s);
        LlmException e = (LlmException) s.awaitError();
        serving.get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(s.texts()).containsExactly("first");
        assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION);
        assertThat(e.midStream()).isTrue();
        assertThat(e.httpStatus()).hasValue(200);
        assertThat(e.partialResponse()).map(ChatResponse::text).contains("first");
        assertThat(e.retryable()).isTrue();
        assertThat(s.violations).isEmpty();
      } finally {
        rawServer.shutdownNow();
      }
    }

    private void readRequestHead(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("request ended early: " + head);
        }
        head.write(b);
      }
    }
  }

  @Nested
  class DecoderErrors {

    @Test
    void anInBandErrorEndsTheStreamAfterThePartialEventsAndClosesTheConnection() throws Exception {
      CountDownLatch failed = new CountDownLatch(1);
      AtomicBoolean serverSawClose = new AtomicBoolean();
      CountDownLatch serverDone = new CountDownLatch(1);
      server.handle("/sse", ex -> {
        startStream(ex);
        write(ex, "data: one\n\n");
        write(ex, "data: two\n\nevent: error\ndata: overloaded_error\n\ndata: never\n\n");
        await(failed);
        serverSawClose.set(writeUntilClosed(ex, Duration.ofSeconds(WAIT_SECONDS)));
        serverDone.countDown();
      });
      TestSubscriber s = new TestSubscriber(Long.MAX_VALUE);

      publisher("/sse").subscribe(s);
      Throwable error = s.awaitError();
      failed.countDown();

      assertThat(s.texts()).containsExactly("one", "two");
      LlmException e = (LlmException) error;
      assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED);
      assertThat(e.providerCode()).contains("overloaded_error");
      assertThat(e.midStream()).as("events had already been delivered").isTrue();
      assertThat(e.retryable()).isTrue();
      await(serverDone);
      assertThat(serverSawClose).as("the connection was closed").isTrue();
      assertThat(s.violations).isEmpty();
    }

    @Test
    void anInBandErrorBeforeAnyEventIsStillMarkedMidStreamBecauseTheStatusWas200() throws Exception {
      server.handle("/sse", ex -> {
        startStream(ex);
        write(ex, "event: error\ndata: overloaded_error\n\n");
      });
      TestSubscriber s = new TestSubscriber(1);

      publisher("/sse").subscribe(s);
      LlmException e = (LlmException) s.awaitError();

      assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED);
      assertThat(e.midStream()).isTrue();
      assertThat(s.events).isEmpty();
    }

    @Test
    void anUnreadableEventFailsAsMalformedKeepingTheCause() throws Exception {
      server.handle("/sse", ex -> {
        startStream(ex);
        write(ex, "data: fine\n\nevent: crash\ndata: {not json\n\n");
      });
      TestSubscriber s = new TestSubscriber(Long.MAX_VALUE);

      publisher("/sse").subscribe(s);
      LlmException e = (LlmException) s.awaitError();

      assertThat(s.texts()).containsExactly("fine");
      assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(e.midStream()).isTrue();
      assertThat(e.getCause()).isInstanceOf(IllegalStateException.class).hasMessageContaining("{not json");
      assertThat(e.getMessage()).contains("unreadable event");
    }

    @Test
    void aDecoderThatFailsAtEndOfBodyReportsItsOwnError() throws Exception {
      server.handle("/sse", ex -> {
        startStream(ex);
        write(ex, "data: x\n\n");
      });
      LlmException atEnd = LlmException.builder(ErrorKind.SERVER_ERROR, "stream ended without message_stop")
          .provider(PROVIDER).midStream(true).build();
      Supplier<StreamDecoder> decoder = () -> new StreamDecoder() {
        private final StreamDecoder inner = new SseTextDecoder();

        @Override
        public void feed(ByteBuffer buffer, Consumer<ChatEvent> out) {
          inner.feed(buffer, out);
        }

        @Override
        public void finish(Consumer<ChatEvent> out) {
          throw atEnd;
        }
      };
      TestSubscriber s = new TestSubscriber(Long.MAX_VALUE);

      publisher(post("/sse"), decoder).subscribe(s);

      LlmException e = (LlmException) s.awaitError();
      assertThat(e.kind()).isEqualTo(atEnd.kind());
      assertThat(e.getMessage()).isEqualTo(atEnd.getMessage());
      assertThat(e.getStackTrace()).as("where the decoder threw").isEqualTo(atEnd.getStackTrace());
      assertThat(e.httpStatus()).hasValue(200);
      assertThat(s.texts()).containsExactly("x");
    }

    @Test
    void aDecoderThatCompletesAtEndOfBodyCompletesTheStream() throws Exception {
      server.handle("/ndjson", ex -> {
        ex.sendResponseHeaders(200, 0);
        write(ex, "{\"t\":\"a\"}\n{\"t\":\"b\"}");
      });
      Supplier<StreamDecoder> ndjson = () -> new StreamDecoder() {
        private final NdjsonDecoder lines = new NdjsonDecoder();
        private final ResponseAssembler assembler = new ResponseAssembler();

        @Override
        public void feed(ByteBuffer buffer, Consumer<ChatEvent> out) {
          lines.feed(buffer, line -> out.accept(assembler.text(line)));
        }

        @Override
        public void finish(Consumer<ChatEvent> out) {
          lines.finish(line -> out.accept(assembler.text(line)));
          out.accept(new ChatEvent.Completed(assembler.build(PROVIDER, "m", FinishReason.STOP, null)));
        }
      };
      TestSubscriber s = new TestSubscriber(Long.MAX_VALUE);

      publisher(post("/ndjson"), ndjson).subscribe(s);
      s.awaitTerminal();

      assertThat(s.texts()).containsExactly("{\"t\":\"a\"}", "{\"t\":\"b\"}");
      assertThat(s.completed).isTrue();
    }
  }

  @Nested
  class MidStreamFailures {

    private void streamWithHeaders(HttpExchange ex, String body) throws IOException {
      ex.getResponseHeaders().set("x-request-id", "req_7");
      ex.getResponseHeaders().set("x-ratelimit-remaining-requests", "99");
      startStream(ex);
      write(ex, body);
    }

    @Test
    void anInBandErrorCarriesStatus200ThePartialResponseAndWhatTheHeadersSaid() throws Exception {
      server.handle("/sse", ex -> streamWithHeaders(ex,
          "data: Hel\n\ndata: lo\n\nevent: finish\ndata: length\n\nevent: error\ndata: overloaded_error\n\n"));
      TestSubscriber s = new TestSubscriber(Long.MAX_VALUE);

      publisher("/sse").subscribe(s);
      LlmException e = (LlmException) s.awaitError();

      assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED);
      assertThat(e.httpStatus()).hasValue(200);
      assertThat(e.midStream()).isTrue();
      assertThat(e.rawFinishReason()).contains("length");
      assertThat(e.requestId()).as("from the 200's headers").contains("req_7");
      assertThat(e.rateLimits().requests().remaining()).isEqualTo(99L);
      assertThat(e.partialResponse()).hasValueSatisfying(partial -> {
        assertThat(partial.text()).isEqualTo("Hello");
        assertThat(partial.finishReason()).isEqualTo(FinishReason.ERROR);
        assertThat(partial.rawFinishReason()).isEqualTo("length");
        assertThat(partial.metadata().requestId()).isEqualTo("req_7");
      });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a truncated stream    | data: cut \\n\\ndata: short\\n\\n                  | cut short",
        "an unreadable event   | data: kept\\n\\nevent: crash\\ndata: {\\n\\n | kept"})
    void aBrokenBodyCarriesStatus200AndThePartialResponse(String what, String body, String partialText) throws Exception {
      String unescaped = body.replace("\\n", "\n");
      server.handle("/sse", ex -> streamWithHeaders(ex, unescaped));
      TestSubscriber s = new TestSubscriber(Long.MAX_VALUE);

      publisher("/sse").subscribe(s);
      LlmException e = (LlmException) s.awaitError();

      assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(e.httpStatus()).hasValue(200);
      assertThat(e.midStream()).isTrue();
      assertThat(e.rawFinishReason()).isEmpty();
      assertThat(e.partialResponse()).map(ChatResponse::text).contains(partialText);
    }

    @Test
    void whatTheDecoderAlreadySaidIsKept() throws Exception {
      ChatResponse own = new ChatResponse("own", PROVIDER, "m", AssistantMessage.of("own"),
          FinishReason.ERROR, "error", Usage.UNKNOWN, null, Duration.ZERO);
      server.handle("/sse", ex -> streamWithHeaders(ex, "data: x\n\n"));
      Supplier<StreamDecoder> decoder = () -> new StreamDecoder() {
        private final SseTextDecoder inner = new SseTextDecoder();

        @Override
        public void responseHeaders(HttpHeaders headers) {
          inner.responseHeaders(headers);
        }

        @Override
        public ChatResponse partial() {
          return inner.partial();
        }

        @Override
        public void feed(ByteBuffer buffer, Consumer<ChatEvent> out) {
          throw LlmException.builder(ErrorKind.SERVER_ERROR, "own").httpStatus(599).requestId("req_own")
              .rawFinishReason("error").partialResponse(own).build();
        }

        @Override
        public void finish(Consumer<ChatEvent> out) {}
      };
      TestSubscriber s = new TestSubscriber(Long.MAX_VALUE);

      publisher(post("/sse"), decoder).subscribe(s);
      LlmException e = (LlmException) s.awaitError();

      assertThat(e.httpStatus()).hasValue(599);
      assertThat(e.requestId()).contains("req_own");
      assertThat(e.rawFinishReason()).contains("error");
      assertThat(e.partialResponse()).containsSame(own);
      assertThat(e.rateLimits().requests().remaining()).as("not said by the decoder: from the headers").isEqualTo(99L);
      assertThat(e.midStream()).isTrue();
    }

    @Test
    void theDecoderSeesTheHeadersBeforeTheBody() throws Exception {
      server.handle("/sse", ex -> streamWithHeaders(ex, "data: a\n\ndata: [DONE]\n\n"));
      List<String> calls = new CopyOnWriteArrayList<>();
      Supplier<StreamDecoder> decoder = () -> new StreamDecoder() {
        private final SseTextDecoder inner = new SseTextDecoder();

        @Override
        public void responseHeaders(HttpHeaders headers) {
          calls.add("headers " + headers.firstValue("x-request-id").orElse("-"));
          inner.responseHeaders(headers);
        }

        @Override
        public void feed(ByteBuffer buffer, Consumer<ChatEvent> out) {
          calls.add("feed");
          inner.feed(buffer, out);
        }

        @Override
        public void finish(Consumer<ChatEvent> out) {
          inner.finish(out);
        }
      };
      TestSubscriber s = new TestSubscriber(Long.MAX_VALUE);

      publisher(post("/sse"), decoder).subscribe(s);
      s.awaitTerminal();

      assertThat(calls).first().isEqualTo("headers req_7");
      assertThat(calls).contains("feed");
      ChatResponse response = ((ChatEvent.Completed) s.events.get(s.events.size() - 1)).response();
      assertThat(response.metadata().requestId()).isEqualTo("req_7");
    }

    @Test
    void anErrorStatusIsNotMidStream() throws Exception {
      server.handle("/sse", ex -> ex.sendResponseHeaders(503, -1));
      TestSubscriber s = new TestSubscriber(1);

      publisher("/sse").subscribe(s);
      LlmException e = (LlmException) s.awaitError();

      assertThat(e.midStream()).isFalse();
      assertThat(e.httpStatus()).hasValue(503);
      assertThat(e.partialResponse()).isEmpty();
    }
  }

  @Nested
  class Cancellation {

    @Test
    void cancellingAfterTheResponseCompletedLetsTheConnectionBeReused() throws Exception {
      int rounds = 5;
      List<Integer> clientPorts = new java.util.concurrent.CopyOnWriteArrayList<>();
      java.util.concurrent.atomic.AtomicReference<CountDownLatch> cancelled = new java.util.concurrent.atomic.AtomicReference<>();
      java.util.concurrent.atomic.AtomicReference<CountDownLatch> served = new java.util.concurrent.atomic.AtomicReference<>();
      server.handle("/sse", ex -> {
        clientPorts.add(ex.getRemoteAddress().getPort());
        startStream(ex);
        write(ex, "data: a\n\ndata: [DONE]\n\n");
        await(cancelled.get());
        write(ex, ": a tail after the terminator\n\n");
        ex.close();
        served.get().countDown();
      });

      for (int round = 0; round < rounds; round++) {
        cancelled.set(new CountDownLatch(1));
        served.set(new CountDownLatch(1));
        TestSubscriber s = new TestSubscriber(Long.MAX_VALUE);
        publisher("/sse").subscribe(s);
        s.awaitTerminal();
        s.cancel(); // what try-with-resources does right after collect()
        cancelled.get().countDown();
        await(served.get());
        assertThat(s.completed).isTrue();
      }

      // Closing the connection on such a cancel would give every round a new connection (a new port).
      assertThat(clientPorts).hasSize(rounds);
      assertThat(new java.util.HashSet<>(clientPorts)).as("connections used for %d streams", rounds).hasSizeLessThan(rounds);
    }

    @Test
    void cancellingBeforeTheHeadersArriveAbortsTheExchange() throws Exception {
      CountDownLatch requestArrived = new CountDownLatch(1);
      CountDownLatch cancelled = new CountDownLatch(1);
      CountDownLatch serverDone = new CountDownLatch(1);
      AtomicBoolean serverSawClose = new AtomicBoolean();
      server.handle("/sse", ex -> {
        requestArrived.countDown();
        await(cancelled);
        try {
          startStream(ex);
          serverSawClose.set(writeUntilClosed(ex, Duration.ofSeconds(WAIT_SECONDS)));
        } catch (IOException closed) {
          serverSawClose.set(true);
        } finally {
          serverDone.countDown();
        }
      });
      TestSubscriber s = new TestSubscriber(Long.MAX_VALUE);

      publisher("/sse").subscribe(s);
      await(requestArrived);
      s.cancel();
      cancelled.countDown();
      await(serverDone);

      assertThat(serverSawClose).as("the server saw the connection close").isTrue();
      assertThat(s.events).isEmpty();
      assertThat(s.terminalSignals).hasValue(0);
      assertThat(s.violations).isEmpty();
    }

    @Test
    void cancellingMidBodyStopsDeliveryAndClosesTheConnection() throws Exception {
      CountDownLatch cancelled = new CountDownLatch(1);
      CountDownLatch serverDone = new CountDownLatch(1);
      AtomicBoolean serverSawClose = new AtomicBoolean();
      server.handle("/sse", ex -> {
        startStream(ex);
        write(ex, "data: before-cancel\n\n");
        await(cancelled);
        serverSawClose.set(writeUntilClosed(ex, Duration.ofSeconds(WAIT_SECONDS)));
        serverDone.countDown();
      });
      TestSubscriber s = new TestSubscriber(Long.MAX_VALUE);

      publisher("/sse").subscribe(s);
      assertThat(s.next()).isEqualTo(text("before-cancel"));
      s.cancel();
      cancelled.countDown();
      await(serverDone);

      assertThat(serverSawClose).as("the server saw the connection close").isTrue();
      assertThat(s.texts()).containsExactly("before-cancel");
      assertThat(s.terminalSignals).hasValue(0);
      assertThat(s.violations).isEmpty();
    }

    @Test
    void cancellingInsideOnNextStopsTheRestOfTheSameChunk() throws Exception {
      CountDownLatch serverDone = new CountDownLatch(1);
      AtomicBoolean serverSawClose = new AtomicBoolean();
      server.handle("/sse", ex -> {
        startStream(ex);
        write(ex, "data: a\n\ndata: b\n\ndata: c\n\n");
        serverSawClose.set(writeUntilClosed(ex, Duration.ofSeconds(WAIT_SECONDS)));
        serverDone.countDown();
      });
      TestSubscriber s = new TestSubscriber(Long.MAX_VALUE).onEachEvent((sub, e) -> sub.cancel());

      publisher("/sse").subscribe(s);
      assertThat(s.next()).isEqualTo(text("a"));
      await(serverDone);

      assertThat(serverSawClose).isTrue();
      assertThat(s.events).containsExactly(text("a"));
      assertThat(s.terminalSignals).hasValue(0);
      assertThat(s.violations).isEmpty();
    }

    @Test
    void demandAfterCancelStartsNothing() throws Exception {
      server.handle("/sse", ex -> {
        startStream(ex);
        write(ex, "data: x\n\ndata: [DONE]\n\n");
      });
      TestSubscriber cancelledFirst = new TestSubscriber(0);

      publisher("/sse").subscribe(cancelledFirst);
      cancelledFirst.cancel();
      cancelledFirst.request(1);

      assertThat(client.sends).hasValue(0);
      // The server is up and a real call still goes through: only that one arrives.
      TestSubscriber later = new TestSubscriber(Long.MAX_VALUE);
      publisher("/sse").subscribe(later);
      later.awaitTerminal();
      assertThat(server.requests).hasSize(1);
      assertThat(client.sends).hasValue(1);
      assertThat(cancelledFirst.events).isEmpty();
      assertThat(cancelledFirst.terminalSignals).hasValue(0);
    }

    @Test
    void aSubscriberThatThrowsIsTreatedAsCancelledAndTheConnectionCloses() throws Exception {
      CountDownLatch serverDone = new CountDownLatch(1);
      AtomicBoolean serverSawClose = new AtomicBoolean();
      server.handle("/sse", ex -> {
        startStream(ex);
        write(ex, "data: a\n\ndata: b\n\n");
        serverSawClose.set(writeUntilClosed(ex, Duration.ofSeconds(WAIT_SECONDS)));
        serverDone.countDown();
      });
      RuntimeException bug = new IllegalStateException("subscriber bug");
      BlockingQueue<Throwable> reported = new LinkedBlockingQueue<>();
      Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
      Thread.setDefaultUncaughtExceptionHandler((t, e) -> reported.add(e));
      try {
        TestSubscriber s = new TestSubscriber(Long.MAX_VALUE).onEachEvent((sub, e) -> {
          throw bug;
        });

        publisher("/sse").subscribe(s);
        await(serverDone);

        assertThat(serverSawClose).as("the connection was closed").isTrue();
        assertThat(reported.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isSameAs(bug);
        assertThat(s.events).containsExactly(text("a"));
        assertThat(s.terminalSignals).hasValue(0);
      } finally {
        Thread.setDefaultUncaughtExceptionHandler(previous);
      }
    }
  }

  @Nested
  class SubscriptionRules {

    @Test
    void aSecondSubscriberIsRefusedWithIllegalState() throws Exception {
      server.handle("/sse", ex -> {
        startStream(ex);
        write(ex, "data: x\n\ndata: [DONE]\n\n");
      });
      HttpEventPublisher publisher = publisher("/sse");
      TestSubscriber first = new TestSubscriber(Long.MAX_VALUE);
      TestSubscriber second = new TestSubscriber(Long.MAX_VALUE);

      publisher.subscribe(first);
      publisher.subscribe(second);

      assertThat(second.awaitError()).isInstanceOf(IllegalStateException.class).hasMessageContaining("once");
      assertThat(second.events).isEmpty();
      first.awaitTerminal();
      assertCompletedWith(first, "x");
      assertThat(client.sends).hasValue(1);
      assertThat(second.violations).isEmpty();
    }

    @Test
    void requestZeroFailsWithIllegalArgumentAndSendsNothing() throws Exception {
      TestSubscriber s = new TestSubscriber(0);

      publisher("/sse").subscribe(s);
      s.request(0);

      assertThat(s.awaitError()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.9");
      s.request(1);
      assertThat(client.sends).hasValue(0);
      assertThat(s.terminalSignals).hasValue(1);
    }

    @Test
    void aNegativeRequestMidStreamFailsAtOnceAndClosesTheConnection() throws Exception {
      CountDownLatch serverDone = new CountDownLatch(1);
      AtomicBoolean serverSawClose = new AtomicBoolean();
      server.handle("/sse", ex -> {
        startStream(ex);
        write(ex, "data: a\n\ndata: b\n\ndata: c\n\n");
        serverSawClose.set(writeUntilClosed(ex, Duration.ofSeconds(WAIT_SECONDS)));
        serverDone.countDown();
      });
      TestSubscriber s = new TestSubscriber(1);

      publisher("/sse").subscribe(s);
      assertThat(s.next()).isEqualTo(text("a"));
      s.request(-1);

      assertThat(s.awaitError()).isInstanceOf(IllegalArgumentException.class);
      await(serverDone);
      assertThat(serverSawClose).isTrue();
      assertThat(s.texts()).containsExactly("a");
      assertThat(s.terminalSignals).hasValue(1);
      assertThat(s.violations).isEmpty();
    }

    @Test
    void aNullSubscriberIsRejected() {
      HttpEventPublisher publisher = publisher("/sse");

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> publisher.subscribe(null))
          .isInstanceOf(NullPointerException.class);
    }
  }
}
