package dev.llmkit.provider.ollama;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.llmkit.provider.ollama.Fixtures.answer;
import static dev.llmkit.provider.ollama.Fixtures.json;
import static dev.llmkit.provider.ollama.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.ChatProvider;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorMappingTest {
  @RegisterExtension
  static final WireMockExtension server = Fixtures.server();

  static LlmException onRespond(ResponseDefinitionBuilder response) {
    answer(server, response);
    return failure("respond", Fixtures.provider(server.baseUrl()));
  }

  /** The failure of a call made as {@code how} says: {@code respond}, {@code respondAsync} or {@code stream}. */
  static LlmException failure(String how, ChatProvider provider) {
    switch (how) {
      case "respond":
        return catchThrowableOfType(LlmException.class, () -> provider.respond(request(Fixtures.HI)));
      case "respondAsync":
        CompletionException wrapped = catchThrowableOfType(CompletionException.class,
            () -> provider.respondAsync(request(Fixtures.HI)).join());
        return (LlmException) wrapped.getCause();
      default:
        return (LlmException) Fixtures.collect(provider.stream(request(Fixtures.HI))).error();
    }
  }

  @Nested
  class ErrorBodies {
    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"respond", "respondAsync", "stream"})
    void aModelThatIsNotPulledIsNotFoundAndSaysHowToPullIt(String how) {
      answer(server, json(404, "{\"error\":\"model 'llama3.2:3b' not found\"}"));

      LlmException e = failure(how, Fixtures.provider(server.baseUrl()));

      assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
      assertThat(e.retryable()).isFalse();
      assertThat(e.httpStatus()).hasValue(404);
      assertThat(e.provider()).contains("ollama");
      assertThat(e.model()).contains("llama3.2:3b");
      assertThat(e.providerMessage()).contains("model 'llama3.2:3b' not found");
      assertThat(e.getMessage()).contains("model 'llama3.2:3b' not found").contains("`ollama pull llama3.2:3b`");
    }

    @Test
    void aPromptLongerThanTheContextIsAContextWindowError() {
      LlmException e = onRespond(json(400, "{\"error\":\"the prompt is longer than the context length currently available"
          + " to the model; try a shorter prompt or a larger num_ctx\"}"));
      assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
      assertThat(e.retryable()).isFalse();
      assertThat(e.providerMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("the prompt is longer"));
    }

    @Test
    void anotherBadRequestIsInvalid() {
      LlmException e = onRespond(json(400, "{\"error\":\"registry.ollama.ai/library/llama3.2:3b does not support thinking\"}"));
      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(e.getMessage()).contains("does not support thinking").doesNotContain("ollama pull");
    }

    @Test
    void aServerErrorIsRetryable() {
      LlmException e = onRespond(json(500, "{\"error\":\"model requires more system memory (12.1 GiB) than is available (7.6 GiB)\"}"));
      assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
      assertThat(e.retryable()).isTrue();
      assertThat(e.providerMessage()).contains("model requires more system memory (12.1 GiB) than is available (7.6 GiB)");
    }

    @Test
    void aCloudRateLimitCarriesItsRetryHint() {
      LlmException e = onRespond(json(429, "{\"error\":\"too many requests\"}").withHeader("retry-after", "7"));
      assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
      assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void aProxysHtmlPageIsNotTheProvidersMessage() {
      LlmException e = onRespond(aResponse().withStatus(502).withHeader("content-type", "text/html")
          .withBody("<html><body><h1>502 Bad Gateway</h1></body></html>"));
      assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
      assertThat(e.providerMessage()).isEmpty();
      assertThat(e.getMessage()).contains("502 Bad Gateway");
    }

    @Test
    void aKeyEchoedByAProxyIsRedacted() {
      answer(server, json(401, "{\"error\":\"invalid key sk-ollama-0123456789abcdef\"}"));
      LlmException e = failure("respond", Fixtures.provider(server.baseUrl(), b -> b.apiKey("sk-ollama-0123456789abcdef")));
      assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
      assertThat(e.providerMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("invalid key").doesNotContain("0123456789"));
      assertThat(e.getMessage()).doesNotContain("0123456789");
    }
  }

  @Nested
  class NoServer {
    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"respond", "respondAsync", "stream"})
    void aRefusedConnectionSaysTheServerIsNotRunningThereAndHowToStartIt(String how) {
      String base = Fixtures.closedPort();

      LlmException e = failure(how, Fixtures.provider(base));

      assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION);
      assertThat(e.retryable()).isTrue();
      assertThat(e.midStream()).isFalse();
      assertThat(e.model()).contains("llama3.2:3b");
      assertThat(e.getMessage()).contains("Ollama server at " + base + ":").contains("not running").contains("ollama serve");
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"respond", "respondAsync", "stream"})
    void credentialsAndQueryOfTheBaseUrlNeverShow(String how) {
      String base = Fixtures.closedPort();
      ChatProvider provider = Fixtures.provider(
          base.replace("http://", "http://alice:hunter2@") + "/ollama/?token=t0p-s3cret");

      LlmException e = failure(how, provider);

      assertThat(e.getMessage()).contains(base + "/ollama:")
          .doesNotContain("alice").doesNotContain("hunter2").doesNotContain("t0p-s3cret");
      assertThat(e.toString()).doesNotContain("hunter2").doesNotContain("t0p-s3cret");
      assertThat(provider.toString()).contains(base + "/ollama/api/chat")
          .doesNotContain("hunter2").doesNotContain("t0p-s3cret");
    }
  }
}
