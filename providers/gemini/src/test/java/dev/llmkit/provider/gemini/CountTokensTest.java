package dev.llmkit.provider.gemini;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CountTokensTest {
  @RegisterExtension
  static final GeminiStub gemini = new GeminiStub();

  private static OptionalLong count(String answer) {
    gemini.on(GeminiStub.COUNT, aResponse().withStatus(200).withHeader("content-type", "application/json").withBody(answer));
    return Fixtures.provider(gemini.baseUrl()).countInputTokens(Fixtures.request("gemini-2.5-flash", ChatRequest.builder()
        .system("Answer tersely.").user("How many tokens is this?").tool(RequestMappingTest.WEATHER)
        .temperature(0.2).build()));
  }

  @Test
  void sendsTheWholeRequestAsGenerateContentRequestAndReadsTotalTokens() {
    OptionalLong tokens = count("{\"totalTokens\": 31, \"promptTokensDetails\": [{\"modality\": \"TEXT\", \"tokenCount\": 31}]}");

    assertThat(tokens).hasValue(31);
    assertThat(gemini.onlyRequest().getUrl()).isEqualTo("/v1beta/models/gemini-2.5-flash:countTokens");
    assertThat(gemini.onlyRequest().getHeader("x-goog-api-key")).isEqualTo(Fixtures.KEY);
    JsonNode inner = gemini.sentBody().get("generateContentRequest");
    assertThat(inner.get("model").asText()).isEqualTo("models/gemini-2.5-flash");
    assertThat(inner.at("/systemInstruction/parts/0/text").asText()).isEqualTo("Answer tersely.");
    assertThat(inner.at("/contents/0/parts/0/text").asText()).isEqualTo("How many tokens is this?");
    assertThat(inner.at("/tools/0/functionDeclarations/0/name").asText()).isEqualTo("get_weather");
    assertThat(gemini.sentBody()).hasSize(1);
  }

  @Test
  void declaresTheCapability() {
    assertThat(Fixtures.FACTORY.descriptor().capabilities())
        .contains(dev.llmkit.spi.ProviderDescriptor.Capability.TOKEN_COUNTING);
  }

  @Test
  void anAnswerWithoutTotalTokensIsMalformed() {
    LlmException e = catchThrowableOfType(LlmException.class, () -> count("{\"something\": 1}"));

    assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
  }

  @Test
  void anErrorIsMappedAsForAnyCall() {
    gemini.answerError(404, ErrorMappingTest.error(404, "NOT_FOUND", "models/gemini-2.5-flash is not found."));

    LlmException e = catchThrowableOfType(LlmException.class, () -> Fixtures.provider(gemini.baseUrl())
        .countInputTokens(Fixtures.hi()));

    assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
  }
}
