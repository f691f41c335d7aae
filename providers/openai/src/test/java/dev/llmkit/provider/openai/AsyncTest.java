package dev.llmkit.provider.openai;

import dev.llmkit.testkit.TestProviderContext;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.llmkit.provider.openai.Fixtures.HI;
import static dev.llmkit.provider.openai.Fixtures.provider;
import static dev.llmkit.provider.openai.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.ChatProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AsyncTest {
  static final OpenAiProviderFactory OPENAI = new OpenAiProviderFactory();
  static volatile CountDownLatch received = new CountDownLatch(1);
  // Counts requests as they arrive, before any response delay.
  @RegisterExtension
  static final StubServer server = new StubServer(options().extensions(new ServeEventListener() {
    @Override
    public void beforeMatch(ServeEvent serveEvent, Parameters parameters) {
      received.countDown();
    }

    @Override
    public String getName() {
      return "arrival-latch";
    }
  }));

  @BeforeEach
  void awaitANewRequest() {
    received = new CountDownLatch(1);
  }

  @Test
  void completeAsyncDeliversTheParsedResponse() throws Exception {
    server.answerJson(RequestMappingTest.OK);

    ChatResponse r = provider(OPENAI, server).completeAsync(request(OPENAI, "gpt-4o", HI)).get(10, TimeUnit.SECONDS);

    assertThat(r.text()).isEqualTo("ok");
  }

  @Test
  void completeAsyncFailsWithTheMappedError() {
    server.answer(aResponse().withStatus(503)
        .withBody("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\",\"code\":null}}"));

    CompletableFuture<ChatResponse> f = provider(OPENAI, server).completeAsync(request(OPENAI, "gpt-4o", HI));

    assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED));
  }

  @Test
  void cancellingTheFutureAbortsTheExchangePromptly() throws Exception {
    server.answer(aResponse().withFixedDelay(30_000)
        .withHeader("Content-Type", "application/json").withBody(RequestMappingTest.OK));
    ChatProvider p = provider(OPENAI, server);

    CompletableFuture<ChatResponse> f = p.completeAsync(request(OPENAI, "gpt-4o", HI));
    assertThat(received.await(10, TimeUnit.SECONDS)).as("WireMock received the request").isTrue();
    long start = System.nanoTime();
    boolean cancelled = f.cancel(true);

    assertThat(cancelled).isTrue();
    assertThat(f).isCancelled();
    assertThatThrownBy(() -> f.get(1, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    // No verify() here: the arrival latch fires before WireMock journals the request, so a count could race.
  }

  @Test
  void cancellingTheFutureClosesTheConnection() throws Exception {
    // A bare socket server, to observe the client side of the connection going away.
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ChatProvider p = OPENAI.create(LlmConfig.builder().model("openai/gpt-4o").apiKey(Fixtures.KEY)
          .baseUrl("http://127.0.0.1:" + listener.getLocalPort() + "/v1").build(), TestProviderContext.withEnv());
      CompletableFuture<ChatResponse> f = p.completeAsync(request(OPENAI, "gpt-4o", HI));
      listener.setSoTimeout(10_000);
      try (Socket connection = listener.accept()) {
        connection.setSoTimeout(10_000);
        InputStream in = connection.getInputStream();
        byte[] buffer = new byte[8192];
        assertThat(in.read(buffer)).as("request bytes").isPositive();

        f.cancel(true);

        // Drain whatever is left of the request; end of stream means the client closed the connection.
        int n;
        do {
          n = in.read(buffer);
        } while (n > 0);
        assertThat(n).isEqualTo(-1);
      }
    }
  }

  @Test
  void aBlockingCallIsInterruptibleAndReportsCancellation() throws Exception {
    server.answer(aResponse().withFixedDelay(30_000).withBody(RequestMappingTest.OK));
    ChatProvider p = provider(OPENAI, server);
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread caller = new Thread(() -> {
      try {
        p.complete(request(OPENAI, "gpt-4o", HI));
        outcome.complete(null);
      } catch (Throwable t) {
        outcome.complete(t);
      }
    });
    caller.start();
    assertThat(received.await(10, TimeUnit.SECONDS)).isTrue();

    caller.interrupt();

    assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(LlmException.class,
        e -> assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED));
  }

  @Test
  void theConfiguredTimeoutBoundsTheWait() {
    server.answer(aResponse().withFixedDelay(30_000).withBody(RequestMappingTest.OK));
    ChatProvider p = provider(OPENAI, server, b -> b.timeout(Duration.ofMillis(300)));

    assertThatThrownBy(() -> p.complete(request(OPENAI, "gpt-4o", HI)))
        .isInstanceOfSatisfying(LlmException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
          assertThat(e.model()).contains("gpt-4o");
        });
  }

  @Test
  void aRefusedConnectionIsAConnectionError() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    ChatProvider p = OPENAI.create(LlmConfig.builder().model("openai/gpt-4o").apiKey(Fixtures.KEY)
        .baseUrl("http://127.0.0.1:" + port + "/v1").build(), TestProviderContext.withEnv());

    assertThatThrownBy(() -> p.complete(request(OPENAI, "gpt-4o", HI)))
        .isInstanceOfSatisfying(LlmException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION);
          assertThat(e.retryable()).isTrue();
        });
  }
}
