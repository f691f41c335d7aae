package dev.llmkit.provider.openai;

import dev.llmkit.testkit.TestProviderContext;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.Message;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderFactory;
import dev.llmkit.spi.ProviderRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** Shared helpers: providers pointed at a {@link StubServer}, captured bodies, collected streams. */
final class Fixtures {
  static final String KEY = "sk-test-0123456789abcdefSECRET";
  /** The one-message chat of tests about anything but the request's content. */
  static final ChatRequest HI = ChatRequest.of(Message.user("hi"));
  /** The time of {@link #providerAtNow}'s clock, which rate-limit resets count from. */
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private Fixtures() {}

  /** A provider of {@code factory} whose base URL is the mock server's {@code /v1}. */
  static ChatProvider provider(ProviderFactory factory, WireMockServer server) {
    return provider(factory, server, b -> b);
  }

  static ChatProvider provider(ProviderFactory factory, WireMockServer server, UnaryOperator<LlmConfig.Builder> tweak) {
    return factory.create(config(factory, server, tweak), TestProviderContext.withEnv());
  }

  /** A provider whose clock stands still at {@link #NOW}. */
  static ChatProvider providerAtNow(ProviderFactory factory, WireMockServer server) {
    return factory.create(config(factory, server, b -> b),
        TestProviderContext.withEnv().withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
  }

  private static LlmConfig config(ProviderFactory factory, WireMockServer server, UnaryOperator<LlmConfig.Builder> tweak) {
    return tweak.apply(LlmConfig.builder()
        .model(factory.id() + "/test")
        .apiKey(KEY)
        .baseUrl(server.baseUrl() + "/v1")).build();
  }

  static ProviderRequest request(ProviderFactory factory, String model, ChatRequest chat) {
    return ProviderRequest.of(factory.describeModel(model), chat);
  }

  static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The body of the only request the server received, as JSON. */
  static JsonNode sentBody(WireMockServer server) {
    return json(sentRequest(server).getBodyAsString());
  }

  /** The only request the server received. */
  static LoggedRequest sentRequest(WireMockServer server) {
    List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
    if (requests.size() != 1) {
      throw new AssertionError("expected one request, got " + requests.size());
    }
    return requests.get(0);
  }

  /** The SSE body of the given data payloads, each as {@code data: <payload>} and a blank line. */
  static String sse(String... payloads) {
    StringBuilder sb = new StringBuilder();
    for (String p : payloads) {
      sb.append("data: ").append(p).append("\n\n");
    }
    return sb.toString();
  }

  /** Everything a stream delivered: its events and how it ended. */
  record Collected(List<ChatEvent> events, Throwable error, boolean completed) {
    ChatEvent.Completed completedEvent() {
      ChatEvent last = events.get(events.size() - 1);
      if (!(last instanceof ChatEvent.Completed c)) {
        throw new AssertionError("last event is not Completed: " + last + (error == null ? "" : ", error " + error));
      }
      return c;
    }

    <T extends ChatEvent> List<T> eventsOf(Class<T> type) {
      List<T> out = new ArrayList<>();
      for (ChatEvent e : events) {
        if (type.isInstance(e)) {
          out.add(type.cast(e));
        }
      }
      return out;
    }
  }

  /** Subscribes with unbounded demand and waits for the end of the stream. */
  static Collected collect(Flow.Publisher<ChatEvent> publisher) {
    List<ChatEvent> events = new ArrayList<>();
    Throwable[] error = new Throwable[1];
    boolean[] completed = new boolean[1];
    CountDownLatch done = new CountDownLatch(1);
    publisher.subscribe(new Flow.Subscriber<>() {
      @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
      @Override public void onNext(ChatEvent item) { synchronized (events) { events.add(item); } }
      @Override public void onError(Throwable t) { error[0] = t; done.countDown(); }
      @Override public void onComplete() { completed[0] = true; done.countDown(); }
    });
    try {
      if (!done.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("stream did not end within 10s; events so far " + events);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    synchronized (events) {
      return new Collected(List.copyOf(events), error[0], completed[0]);
    }
  }
}
