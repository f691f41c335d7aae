package dev.llmkit.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.llmkit.api.AssistantBlock;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.Usage;
import dev.llmkit.spi.ProviderResponse;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseParsingTest {
  @RegisterExtension
  static final GeminiStub gemini = new GeminiStub();

  static ProviderResponse respond(String body) {
    gemini.answerJson(body);
    return Fixtures.provider(gemini.baseUrl()).respond(Fixtures.hi());
  }

  static String candidate(String parts, String finishReason) {
    return "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":" + parts + "},\"finishReason\":\""
        + finishReason + "\",\"index\":0}],\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"r-1\"}";
  }

  @Nested
  class Content {
    @Test
    void readsTextUsageIdAndModel() {
      ProviderResponse response = respond(Fixtures.read("generate-text.json"));

      assertThat(response.message().text()).isEqualTo("The capital of France is Paris.");
      assertThat(response.id()).isEqualTo("mZ0xaPrtBuqQ1PIP4dTjiAg");
      assertThat(response.model()).isEqualTo("gemini-2.0-flash");
      assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
      assertThat(response.rawFinishReason()).isEqualTo("STOP");
      assertThat(response.usage()).isEqualTo(new Usage(9L, 7L, null, null, null));
      assertThat(response.message().toolCalls()).isEmpty();
      assertThat(response.message().reasoning()).isEmpty();
    }

    @Test
    void readsThoughtsAndParallelCallsEachWithItsOwnSignature() {
      ChatResponse response = respond(Fixtures.read("generate-thinking-tools.json")).toChatResponse("gemini");

      assertThat(response.text()).isEmpty();
      assertThat(response.message().text()).isNull();
      assertThat(response.message().reasoning()).containsExactly(Reasoning.of(
          "**Planning the lookups**\n\nThe user wants stock for two SKUs, so I will look both up at once."));
      assertThat(response.toolCalls()).containsExactly(
          new ToolCall("call_0", "lookup", "{\"sku\":\"A-17\"}", Map.of(GeminiProviderFactory.THOUGHT_SIGNATURE,
              "CiQBcsjafGzLlEwR1aRkdTq2yOqwkZ1Wb7Ns3XbRTS4Mp1nQqDcSxQEBcsjafA==")),
          new ToolCall("call_1", "lookup", "{\"sku\":\"B-2\",\"warehouse\":{\"region\":\"eu\",\"bins\":[3,4]}}"));
      assertThat(response.finishReason()).as("STOP with calls").isEqualTo(FinishReason.TOOL_CALLS);
      assertThat(response.rawFinishReason()).isEqualTo("STOP");
    }

    @Test
    void usageCountsThoughtsAsOutputAndCachedTokensAsInput() {
      Usage usage = respond(Fixtures.read("generate-thinking-tools.json")).usage();

      assertThat(usage).isEqualTo(new Usage(4200L, 160L, 4096L, null, 120L));
      assertThat(usage.totalTokens()).isEqualTo(4360L);
    }

    @Test
    void joinsTextPartsAndKeepsAnIdGeminiSent() {
      ProviderResponse response = respond(candidate("[{\"text\":\"Hello, \"},{\"text\":\"world.\"},"
          + "{\"functionCall\":{\"id\":\"fc-9\",\"name\":\"now\",\"args\":{}}}]", "STOP"));

      assertThat(response.message().text()).isEqualTo("Hello, world.");
      assertThat(response.message().toolCalls()).containsExactly(new ToolCall("fc-9", "now", "{}"));
    }

    @Test
    void aSignatureOnTheAnswerTextIsKeptOnItsTextBlock() {
      ProviderResponse response = respond(candidate(
          "[{\"text\":\"Paris.\",\"thoughtSignature\":\"sig-on-text\"}]", "STOP"));

      assertThat(response.message().text()).isEqualTo("Paris.");
      assertThat(response.message().blocks()).containsExactly(
          new AssistantBlock.Text("Paris.", Map.of(GeminiProviderFactory.THOUGHT_SIGNATURE, "sig-on-text")));
      assertThat(response.message().reasoning()).isEmpty();
    }

    @Test
    void aPartLlmkitDoesNotModelIsKeptVerbatimAndItsTextStaysOut() {
      ProviderResponse response = respond(candidate("[{\"executableCode\":{\"language\":\"PYTHON\",\"code\":\"print(1)\"}},"
          + "{\"codeExecutionResult\":{\"outcome\":\"OUTCOME_OK\",\"output\":\"1\"}},{\"text\":\"One.\"}]", "STOP"));

      assertThat(response.message().blocks()).containsExactly(
          new AssistantBlock.Opaque("gemini", "executableCode", "{\"executableCode\":{\"language\":\"PYTHON\",\"code\":\"print(1)\"}}"),
          new AssistantBlock.Opaque("gemini", "codeExecutionResult", "{\"codeExecutionResult\":{\"outcome\":\"OUTCOME_OK\",\"output\":\"1\"}}"),
          AssistantBlock.text("One."));
      assertThat(response.message().text()).isEqualTo("One.");
    }
  }

  @Nested
  class Finishing {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "STOP, STOP",
        "MAX_TOKENS, LENGTH",
        "SAFETY, CONTENT_FILTER",
        "RECITATION, CONTENT_FILTER",
        "BLOCKLIST, CONTENT_FILTER",
        "PROHIBITED_CONTENT, CONTENT_FILTER",
        "SPII, CONTENT_FILTER",
        "IMAGE_SAFETY, CONTENT_FILTER",
        "MALFORMED_FUNCTION_CALL, ERROR",
        "UNEXPECTED_TOOL_CALL, ERROR",
        "LANGUAGE, OTHER",
        "OTHER, OTHER",
        "FINISH_REASON_UNSPECIFIED, OTHER",
        "SOMETHING_NEWER, OTHER",
    })
    void mapsTheFinishReasonAndKeepsTheRawOne(String raw, FinishReason expected) {
      ProviderResponse response = respond(candidate("[{\"text\":\"x\"}]", raw));

      assertThat(response.finishReason()).isEqualTo(expected);
      assertThat(response.rawFinishReason()).isEqualTo(raw);
    }

    @Test
    void aCandidateStoppedForSafetyWithoutContentIsAnEmptyAnswerNotAnError() {
      ProviderResponse response = respond("{\"candidates\":[{\"finishReason\":\"SAFETY\",\"index\":0,"
          + "\"safetyRatings\":[{\"category\":\"HARM_CATEGORY_DANGEROUS_CONTENT\",\"probability\":\"HIGH\",\"blocked\":true}]}]}");

      assertThat(response.message().text()).isNull();
      assertThat(response.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
    }
  }

  @Nested
  class NoAnswer {
    @Test
    void aBlockedPromptIsAContentPolicyError() {
      gemini.answerJson("{\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\","
          + "\"blockReasonMessage\":\"The prompt was blocked.\"},"
          + "\"usageMetadata\":{\"promptTokenCount\":12,\"totalTokenCount\":12},\"modelVersion\":\"gemini-2.5-flash\"}");

      LlmException e = catchThrowableOfType(LlmException.class,
          () -> Fixtures.provider(gemini.baseUrl()).respond(Fixtures.hi()));

      assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_POLICY);
      assertThat(e.retryable()).isFalse();
      assertThat(e.providerCode()).contains("PROHIBITED_CONTENT");
      assertThat(e.rawFinishReason()).contains("PROHIBITED_CONTENT");
      assertThat(e.providerMessage()).contains("The prompt was blocked.");
      assertThat(e.model()).contains("gemini-2.5-flash");
    }

    @Test
    void anAnswerWithoutCandidatesIsARetryableServerError() {
      gemini.answerJson("{\"usageMetadata\":{\"promptTokenCount\":12,\"totalTokenCount\":12},"
          + "\"modelVersion\":\"gemini-2.5-flash\"}");

      LlmException e = catchThrowableOfType(LlmException.class,
          () -> Fixtures.provider(gemini.baseUrl()).respond(Fixtures.hi()));

      assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
      assertThat(e.retryable()).isTrue();
      assertThat(e.getMessage()).contains("without any candidate");
    }

    @Test
    void aBodyThatIsNotJsonIsAMalformedResponse() {
      gemini.answerJson("<html>oops</html>");

      LlmException e = catchThrowableOfType(LlmException.class,
          () -> Fixtures.provider(gemini.baseUrl()).respond(Fixtures.hi()));

      assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    }
  }

  @Test
  void theOlderCompleteFormGivesTheSameAnswer() {
    gemini.answerJson(Fixtures.read("generate-text.json"));
    ChatResponse response = Fixtures.provider(gemini.baseUrl())
        .complete(Fixtures.request("gemini-2.0-flash", ChatRequest.builder().user("Capital of France?").build()));

    assertThat(response.provider()).isEqualTo("gemini");
    assertThat(response.text()).isEqualTo("The capital of France is Paris.");
    assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
  }
}
