package dev.llmkit.testkit.security;

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
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * What the security contracts need to know about one provider's wire: its factory and a model, the
 * header the key travels in, a successful answer and stream, the path the base URL ends with and
 * whether streams are NDJSON or SSE. From that it builds the provider under test on a
 * {@link LoopbackServer}, configured with the fake {@link #KEY} and a secret extra header
 * ({@link #HEADER}: {@link #HEADER_SECRET}), and writes the hostile answers every provider must survive
 * without printing either secret.
 *
 * <pre>{@code
 * static final SecurityWire WIRE = SecurityWire.builder(new OpenAiProviderFactory(), "gpt-4o")
 *     .keyHeader("Authorization", "Bearer ")
 *     .basePath("/v1")
 *     .okBody("{\"choices\":[…]}")
 *     .okStream("data: {…}\n\ndata: [DONE]\n\n")
 *     .build();
 * }</pre>
 *
 * @param factory the provider's factory
 * @param model a model the factory describes
 * @param keyHeader the header the key travels in (e.g. {@code Authorization}, {@code x-api-key})
 * @param keyPrefix what precedes the key in that header (e.g. {@code "Bearer "}; empty for none)
 * @param basePath what the base URL ends with after the server's root (e.g. {@code /v1}; empty for none)
 * @param okBody a successful non-streaming answer "hi"
 * @param okStream a successful stream answering "hi"
 * @param ndjson whether streams are newline-delimited JSON (Ollama) rather than server-sent events
 */
public record SecurityWire(ProviderFactory factory, String model, String keyHeader, String keyPrefix,
    String basePath, String okBody, String okStream, boolean ndjson) {

  /** A recognisable fake key that no pattern would catch: only the configured-key redaction can. */
  public static final String KEY = "HUNTKEY-7f3a9c2e1b5d4f60a8e2c7d9";
  /** A recognisable secret in an extra header. */
  public static final String HEADER_SECRET = "HDRSECRET-55aa77bb99cc11dd";
  /** The extra header that carries {@link #HEADER_SECRET}. */
  public static final String HEADER = "X-Gateway-Token";
  /** A one-message conversation. */
  public static final ChatRequest HI = ChatRequest.of(Message.user("hi"));
  /** The logger the provider under test is given. */
  static final String LOGGER = "dev.llmkit.test";

  /** A client configured like llmkit's shared one: no redirects, its own executor. */
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER)
      .executor(HttpClientExecutor.create())
      .build();

  /** Checks that every part is given. */
  public SecurityWire {
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(keyHeader, "keyHeader");
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    Objects.requireNonNull(basePath, "basePath");
    Objects.requireNonNull(okBody, "okBody: a successful non-streaming answer");
    Objects.requireNonNull(okStream, "okStream: a successful stream");
  }

  /** A builder for the wire of the provider {@code factory} creates, called with {@code model}. */
  public static Builder builder(ProviderFactory factory, String model) {
    return new Builder(factory, model);
  }

  /** The value of {@link #keyHeader()} when the key is {@link #KEY}. */
  public String keyHeaderValue() {
    return keyPrefix + KEY;
  }

  /** The content type of this wire's streams. */
  public String streamContentType() {
    return ndjson ? "application/x-ndjson" : "text/event-stream";
  }

  /** The request of {@code chat} to {@link #model()}. */
  public ProviderRequest request(ChatRequest chat) {
    return ProviderRequest.of(factory.describeModel(model), chat);
  }

  /** The base URL of the provider's API on {@code server}. */
  public String baseUrl(LoopbackServer server) {
    return server.base() + basePath;
  }

  /** A config for {@code server} with {@link #KEY} and the secret extra header. */
  public LlmConfig.Builder config(LoopbackServer server) {
    return LlmConfig.builder().model(factory.id() + "/" + model).apiKey(KEY).baseUrl(baseUrl(server))
        .extraHeader(HEADER, HEADER_SECRET);
  }

  /** The provider on {@code server}, created from {@link #config(LoopbackServer)}. */
  public ChatProvider provider(LoopbackServer server) {
    return provider(server, b -> b);
  }

  /** The provider on {@code server}, created from {@link #config(LoopbackServer)} as {@code tweak} changes it. */
  public ChatProvider provider(LoopbackServer server, UnaryOperator<LlmConfig.Builder> tweak) {
    return factory.create(tweak.apply(config(server)).build(), context(Map.of()));
  }

  /** A loopback server that answers {@link #okBody()} until the test sets another answer. */
  public LoopbackServer loopback() throws IOException {
    return new LoopbackServer(ex -> LoopbackServer.json(ex, 200, okBody));
  }

  /** An answer that streams {@code body} with this wire's content type. */
  public LoopbackServer.Answer stream(String body) {
    return ex -> LoopbackServer.stream(ex, streamContentType(), body);
  }

  /** An error body in a shape every provider reads, its message echoing the key and the header secret. */
  public String errorBody(String type, int code, String status) {
    return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"Incorrect API key provided: " + KEY
        + "; header " + HEADER_SECRET + "\",\"code\":" + code + ",\"status\":\"" + status + "\"},\"request_id\":\"req_1\"}";
  }

  /** A stream chunk that is not JSON and echoes both secrets. */
  public String badChunk() {
    return ndjson ? "not json " + KEY + " " + HEADER_SECRET + "\n" : "data: not json " + KEY + " " + HEADER_SECRET + "\n\n";
  }

  /** An in-band error event echoing both secrets. */
  public String errorEvent() {
    String json = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"echo " + KEY + " "
        + HEADER_SECRET + "\",\"code\":500,\"status\":\"INTERNAL\"}}";
    return ndjson ? "{\"error\":\"echo " + KEY + " " + HEADER_SECRET + "\"}\n" : "event: error\ndata: " + json + "\n\n";
  }

  /**
   * The host's services as llmkit gives them: a client that follows no redirect and has its own
   * executor, a direct executor, and an environment holding exactly {@code environment}.
   */
  public static ProviderContext context(Map<String, String> environment) {
    return new Context(Map.copyOf(environment), System.getLogger(LOGGER));
  }

  private record Context(Map<String, String> environment, System.Logger logger) implements ProviderContext {
    @Override public HttpClient httpClient() { return CLIENT; }
    @Override public Clock clock() { return Clock.systemUTC(); }
    @Override public Executor executor() { return Runnable::run; }
    @Override public Optional<String> env(String name) { return Optional.ofNullable(environment.get(name)); }
  }

  /** Everything a stream delivered, and the error it ended with ({@code null} when it completed). */
  public record Collected(List<ChatEvent> events, @Nullable Throwable error) {}

  /** Subscribes to {@code publisher}, requests everything and waits up to 20 s for its end. */
  public static Collected collect(Flow.Publisher<ChatEvent> publisher) {
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

  /** Builds a {@link SecurityWire}; the key header, the OK body and the OK stream are required. */
  public static final class Builder {
    private final ProviderFactory factory;
    private final String model;
    private @Nullable String keyHeader;
    private String keyPrefix = "";
    private String basePath = "";
    private @Nullable String okBody;
    private @Nullable String okStream;
    private boolean ndjson;

    private Builder(ProviderFactory factory, String model) {
      this.factory = Objects.requireNonNull(factory, "factory");
      this.model = Objects.requireNonNull(model, "model");
    }

    /** The header the key travels in, and what precedes the key in it ({@code "Bearer "}, or empty). */
    public Builder keyHeader(String name, String prefix) {
      keyHeader = name;
      keyPrefix = prefix;
      return this;
    }

    /** What the base URL ends with after the server's root, e.g. {@code /v1}; empty by default. */
    public Builder basePath(String value) {
      basePath = value;
      return this;
    }

    /** A successful non-streaming answer "hi". */
    public Builder okBody(String value) {
      okBody = value;
      return this;
    }

    /** A successful stream answering "hi", in the wire's stream format. */
    public Builder okStream(String value) {
      okStream = value;
      return this;
    }

    /** Streams are newline-delimited JSON rather than server-sent events. */
    public Builder ndjson() {
      ndjson = true;
      return this;
    }

    /** The wire. */
    public SecurityWire build() {
      return new SecurityWire(factory, model, Objects.requireNonNull(keyHeader, "keyHeader: call keyHeader(name, prefix)"),
          keyPrefix, basePath, Objects.requireNonNull(okBody, "okBody"), Objects.requireNonNull(okStream, "okStream"), ndjson);
    }
  }
}
