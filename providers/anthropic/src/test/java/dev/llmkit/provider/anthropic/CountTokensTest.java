package dev.llmkit.provider.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ReasoningEffort;
import dev.llmkit.api.ToolSpec;
import dev.llmkit.spi.ProviderRequest;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CountTokensTest {
  @RegisterExtension
  static final StubServer server = new StubServer();

  private static ProviderRequest request() {
    ChatRequest chat = ChatRequest.builder()
        .system("You are a weather bot.")
        .user("Weather in Paris?")
        .tool(ToolSpec.of("get_weather", "Current weather", Map.of("type", "object")))
        .temperature(0.4).topK(3).maxOutputTokens(500).stop(List.of("END"))
        .reasoningEffort(ReasoningEffort.LOW)
        .extraParam("metadata", Map.of("user_id", "u-1"))
        .build();
    return Fixtures.cached("claude-sonnet-4-5", chat, Set.of(0), null);
  }

  @Test
  void postsThePromptWithoutLimitsSamplingOrStreamingAndReturnsTheCount() {
    server.answer(StubServer.COUNT_TOKENS, aResponse().withStatus(200).withHeader("content-type", "application/json")
        .withBody("{\"input_tokens\":2095}"));
    OptionalLong count = Fixtures.provider(server.baseUrl()).countInputTokens(request());
    assertThat(count).hasValue(2095);

    JsonNode body = Fixtures.json(server.onlyRequest(StubServer.COUNT_TOKENS).getBodyAsString());
    assertThat(body.get("model").asText()).isEqualTo("claude-sonnet-4-5");
    assertThat(body.at("/system/0/cache_control/type").asText()).isEqualTo("ephemeral");
    assertThat(body.at("/messages/0/content/0/text").asText()).isEqualTo("Weather in Paris?");
    assertThat(body.at("/tools/0/name").asText()).isEqualTo("get_weather");
    assertThat(body.at("/thinking/type").asText()).isEqualTo("enabled");
    assertThat(body.has("max_tokens")).isFalse();
    assertThat(body.has("stream")).isFalse();
    assertThat(body.has("temperature")).isFalse();
    assertThat(body.has("top_k")).isFalse();
    assertThat(body.has("stop_sequences")).isFalse();
    assertThat(body.has("metadata")).isFalse();
    assertThat(server.onlyRequest(StubServer.COUNT_TOKENS).getHeader("x-api-key")).isEqualTo(TestContext.KEY);
  }

  @Test
  void mapsErrorsLikeMessages() {
    server.answer(StubServer.COUNT_TOKENS, aResponse().withStatus(404).withHeader("content-type", "application/json")
        .withBody("{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"model: claude-x\"}}"));
    LlmException e = catchThrowableOfType(LlmException.class,
        () -> Fixtures.provider(server.baseUrl()).countInputTokens(request()));
    assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(e.httpStatus()).hasValue(404);
    assertThat(e.providerCode()).contains("not_found_error");
  }

  @Test
  void anAnswerWithoutACountIsMalformed() {
    server.answer(StubServer.COUNT_TOKENS, aResponse().withStatus(200).withHeader("content-type", "application/json")
        .withBody("{\"tokens\":12}"));
    LlmException e = catchThrowableOfType(LlmException.class,
        () -> Fixtures.provider(server.baseUrl()).countInputTokens(request()));
    assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
  }
}
