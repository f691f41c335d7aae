package dev.llmkit.testkit.security;

import static dev.llmkit.testkit.security.SecurityWire.HEADER;
import static dev.llmkit.testkit.security.SecurityWire.HEADER_SECRET;
import static dev.llmkit.testkit.security.SecurityWire.HI;
import static dev.llmkit.testkit.security.SecurityWire.KEY;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Secret;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderFactory;
import dev.llmkit.spi.ProviderRequest;
import java.lang.reflect.Constructor;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs every error path of one provider with a recognisable fake key and a secret extra header, in a
 * JVM of its own started by {@link KeyHuntContract} with the JDK HTTP client's debug log on, and prints
 * everything a user could see: each exception with its causes and stack trace, its provider message,
 * the {@code toString} of the config, the provider, the request and the response, and every log line
 * at every level (llmkit's and the JDK client's, through {@code System.Logger}). The test then looks
 * for the secrets in all of it.
 *
 * <p>Its one argument names the class that supplies the provider's {@link SecurityWire}: a concrete
 * {@link KeyHuntContract} (the provider's test, as the contract passes it) or a
 * {@code Supplier<SecurityWire>}; either needs a constructor without parameters. It prints
 * {@code SCENARIOS n} at the end and {@code FAIL …} where something that must fail did not.
 */
public final class KeyHunt {
  /** How many scenarios the hunt runs; {@link KeyHuntContract} checks that all of them ran. */
  static final int SCENARIOS = 18;

  private static final List<Logger> LOGGERS = new ArrayList<>();

  private final SecurityWire wire;
  private int scenarios;

  private KeyHunt(SecurityWire wire) {
    this.wire = wire;
  }

  /** Runs the hunt for the wire the class named by {@code args[0]} supplies. */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.out.println("FAIL usage: KeyHunt <class supplying the SecurityWire>");
      System.exit(2);
    }
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
    Logger.getLogger(SecurityWire.LOGGER).fine("the DEBUG log is on");
    new KeyHunt(wireOf(args[0])).run();
    System.exit(0);
  }

  /** The wire of a {@link KeyHuntContract} or a {@code Supplier<SecurityWire>} class. */
  static SecurityWire wireOf(String className) throws ReflectiveOperationException {
    Constructor<?> constructor = Class.forName(className).getDeclaredConstructor();
    constructor.setAccessible(true);
    Object supplier = constructor.newInstance();
    if (supplier instanceof KeyHuntContract contract) {
      return contract.wire();
    }
    if (supplier instanceof Supplier<?> s && s.get() instanceof SecurityWire wire) {
      return wire;
    }
    throw new IllegalArgumentException(className + " is neither a KeyHuntContract nor a Supplier<SecurityWire>");
  }

  private void run() throws Exception {
    try (LoopbackServer server = wire.loopback(); LoopbackServer other = wire.loopback()) {
      UnaryOperator<LlmConfig.Builder> withTimeout = b -> b.timeout(Duration.ofSeconds(1));
      ChatProvider provider = wire.provider(server, withTimeout);
      show("config", wire.config(server).build());
      show("provider", provider);
      show("request", wire.request(HI));

      scenario(server, provider, "success", ex -> LoopbackServer.json(ex, 200, wire.okBody()),
          wire.stream(wire.okStream()));
      scenario(server, provider, "401 echoing the key",
          ex -> LoopbackServer.json(ex, 401, wire.errorBody("authentication_error", 401, "UNAUTHENTICATED")));
      scenario(server, provider, "400 echoing the key",
          ex -> LoopbackServer.json(ex, 400, wire.errorBody("invalid_request_error", 400, "INVALID_ARGUMENT")));
      scenario(server, provider, "429 echoing the key", ex -> {
        ex.getResponseHeaders().set("Retry-After", "7");
        LoopbackServer.json(ex, 429, wire.errorBody("rate_limit_error", 429, "RESOURCE_EXHAUSTED"));
      });
      scenario(server, provider, "502 HTML page echoing the key", ex -> LoopbackServer.text(ex, 502, "text/html",
          "<html><body>Bad gateway. Authorization: Bearer " + KEY + "; " + HEADER + ": " + HEADER_SECRET + "</body></html>"));
      scenario(server, provider, "200 that is not JSON", ex -> LoopbackServer.text(ex, 200, "text/plain",
          "upstream echo " + KEY + " " + HEADER_SECRET));
      scenario(server, provider, "200 JSON of an unknown shape",
          ex -> LoopbackServer.json(ex, 200, "{\"unexpected\":\"" + KEY + "\",\"h\":\"" + HEADER_SECRET + "\"}"));
      scenario(server, provider, "200 empty", ex -> ex.sendResponseHeaders(200, -1));
      scenario(server, provider, "a stream chunk that is not JSON", wire.stream(wire.badChunk()));
      scenario(server, provider, "an in-band error event", wire.stream(wire.errorEvent()));
      scenario(server, provider, "a redirect to another origin",
          ex -> LoopbackServer.redirect(ex, 307, other.base() + "/x?key=" + KEY + "&token=" + HEADER_SECRET));
      scenario(server, provider, "a body over the limit", ex -> LoopbackServer.text(ex, 200, "application/json",
          ("{\"echo\":\"" + KEY + HEADER_SECRET + "\"}").repeat(400)));
      scenario(server, provider, "a stream line over the limit",
          wire.stream((wire.ndjson() ? "" : "data: ") + (KEY + HEADER_SECRET).repeat(400)));
      CountDownLatch stallOver = new CountDownLatch(1);
      scenario(server, provider, "a server that stalls", ex -> stallUntil(stallOver));
      stallOver.countDown(); // every call gave up (1 s timeout): let the held answers go
      if (!other.requests().isEmpty()) {
        System.out.println("FAIL the other origin received " + other.requests().size() + " request(s)");
      }
    }

    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (LoopbackServer unused = wire.loopback()) {
      ProviderFactory factory = wire.factory();
      ChatProvider refused = factory.create(wire.config(unused)
          .baseUrl("http://127.0.0.1:" + closedPort + wire.basePath()).build(), SecurityWire.context(Map.of()));
      scenario(unused, refused, "a refused connection", ex -> { });

      creation("a key with a control character", () -> wire.provider(unused, b -> b.apiKey(KEY + "\u0001x")));
      creation("a key from the environment with a line break inside", () -> factory.create(
          wire.config(unused).apiKey((Secret) null).build(),
          SecurityWire.context(Map.of(factory.descriptor().apiKeyEnvVars().get(0), KEY + "\nx"))));
      creation("an extra header that cannot be sent",
          () -> wire.provider(unused, b -> b.extraHeader(HEADER, HEADER_SECRET + "\r\nInjected: 1")));
    }
    System.out.println("SCENARIOS " + scenarios);
  }

  private void scenario(LoopbackServer server, ChatProvider provider, String name, LoopbackServer.Answer answer)
      throws Exception {
    scenario(server, provider, name, answer, answer);
  }

  private void scenario(LoopbackServer server, ChatProvider provider, String name, LoopbackServer.Answer answer,
      LoopbackServer.Answer streamAnswer) throws Exception {
    scenarios++;
    System.out.println("=== " + name);
    ProviderRequest request = wire.request(HI);
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
    SecurityWire.Collected collected = SecurityWire.collect(provider.stream(request));
    for (ChatEvent event : collected.events()) {
      show("event", event);
    }
    if (collected.error() != null) {
      show("stream failed", collected.error());
    }
  }

  private void creation(String name, Runnable create) {
    scenarios++;
    System.out.println("=== " + name);
    try {
      create.run();
      System.out.println("FAIL creation succeeded");
    } catch (RuntimeException e) {
      show("creation failed", e);
    }
  }

  /** Holds an answer back until the scenario is over (the client gave up), 30 s at most. */
  private static void stallUntil(CountDownLatch over) {
    try {
      over.await(30, TimeUnit.SECONDS);
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
