package dev.llmkit.provider.ollama;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderRequest;
import dev.llmkit.testkit.TestProviderContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * What the tests share: a loopback WireMock server answering {@code /api/chat}, payloads from
 * {@code src/test/resources/ollama}, providers pointed at a server, and streams collected whole.
 */
final class Fixtures {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final OllamaProviderFactory FACTORY = new OllamaProviderFactory();
  static final String CHAT = "/api/chat";
  static final String MODEL = "llama3.2:3b";
  static final ChatRequest HI = ChatRequest.builder().user("Hi").build();

  private Fixtures() {}

  /** A server for {@code @RegisterExtension static final}: one per test class, reset before each test. */
  static WireMockExtension server() {
    return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();
  }

  /** Answers {@code POST /api/chat} with {@code response}. */
  static void answer(WireMockExtension server, ResponseDefinitionBuilder response) {
    server.stubFor(post(urlEqualTo(CHAT)).willReturn(response));
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("content-type", "application/json; charset=utf-8").withBody(body);
  }

  static ResponseDefinitionBuilder ndjson(String body) {
    return aResponse().withStatus(200).withHeader("content-type", "application/x-ndjson").withBody(body);
  }

  /** The one request sent to {@code /api/chat}. */
  static LoggedRequest sent(WireMockExtension server) {
    List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo(CHAT)));
    if (requests.size() != 1) {
      throw new AssertionError("expected one request to " + CHAT + ", saw " + requests.size());
    }
    return requests.get(0);
  }

  static JsonNode sentBody(WireMockExtension server) {
    return json(sent(server).getBodyAsString());
  }

  static String read(String name) {
    return unchecked(() -> {
      try (InputStream in = Objects.requireNonNull(Fixtures.class.getResourceAsStream("/ollama/" + name), name)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    });
  }

  static JsonNode json(String text) {
    return unchecked(() -> MAPPER.readTree(text));
  }

  private static <T> T unchecked(Callable<T> action) {
    try {
      return action.call();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A request for {@code model} as the engine hands it over (model described by the factory). */
  static ProviderRequest request(String model, ChatRequest chat) {
    return ProviderRequest.of(FACTORY.describeModel(model), chat);
  }

  static ProviderRequest request(ChatRequest chat) {
    return request(MODEL, chat);
  }

  static ChatProvider provider(String baseUrl) {
    return provider(baseUrl, b -> b);
  }

  /** A provider for {@code baseUrl} with the config {@code tweak} makes, and an empty environment. */
  static ChatProvider provider(String baseUrl, UnaryOperator<LlmConfig.Builder> tweak) {
    LlmConfig config = tweak.apply(LlmConfig.builder().model("ollama/" + MODEL).baseUrl(baseUrl)).build();
    return FACTORY.create(config, TestProviderContext.withEnv());
  }

  /** The base URL of a loopback port nothing listens on. */
  static String closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Subscribes with unbounded demand and waits (10 s at most) for the stream to end. */
  static Collected collect(Flow.Publisher<ChatEvent> publisher) {
    List<ChatEvent> events = new CopyOnWriteArrayList<>();
    CompletableFuture<@Nullable Throwable> end = new CompletableFuture<>();
    publisher.subscribe(new Flow.Subscriber<ChatEvent>() {
      @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
      @Override public void onNext(ChatEvent event) { events.add(event); }
      @Override public void onError(Throwable t) { end.complete(t); }
      @Override public void onComplete() { end.complete(null); }
    });
    Throwable error = end.orTimeout(10, TimeUnit.SECONDS).join(); // before the copy: events arrive until then
    return new Collected(List.copyOf(events), error);
  }

  /** The events of a stream and how it ended ({@code error} null for a completed stream). */
  record Collected(List<ChatEvent> events, @Nullable Throwable error) {
    <T extends ChatEvent> List<T> ofType(Class<T> type) {
      return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    ChatEvent.Completed completed() {
      List<ChatEvent.Completed> done = ofType(ChatEvent.Completed.class);
      if (done.size() != 1 || events.get(events.size() - 1) != done.get(0)) {
        throw new AssertionError("expected one Completed event, last; got " + events + " and error " + error);
      }
      return done.get(0);
    }
  }
}
