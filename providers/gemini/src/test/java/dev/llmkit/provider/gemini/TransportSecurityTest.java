package dev.llmkit.provider.gemini;

import static dev.llmkit.provider.gemini.SecurityFixtures.FACTORY;
import static dev.llmkit.provider.gemini.SecurityFixtures.HEADER_SECRET;
import static dev.llmkit.provider.gemini.SecurityFixtures.HI;
import static dev.llmkit.provider.gemini.SecurityFixtures.KEY;
import static dev.llmkit.provider.gemini.SecurityFixtures.KEY_HEADER;
import static dev.llmkit.provider.gemini.SecurityFixtures.KEY_HEADER_VALUE;
import static dev.llmkit.provider.gemini.SecurityFixtures.collect;
import static dev.llmkit.provider.gemini.SecurityFixtures.config;
import static dev.llmkit.provider.gemini.SecurityFixtures.provider;
import static dev.llmkit.provider.gemini.SecurityFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmkit.provider.gemini.SecurityFixtures.Loopback;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.ToolSpec;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The security and transport findings of the reliability issue, for this provider, on the three call
 * shapes: keys trimmed and checked at creation, no credentials to another origin, an empty 200 alike
 * on every path, unreadable 200s without the key, and unwritable tool schemas as invalid requests.
 */
class TransportSecurityTest {
  private Loopback server;

  @BeforeEach
  void start() throws Exception {
    server = new Loopback();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** The failure of each call shape: respond, respondAsync, stream. */
  static List<LlmException> failures(ChatProvider provider, ProviderRequest request) {
    List<LlmException> out = new ArrayList<>();
    out.add((LlmException) catchThrowable(() -> provider.respond(request)));
    Throwable async = catchThrowable(() -> provider.respondAsync(request).get(20, TimeUnit.SECONDS));
    out.add((LlmException) (async instanceof java.util.concurrent.ExecutionException || async instanceof CompletionException
        ? async.getCause() : async));
    out.add((LlmException) collect(provider.stream(request)).error());
    return out;
  }

  static String printed(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out + "\n" + t + "\n" + (t instanceof LlmException e ? e.providerMessage().orElse("") : "");
  }

  @Test
  void aKeyReadFromAFileWithATrailingNewlineWorksOnEveryCallShape() throws Exception {
    ChatProvider provider = provider(server, b -> b.apiKey(KEY + "\n"));

    provider.respond(request(HI));
    provider.respondAsync(request(HI)).get(20, TimeUnit.SECONDS);
    server.answer(ex -> Loopback.stream(ex, SecurityFixtures.OK_STREAM));
    assertThat(collect(provider.stream(request(HI))).error()).isNull();

    for (int i = 0; i < 3; i++) {
      assertThat(server.requests.poll(5, TimeUnit.SECONDS).header(KEY_HEADER)).isEqualTo(KEY_HEADER_VALUE);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u0000", " ", "\n", "\u00e9"})
  void aKeyWithACharacterAHeaderCannotCarryFailsAtCreationWithoutPrintingIt(String bad) {
    String badKey = KEY.substring(0, 10) + bad + KEY.substring(10);

    Throwable fromConfig = catchThrowable(() -> provider(server, b -> b.apiKey(badKey)));
    Throwable fromEnv = catchThrowable(() -> FACTORY.create(config(server).apiKey((dev.llmkit.api.Secret) null).build(),
        new SecurityFixtures.Context(Map.of(FACTORY.descriptor().apiKeyEnvVars().get(0), badKey),
            System.getLogger("dev.llmkit.test"))));

    for (Throwable t : List.of(fromConfig, fromEnv)) {
      assertThat(t).isInstanceOfSatisfying(LlmException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
        assertThat(printed(e)).doesNotContain(KEY.substring(0, 10)).doesNotContain(KEY.substring(11))
            .contains("HTTP header");
      });
    }
    assertThat(server.requests).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void aRedirectToAnotherOriginNeverReceivesTheCredentials(int status) throws Exception {
    try (Loopback other = new Loopback()) {
      String location = SecurityFixtures.baseUrl(other) + "/elsewhere?key=" + KEY;
      server.answer(ex -> Loopback.redirect(ex, status, location));
      ChatProvider provider = provider(server);

      for (LlmException e : failures(provider, request(HI))) {
        assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
        assertThat(e.httpStatus()).hasValue(status);
        assertThat(e.getMessage()).contains(other.base()).doesNotContain("elsewhere");
        assertThat(printed(e)).doesNotContain(KEY).doesNotContain(HEADER_SECRET);
      }
      assertThat(server.requests).hasSize(3);
      assertThat(other.requests).as("the other origin received nothing").isEmpty();
    }
  }

  @Test
  void anEmpty200IsTheSameRetryableErrorOnEveryCallShape() {
    server.answer(ex -> ex.sendResponseHeaders(200, -1));

    List<LlmException> failures = failures(provider(server), request(HI));

    for (LlmException e : failures) {
      assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(e.retryable()).isTrue();
      assertThat(e.httpStatus()).hasValue(200);
      assertThat(e.getMessage()).isEqualTo(FACTORY.id() + " answered HTTP 200 with an empty body");
    }
  }

  @Test
  void aNonJson200BodyEchoingTheKeyIsReportedWithoutIt() {
    server.answer(ex -> Loopback.text(ex, 200, "text/html", "<html>proxy says " + KEY + " and " + HEADER_SECRET
        + " Bearer " + KEY + "</html>"));
    ChatProvider provider = provider(server);

    List<LlmException> failures = failures(provider, request(HI)).subList(0, 2);

    for (LlmException e : failures) {
      assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(printed(e)).doesNotContain(KEY).doesNotContain(HEADER_SECRET);
    }
  }

  @Test
  void aNonJsonStreamChunkEchoingTheKeyIsReportedWithoutIt() {
    server.answer(ex -> Loopback.stream(ex, SecurityFixtures.badChunk()));

    Throwable error = collect(provider(server).stream(request(HI))).error();

    assertThat(error).isInstanceOfSatisfying(LlmException.class, e -> {
      assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(e.midStream()).isTrue();
    });
    assertThat(printed(error)).doesNotContain(KEY).doesNotContain(HEADER_SECRET);
  }

  @Test
  void errorBodiesAndInBandErrorsEchoingTheKeyAreReportedWithoutIt() {
    ChatProvider provider = provider(server);
    List<Throwable> errors = new ArrayList<>();
    server.answer(ex -> Loopback.json(ex, 401, SecurityFixtures.errorBody("authentication_error", 401, "UNAUTHENTICATED")));
    errors.addAll(failures(provider, request(HI)));
    server.answer(ex -> Loopback.json(ex, 400, SecurityFixtures.errorBody("invalid_request_error", 400, "INVALID_ARGUMENT")));
    errors.addAll(failures(provider, request(HI)));
    server.answer(ex -> Loopback.text(ex, 502, "text/html", "<html><body>Bad gateway for x-api-key: " + KEY
        + " / " + HEADER_SECRET + "</body></html>"));
    errors.addAll(failures(provider, request(HI)));
    server.answer(ex -> Loopback.stream(ex, SecurityFixtures.errorEvent()));
    errors.add(collect(provider.stream(request(HI))).error());

    assertThat(errors).hasSize(10).doesNotContainNull();
    for (Throwable e : errors) {
      assertThat(printed(e)).doesNotContain(KEY).doesNotContain(HEADER_SECRET);
    }
  }

  @Test
  void aToolParameterThatCannotBeWrittenAsJsonIsAnInvalidRequestNamingTheTool() {
    ChatRequest chat = ChatRequest.builder().messages(List.of(Message.user("hi")))
        .tools(List.of(ToolSpec.of("lookup", "finds things",
            Map.of("type", "object", "properties", Map.of("q", Map.of("type", "string")), "x-extra", new Object()))))
        .build();

    for (LlmException e : failures(provider(server), request(chat))) {
      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(e.getMessage()).contains("lookup");
    }
    assertThat(server.requests).isEmpty();
  }

  @Test
  void theProviderAndItsConfigPrintNoSecret() {
    ChatProvider provider = provider(server);

    assertThat(provider.toString() + config(server).build()).doesNotContain(KEY).doesNotContain(HEADER_SECRET);
  }
}
