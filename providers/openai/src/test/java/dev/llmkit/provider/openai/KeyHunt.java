package dev.llmkit.provider.openai;

import static dev.llmkit.provider.openai.SecurityFixtures.HEADER;
import static dev.llmkit.provider.openai.SecurityFixtures.HEADER_SECRET;
import static dev.llmkit.provider.openai.SecurityFixtures.HI;
import static dev.llmkit.provider.openai.SecurityFixtures.KEY;
import static dev.llmkit.provider.openai.SecurityFixtures.request;

import dev.llmkit.provider.openai.SecurityFixtures.Loopback;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderRequest;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs every error path of this provider with a recognisable fake key and a secret extra header, in a
 * JVM of its own started by {@link KeyHuntTest} with the JDK HTTP client's debug log on, and prints
 * everything a user could see: each exception with its causes and stack trace, its provider message,
 * the {@code toString} of the config, the provider, the request and the response, and every log line
 * at every level (llmkit's and the JDK client's, through {@code System.Logger}). The test then looks
 * for the secrets in all of it.
 */
public final class KeyHunt {
  private static int scenarios;
  private static final java.util.List<Logger> LOGGERS = new java.util.ArrayList<>();

  private KeyHunt() {}

  public static void main(String[] args) throws Exception {
    // System.Logger DEBUG and TRACE go to java.util.logging FINE and FINER: llmkit's loggers and the
    // JDK HTTP client's at every level (kept in fields, as java.util.logging holds loggers weakly).
    for (Handler h : Logger.getLogger("").getHandlers()) {
      h.setLevel(Level.ALL);
    }
    for (String name : new String[] {"dev.llmkit", "jdk.httpclient", "jdk.internal.httpclient"}) {
      Logger logger = Logger.getLogger(name);
      logger.setLevel(Level.ALL);
      LOGGERS.add(logger);
    }
    Logger.getLogger("dev.llmkit.test").fine("the DEBUG log is on");
    try (Loopback server = new Loopback(); Loopback other = new Loopback()) {
      UnaryOperator<LlmConfig.Builder> withTimeout = b -> b.timeout(Duration.ofSeconds(1));
      ChatProvider provider = SecurityFixtures.provider(server, withTimeout);
      ProviderRequest request = request(HI);
      show("config", SecurityFixtures.config(server).build());
      show("provider", provider);
      show("request", request);

      scenario(server, provider, "success", ex -> Loopback.json(ex, 200, SecurityFixtures.OK_BODY),
          ex -> Loopback.stream(ex, SecurityFixtures.OK_STREAM));
      scenario(server, provider, "401 echoing the key",
          ex -> Loopback.json(ex, 401, SecurityFixtures.errorBody("authentication_error", 401, "UNAUTHENTICATED")));
      scenario(server, provider, "400 echoing the key",
          ex -> Loopback.json(ex, 400, SecurityFixtures.errorBody("invalid_request_error", 400, "INVALID_ARGUMENT")));
      scenario(server, provider, "429 echoing the key", ex -> {
        ex.getResponseHeaders().set("Retry-After", "7");
        Loopback.json(ex, 429, SecurityFixtures.errorBody("rate_limit_error", 429, "RESOURCE_EXHAUSTED"));
      });
      scenario(server, provider, "502 HTML page echoing the key", ex -> Loopback.text(ex, 502, "text/html",
          "<html><body>Bad gateway. Authorization: Bearer " + KEY + "; " + HEADER + ": " + HEADER_SECRET + "</body></html>"));
      scenario(server, provider, "200 that is not JSON", ex -> Loopback.text(ex, 200, "text/plain",
          "upstream echo " + KEY + " " + HEADER_SECRET));
      scenario(server, provider, "200 JSON of an unknown shape",
          ex -> Loopback.json(ex, 200, "{\"unexpected\":\"" + KEY + "\",\"h\":\"" + HEADER_SECRET + "\"}"));
      scenario(server, provider, "200 empty", ex -> ex.sendResponseHeaders(200, -1));
      scenario(server, provider, "a stream chunk that is not JSON", ex -> Loopback.stream(ex, SecurityFixtures.badChunk()));
      scenario(server, provider, "an in-band error event", ex -> Loopback.stream(ex, SecurityFixtures.errorEvent()));
      scenario(server, provider, "a redirect to another origin",
          ex -> Loopback.redirect(ex, 307, other.base() + "/x?key=" + KEY + "&token=" + HEADER_SECRET));
      scenario(server, provider, "a body over the limit", ex -> Loopback.text(ex, 200, "application/json",
          ("{\"echo\":\"" + KEY + HEADER_SECRET + "\"}").repeat(400)));
      scenario(server, provider, "a stream line over the limit", ex -> Loopback.stream(ex,
          (SecurityFixtures.NDJSON ? "" : "data: ") + (KEY + HEADER_SECRET).repeat(400)));
      scenario(server, provider, "a server that stalls", ex -> sleep());
      if (other.requests.size() > 0) {
        System.out.println("FAIL the other origin received " + other.requests.size() + " request(s)");
      }
    }

    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (Loopback unused = new Loopback()) {
      ChatProvider refused = SecurityFixtures.FACTORY.create(SecurityFixtures.config(unused).baseUrl(
          "http://127.0.0.1:" + closedPort + "/v1").build(), new SecurityFixtures.Context(Map.of(), System.getLogger("dev.llmkit.test")));
      scenario(unused, refused, "a refused connection", ex -> { });

      creation("a key with a control character", () -> SecurityFixtures.provider(unused, b -> b.apiKey(KEY + "\u0001x")));
      creation("a key from the environment with a line break inside", () -> SecurityFixtures.FACTORY.create(
          SecurityFixtures.config(unused).apiKey((dev.llmkit.api.Secret) null).build(),
          new SecurityFixtures.Context(Map.of(SecurityFixtures.FACTORY.descriptor().apiKeyEnvVars().get(0), KEY + "\nx"),
              System.getLogger("dev.llmkit.test"))));
      creation("an extra header that cannot be sent",
          () -> SecurityFixtures.provider(unused, b -> b.extraHeader(HEADER, HEADER_SECRET + "\r\nInjected: 1")));
    }
    System.out.println("SCENARIOS " + scenarios);
    System.exit(0);
  }

  private static void scenario(Loopback server, ChatProvider provider, String name, Loopback.Answer answer)
      throws Exception {
    scenario(server, provider, name, answer, answer);
  }

  private static void scenario(Loopback server, ChatProvider provider, String name, Loopback.Answer answer,
      Loopback.Answer streamAnswer) throws Exception {
    scenarios++;
    System.out.println("=== " + name);
    ProviderRequest request = request(HI);
    server.answer(answer);
    try {
      show("respond", provider.respond(request));
    } catch (RuntimeException e) {
      show("respond failed", e);
    }
    try {
      show("respondAsync", provider.respondAsync(request).get(30, TimeUnit.SECONDS));
    } catch (ExecutionException e) {
      show("respondAsync failed", e.getCause());
    }
    server.answer(streamAnswer);
    SecurityFixtures.Collected collected = SecurityFixtures.collect(provider.stream(request));
    for (ChatEvent event : collected.events()) {
      show("event", event);
    }
    if (collected.error() != null) {
      show("stream failed", collected.error());
    }
  }

  private static void creation(String name, Runnable create) {
    scenarios++;
    System.out.println("=== " + name);
    try {
      create.run();
      System.out.println("FAIL creation succeeded");
    } catch (RuntimeException e) {
      show("creation failed", e);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(3_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void show(String what, Object value) {
    System.out.println(what + ": " + value);
    if (value instanceof Throwable t) {
      t.printStackTrace(System.out);
      if (t instanceof LlmException e) {
        System.out.println("  providerMessage: " + e.providerMessage().orElse("-"));
        e.partialResponse().ifPresent(p -> System.out.println("  partial: " + p));
      }
    }
  }
}
