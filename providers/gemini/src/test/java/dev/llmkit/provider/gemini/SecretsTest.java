package dev.llmkit.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.ChatProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A hunt for the fake key: it goes out in the x-goog-api-key header and nowhere else. */
class SecretsTest {
  @RegisterExtension
  static final GeminiStub gemini = new GeminiStub();

  /** The parts of the key that would give it away even when cut or wrapped. */
  private static void assertNoKey(String text) {
    assertThat(text).doesNotContain(Fixtures.KEY).doesNotContain("fakeTestKey").doesNotContain("never-logged");
  }

  private static void assertNoKey(LlmException e) {
    assertNoKey(e.getMessage());
    assertNoKey(e.toString());
    e.providerMessage().ifPresent(SecretsTest::assertNoKey);
    e.partialResponse().ifPresent(r -> assertNoKey(r.toString()));
  }

  private static LlmException onRespond() {
    return catchThrowableOfType(LlmException.class, () -> Fixtures.provider(gemini.baseUrl()).respond(Fixtures.hi()));
  }

  @Test
  void theKeyIsNotInTheUrlTheBodyOrAnyToString() {
    gemini.answerJson(Fixtures.read("generate-text.json"));
    ChatProvider provider = Fixtures.provider(gemini.baseUrl());

    provider.respond(Fixtures.hi());

    assertNoKey(gemini.onlyRequest().getAbsoluteUrl());
    assertNoKey(gemini.onlyRequest().getBodyAsString());
    assertNoKey(provider.toString());
    assertNoKey(Fixtures.FACTORY.toString());
    assertNoKey(LlmConfig.builder().model("gemini/gemini-2.5-flash").apiKey(Fixtures.KEY).build().toString());
  }

  @Test
  void aKeyEchoedInAnErrorIsRedactedFromEveryField() {
    gemini.answerError(400, ErrorMappingTest.error(400, "INVALID_ARGUMENT",
        "API key not valid: " + Fixtures.KEY + " (seen by proxy)"));

    LlmException e = onRespond();

    assertNoKey(e);
    assertThat(e.providerMessage()).hasValueSatisfying(m -> assertThat(m).contains("API key not valid", "(seen by proxy)"));
  }

  @Test
  void anotherGoogleKeyEchoedByAProxyIsRedactedToo() {
    String other = "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q";
    gemini.answerError(502, "<html>upstream refused key=" + other + "</html>");

    LlmException e = onRespond();

    assertThat(e.getMessage()).doesNotContain(other).contains("AIza****");
  }

  @Test
  void aKeyEchoedInAStreamErrorIsRedacted() {
    gemini.answerStream(Fixtures.read("stream-truncated.sse") + "data: {\"error\":{\"code\":500,\"message\":\"gateway saw "
        + Fixtures.KEY + "\",\"status\":\"INTERNAL\"}}\r\n\r\n");

    LlmException e = Drained.from(Fixtures.provider(gemini.baseUrl()).stream(Fixtures.hi())).failure();

    assertNoKey(e);
    assertThat(e.providerMessage()).hasValueSatisfying(m -> assertThat(m).contains("gateway saw"));
  }

  @Test
  void nothingLoggedOnAnyKindOfCallCarriesTheKey() {
    RecordingContext context = RecordingContext.withKey();
    ChatProvider provider = Fixtures.FACTORY.create(
        LlmConfig.builder().model("gemini/gemini-2.5-flash").baseUrl(gemini.baseUrl()).build(), context);
    gemini.answerJson(Fixtures.read("generate-text.json"));
    gemini.answerStream(Fixtures.read("stream-text.sse"));

    provider.respond(Fixtures.hi());
    provider.respondAsync(Fixtures.hi()).join();
    Drained.from(provider.stream(Fixtures.hi())).response();
    gemini.answerError(401, ErrorMappingTest.error(401, "UNAUTHENTICATED", "bad key " + Fixtures.KEY));
    catchThrowableOfType(LlmException.class, () -> provider.respond(Fixtures.request("gemini-2.5-flash",
        ChatRequest.builder().user("Hi").build())));

    assertThat(context.logged()).hasSizeGreaterThanOrEqualTo(4)
        .allSatisfy(SecretsTest::assertNoKey)
        .anySatisfy(line -> assertThat(line).contains("POST http://127.0.0.1:").contains(":generateContent"));
  }
}
