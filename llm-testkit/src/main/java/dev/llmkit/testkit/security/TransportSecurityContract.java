package dev.llmkit.testkit.security;

import static dev.llmkit.testkit.security.SecurityWire.HEADER_SECRET;
import static dev.llmkit.testkit.security.SecurityWire.HI;
import static dev.llmkit.testkit.security.SecurityWire.KEY;
import static dev.llmkit.testkit.security.SecurityWire.collect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.Secret;
import dev.llmkit.api.ToolSpec;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderFactory;
import dev.llmkit.spi.ProviderRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transport and security behaviour every HTTP provider must show, on its three call shapes
 * (respond, respondAsync, stream), against a {@link LoopbackServer}: keys trimmed and checked at
 * creation, no credentials to another origin, an empty 200 alike on every path, unreadable 200s,
 * error bodies and in-band errors reported without the key or a secret header, and unwritable tool
 * schemas as invalid requests. A provider module extends it once, naming its {@link SecurityWire}:
 *
 * <pre>{@code
 * class TransportSecurityTest extends TransportSecurityContract {
 *   static final SecurityWire WIRE = SecurityWire.builder(new AcmeProviderFactory(), "acme-1")
 *       .keyHeader("Authorization", "Bearer ").basePath("/v1").okBody(…).okStream(…).build();
 *
 *   @Override protected SecurityWire wire() { return WIRE; }
 * }
 * }</pre>
 */
public abstract class TransportSecurityContract {
  private @Nullable LoopbackServer server;

  /** The wire of the provider under test. */
  protected abstract SecurityWire wire();

  @BeforeEach
  protected final void startLoopback() throws Exception {
    server = wire().loopback();
  }

  @AfterEach
  protected final void stopLoopback() {
    server().close();
  }

  private LoopbackServer server() {
    if (server == null) {
      throw new IllegalStateException("the loopback server starts before each test");
    }
    return server;
  }

  /**
   * The failure of each call shape, in the order respond, respondAsync, stream: the
   * {@link LlmException} it failed with, or {@code null} where that shape succeeded (any other
   * exception fails the cast, and so the test).
   */
  public static List<@Nullable LlmException> failures(ChatProvider provider, ProviderRequest request) {
    List<@Nullable LlmException> out = new ArrayList<>();
    out.add((LlmException) catchThrowable(() -> provider.respond(request)));
    Throwable async = catchThrowable(() -> provider.respondAsync(request).get(20, TimeUnit.SECONDS));
    out.add((LlmException) (async instanceof ExecutionException || async instanceof CompletionException
        ? async.getCause() : async));
    out.add((LlmException) collect(provider.stream(request)).error());
    return out;
  }

  /**
   * Sends {@code chat} on the three call shapes to a fresh loopback server and checks that each fails
   * with an {@link LlmException} that passes {@code check}, before anything reaches the server: for
   * requests a provider must refuse itself (an empty conversation, an unwritable tool schema).
   */
  public static void assertRefusedBeforeSending(SecurityWire wire, ChatRequest chat, Consumer<LlmException> check)
      throws IOException {
    try (LoopbackServer server = wire.loopback()) {
      List<@Nullable LlmException> failures = failures(wire.provider(server), wire.request(chat));

      assertThat(failures).as("respond, respondAsync and stream each failed").doesNotContainNull();
      failures.forEach(check);
      assertThat(server.requests()).as("requests that reached the server").isEmpty();
    }
  }

  /** Everything a user could print of {@code t}: its stack trace with causes, its string and provider message. */
  static String printed(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out + "\n" + t + "\n" + (t instanceof LlmException e ? e.providerMessage().orElse("") : "");
  }

  @Test
  public void aKeyReadFromAFileWithATrailingNewlineWorksOnEveryCallShape() throws Exception {
    SecurityWire wire = wire();
    ChatProvider provider = wire.provider(server(), b -> b.apiKey(KEY + "\n"));

    provider.respond(wire.request(HI));
    provider.respondAsync(wire.request(HI)).get(20, TimeUnit.SECONDS);
    server().answer(wire.stream(wire.okStream()));
    assertThat(collect(provider.stream(wire.request(HI))).error()).isNull();

    for (int i = 0; i < 3; i++) {
      LoopbackServer.Received received = server().requests().poll(5, TimeUnit.SECONDS);
      assertThat(received).as("request %d of 3 reached the server", i + 1).isNotNull();
      assertThat(received.header(wire.keyHeader())).isEqualTo(wire.keyHeaderValue());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u0000", " ", "\n", "\u00e9"})
  public void aKeyWithACharacterAHeaderCannotCarryFailsAtCreationWithoutPrintingIt(String bad) {
    SecurityWire wire = wire();
    ProviderFactory factory = wire.factory();
    String badKey = KEY.substring(0, 10) + bad + KEY.substring(10);

    Throwable fromConfig = catchThrowable(() -> wire.provider(server(), b -> b.apiKey(badKey)));
    Throwable fromEnv = catchThrowable(() -> factory.create(wire.config(server()).apiKey((Secret) null).build(),
        SecurityWire.context(Map.of(factory.descriptor().apiKeyEnvVars().get(0), badKey))));

    for (Throwable t : List.of(fromConfig, fromEnv)) {
      assertThat(t).isInstanceOfSatisfying(LlmException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
        assertThat(printed(e)).doesNotContain(KEY.substring(0, 10)).doesNotContain(KEY.substring(11))
            .contains("HTTP header");
      });
    }
    assertThat(server().requests()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 303, 307, 308})
  public void aRedirectToAnotherOriginNeverReceivesTheCredentials(int status) throws Exception {
    SecurityWire wire = wire();
    try (LoopbackServer other = wire.loopback()) {
      String location = wire.baseUrl(other) + "/elsewhere?key=" + KEY;
      server().answer(ex -> LoopbackServer.redirect(ex, status, location));
      ChatProvider provider = wire.provider(server());

      for (LlmException e : failures(provider, wire.request(HI))) {
        assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
        assertThat(e.httpStatus()).hasValue(status);
        assertThat(e.getMessage()).contains(other.base()).doesNotContain("elsewhere");
        assertThat(printed(e)).doesNotContain(KEY).doesNotContain(HEADER_SECRET);
      }
      assertThat(server().requests()).hasSize(3);
      assertThat(other.requests()).as("the other origin received nothing").isEmpty();
    }
  }

  @Test
  public void anEmpty200IsTheSameRetryableErrorOnEveryCallShape() {
    SecurityWire wire = wire();
    server().answer(ex -> ex.sendResponseHeaders(200, -1));

    List<LlmException> failures = failures(wire.provider(server()), wire.request(HI));

    for (LlmException e : failures) {
      assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(e.retryable()).isTrue();
      assertThat(e.httpStatus()).hasValue(200);
      assertThat(e.getMessage()).isEqualTo(wire.factory().id() + " answered HTTP 200 with an empty body");
    }
  }

  @Test
  public void aNonJson200BodyEchoingTheKeyIsReportedWithoutIt() {
    SecurityWire wire = wire();
    server().answer(ex -> LoopbackServer.text(ex, 200, "text/html", "<html>proxy says " + KEY + " and " + HEADER_SECRET
        + " Bearer " + KEY + "</html>"));
    ChatProvider provider = wire.provider(server());

    List<LlmException> failures = failures(provider, wire.request(HI)).subList(0, 2);

    for (LlmException e : failures) {
      assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(printed(e)).doesNotContain(KEY).doesNotContain(HEADER_SECRET);
    }
  }

  @Test
  public void aNonJsonStreamChunkEchoingTheKeyIsReportedWithoutIt() {
    SecurityWire wire = wire();
    server().answer(wire.stream(wire.badChunk()));

    Throwable error = collect(wire.provider(server()).stream(wire.request(HI))).error();

    assertThat(error).isInstanceOfSatisfying(LlmException.class, e -> {
      assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(e.midStream()).isTrue();
    });
    assertThat(printed(error)).doesNotContain(KEY).doesNotContain(HEADER_SECRET);
  }

  @Test
  public void errorBodiesAndInBandErrorsEchoingTheKeyAreReportedWithoutIt() {
    SecurityWire wire = wire();
    ChatProvider provider = wire.provider(server());
    List<@Nullable Throwable> errors = new ArrayList<>();
    server().answer(ex -> LoopbackServer.json(ex, 401, wire.errorBody("authentication_error", 401, "UNAUTHENTICATED")));
    errors.addAll(failures(provider, wire.request(HI)));
    server().answer(ex -> LoopbackServer.json(ex, 400, wire.errorBody("invalid_request_error", 400, "INVALID_ARGUMENT")));
    errors.addAll(failures(provider, wire.request(HI)));
    server().answer(ex -> LoopbackServer.text(ex, 502, "text/html", "<html><body>Bad gateway for x-api-key: " + KEY
        + " / " + HEADER_SECRET + "</body></html>"));
    errors.addAll(failures(provider, wire.request(HI)));
    server().answer(wire.stream(wire.errorEvent()));
    errors.add(collect(provider.stream(wire.request(HI))).error());

    assertThat(errors).hasSize(10).doesNotContainNull();
    for (Throwable e : errors) {
      assertThat(printed(e)).doesNotContain(KEY).doesNotContain(HEADER_SECRET);
    }
  }

  @Test
  public void aToolParameterThatCannotBeWrittenAsJsonIsAnInvalidRequestNamingTheTool() throws IOException {
    SecurityWire wire = wire();
    ChatRequest chat = ChatRequest.builder().messages(List.of(Message.user("hi")))
        .tools(List.of(ToolSpec.of("lookup", "finds things",
            Map.of("type", "object", "properties", Map.of("q", Map.of("type", "string")), "x-extra", new Object()))))
        .build();

    assertRefusedBeforeSending(wire, chat, e -> {
      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(e.getMessage()).contains("lookup");
    });
  }

  @Test
  public void theProviderAndItsConfigPrintNoSecret() {
    SecurityWire wire = wire();
    ChatProvider provider = wire.provider(server());

    assertThat(provider.toString() + wire.config(server()).build()).doesNotContain(KEY).doesNotContain(HEADER_SECRET);
  }
}
