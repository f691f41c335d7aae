package dev.llmkit.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.Message;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.ReasoningEffort;
import dev.llmkit.api.ResponseFormat;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolChoice;
import dev.llmkit.api.ToolMessage;
import dev.llmkit.api.ToolSpec;
import dev.llmkit.spi.ProviderRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestMappingTest {
  @RegisterExtension
  static final GeminiStub gemini = new GeminiStub();

  static final ToolSpec WEATHER = ToolSpec.of("get_weather", "Current weather for a city", Map.of(
      "type", "object",
      "properties", Map.of("location", Map.of("type", "string", "description", "City name")),
      "required", List.of("location")));
  static final String SIGNATURE = "CiQBcsjafGzLlEwR1aRkdTq2yOqwkZ1Wb7Ns3XbRTS4Mp1nQqDcSxQEBcsjafA==";

  @BeforeEach
  void answerWithAText() {
    gemini.answerJson(Fixtures.read("generate-text.json"));
  }

  static JsonNode send(ProviderRequest request) {
    Fixtures.provider(gemini.baseUrl()).complete(request);
    return gemini.sentBody();
  }

  static JsonNode send(String model, ChatRequest chat) {
    return send(Fixtures.request(model, chat));
  }

  static JsonNode send(ChatRequest chat) {
    return send("gemini-2.0-flash", chat);
  }

  @Nested
  class Transport {
    @Test
    void postsToTheModelsGenerateContentWithTheKeyInAHeaderOnly() {
      send(ChatRequest.builder().user("Hi").build());

      LoggedRequest request = gemini.onlyRequest();
      assertThat(request.getUrl()).isEqualTo("/v1beta/models/gemini-2.0-flash:generateContent");
      assertThat(request.getHeader("x-goog-api-key")).isEqualTo(Fixtures.KEY);
      assertThat(request.getHeader("content-type")).isEqualTo("application/json");
      assertThat(request.getAbsoluteUrl()).doesNotContain(Fixtures.KEY).doesNotContain("key=");
      assertThat(request.getHeader("Authorization")).isNull();
    }

    @Test
    void aBaseUrlWithAPathIsUsedAsGivenAndAModelsPrefixIsNotDoubled() {
      var config = LlmConfig.builder().model("gemini/gemini-2.5-pro").baseUrl(gemini.baseUrl() + "/v1beta/").build();
      Fixtures.provider(config).complete(Fixtures.request("models/gemini-2.5-pro", ChatRequest.builder().user("Hi").build()));

      assertThat(gemini.onlyRequest().getUrl()).isEqualTo("/v1beta/models/gemini-2.5-pro:generateContent");
    }

    @Test
    void extraHeadersAreSent() {
      var config = LlmConfig.builder().model("gemini/gemini-2.0-flash").baseUrl(gemini.baseUrl())
          .extraHeader("x-goog-user-project", "my-project").build();
      Fixtures.provider(config).complete(Fixtures.request("gemini-2.0-flash", ChatRequest.builder().user("Hi").build()));

      assertThat(gemini.onlyRequest().getHeader("x-goog-user-project")).isEqualTo("my-project");
    }
  }

  @Nested
  class Conversation {
    @Test
    void systemMessagesBecomeTheSystemInstructionAndRolesAreUserAndModel() {
      JsonNode body = send(ChatRequest.builder()
          .system("Answer tersely.")
          .user("Hi")
          .message(Message.assistant("Hello."))
          .user("What is 2+2?")
          .build());

      assertThat(body.at("/systemInstruction/parts/0/text").asText()).isEqualTo("Answer tersely.");
      assertThat(body.get("contents")).hasSize(3);
      assertThat(body.at("/contents/0/role").asText()).isEqualTo("user");
      assertThat(body.at("/contents/0/parts/0/text").asText()).isEqualTo("Hi");
      assertThat(body.at("/contents/1/role").asText()).isEqualTo("model");
      assertThat(body.at("/contents/1/parts/0/text").asText()).isEqualTo("Hello.");
      assertThat(body.at("/contents/2/parts/0/text").asText()).isEqualTo("What is 2+2?");
    }

    @Test
    void consecutiveUserMessagesAreMergedIntoOneContent() {
      JsonNode body = send(ChatRequest.builder().user("First.").user("Second.").build());

      assertThat(body.get("contents")).hasSize(1);
      assertThat(body.at("/contents/0/parts/1/text").asText()).isEqualTo("Second.");
    }

    @Test
    void inlineImagesAndDataUrlsGoAsInlineDataAndImageUrlsAsFileData() {
      JsonNode body = send(ChatRequest.builder().message(Message.user(
          ContentPart.text("What is in these?"),
          ContentPart.Image.ofBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png"),
          ContentPart.Image.ofUrl("data:image/jpeg;base64,/9j/4AAQ"),
          ContentPart.Image.ofUrl("https://example.com/photos/cat.JPG?size=large"),
          ContentPart.Image.ofUrl("https://generativelanguage.googleapis.com/v1beta/files/abc123"),
          ContentPart.Document.ofBytes("%PDF-1.7".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
              "application/pdf"))).build());

      JsonNode parts = body.at("/contents/0/parts");
      assertThat(parts.get(1).get("inlineData")).isEqualTo(Fixtures.json("{\"mimeType\":\"image/png\",\"data\":\"iVBORw==\"}"));
      assertThat(parts.get(2).get("inlineData")).isEqualTo(Fixtures.json("{\"mimeType\":\"image/jpeg\",\"data\":\"/9j/4AAQ\"}"));
      assertThat(parts.get(3).get("fileData")).isEqualTo(Fixtures.json(
          "{\"mimeType\":\"image/jpeg\",\"fileUri\":\"https://example.com/photos/cat.JPG?size=large\"}"));
      assertThat(parts.get(4).get("fileData")).isEqualTo(Fixtures.json(
          "{\"fileUri\":\"https://generativelanguage.googleapis.com/v1beta/files/abc123\"}"));
      assertThat(parts.get(5).at("/inlineData/mimeType").asText()).isEqualTo("application/pdf");
    }

    @Test
    void toolResultsAreFunctionResponsesNamedAfterTheToolInOneUserTurn() {
      ToolCall paris = new ToolCall("call_0", "get_weather", "{\"location\":\"Paris\"}");
      ToolCall tokyo = new ToolCall("call_1", "get_weather", "{\"location\":\"Tokyo\"}");
      JsonNode body = send(ChatRequest.builder()
          .user("Weather in Paris and Tokyo?")
          .message(AssistantMessage.ofToolCalls(List.of(paris, tokyo)))
          .message(Message.toolResult(paris, "{\"temp_c\":18,\"sky\":\"clear\"}"))
          .message(Message.toolResult(tokyo, "rain, 12 C"))
          .message(new ToolMessage("call_2", "get_weather", "city not found", true))
          .build());

      assertThat(body.get("contents")).hasSize(3);
      assertThat(body.at("/contents/1/parts/0/functionCall")).isEqualTo(Fixtures.json(
          "{\"name\":\"get_weather\",\"args\":{\"location\":\"Paris\"}}"));
      JsonNode results = body.at("/contents/2");
      assertThat(results.get("role").asText()).isEqualTo("user");
      assertThat(results.at("/parts/0/functionResponse")).isEqualTo(Fixtures.json(
          "{\"name\":\"get_weather\",\"response\":{\"temp_c\":18,\"sky\":\"clear\"}}"));
      assertThat(results.at("/parts/1/functionResponse/response")).isEqualTo(Fixtures.json("{\"output\":\"rain, 12 C\"}"));
      assertThat(results.at("/parts/2/functionResponse/response")).isEqualTo(Fixtures.json("{\"error\":\"city not found\"}"));
    }

    @Test
    void argumentsThatAreNotAJsonObjectAreRefusedBeforeSending() {
      ChatRequest chat = ChatRequest.builder().user("Hi")
          .message(AssistantMessage.ofToolCalls(List.of(new ToolCall("c", "get_weather", "[1,2]")))).build();

      assertThatThrownBy(() -> send(chat)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("get_weather");
    }
  }

  @Nested
  class ThoughtSignatures {
    @Test
    void eachCallsSignatureGoesBackOnItsOwnFunctionCallPart() {
      AssistantMessage previous = AssistantMessage.ofToolCalls(List.of(
          new ToolCall("call_0", "get_weather", "{\"location\":\"Paris\"}",
              Map.of(GeminiProviderFactory.THOUGHT_SIGNATURE, SIGNATURE)),
          new ToolCall("call_1", "get_weather", "{\"location\":\"Tokyo\"}")));
      JsonNode body = send("gemini-3-pro-preview", ChatRequest.builder().user("Weather?").message(previous)
          .message(Message.toolResult(previous.toolCalls().get(0), "sunny"))
          .message(Message.toolResult(previous.toolCalls().get(1), "rain")).build());

      JsonNode parts = body.at("/contents/1/parts");
      assertThat(parts.get(0).get("thoughtSignature").asText()).isEqualTo(SIGNATURE);
      assertThat(parts.get(1).has("thoughtSignature")).isFalse();
    }

    @Test
    void aSignedThoughtAndATextSignatureGoBackOnTheirPartsAndUnsignedThoughtsStayOut() {
      AssistantMessage previous = new AssistantMessage("Paris.", List.of(), List.of(
          Reasoning.of("an unsigned summary"),
          new Reasoning("a signed thought", "sig-thought", null),
          new Reasoning("", "sig-text", null)));
      JsonNode body = send("gemini-2.5-flash", ChatRequest.builder().user("Capital?").message(previous).user("Why?").build());

      assertThat(body.at("/contents/1/parts")).isEqualTo(Fixtures.json("["
          + "{\"text\":\"a signed thought\",\"thought\":true,\"thoughtSignature\":\"sig-thought\"},"
          + "{\"text\":\"Paris.\",\"thoughtSignature\":\"sig-text\"}]"));
    }

    @Test
    void otherProvidersMetadataIsNotSent() {
      AssistantMessage previous = AssistantMessage.ofToolCalls(List.of(
          new ToolCall("call_0", "get_weather", "{}", Map.of("openai.somethingElse", "x"))));
      JsonNode body = send(ChatRequest.builder().user("Weather?").message(previous)
          .message(Message.toolResult(previous.toolCalls().get(0), "sunny")).build());

      assertThat(body.at("/contents/1/parts/0")).isEqualTo(Fixtures.json("{\"functionCall\":{\"name\":\"get_weather\",\"args\":{}}}"));
    }
  }

  @Nested
  class Tools {
    @Test
    void declaresFunctionsWithGeminiSchemas() {
      JsonNode body = send(ChatRequest.builder().user("Weather?").tool(WEATHER).build());

      assertThat(body.at("/tools/0/functionDeclarations/0")).isEqualTo(Fixtures.json("{"
          + "\"name\":\"get_weather\",\"description\":\"Current weather for a city\","
          + "\"parameters\":{\"type\":\"OBJECT\",\"properties\":{\"location\":{\"type\":\"STRING\","
          + "\"description\":\"City name\"}},\"required\":[\"location\"]}}"));
      assertThat(body.has("toolConfig")).isFalse();
    }

    @Test
    void stripsWhatGeminiRejectsAndLogsItAtDebug() {
      ToolSpec strict = ToolSpec.of("create_event", "Creates an event", Map.of(
          "$schema", "http://json-schema.org/draft-07/schema#",
          "type", "object",
          "additionalProperties", false,
          "properties", Map.of(
              "title", Map.of("type", "string", "default", "Untitled"),
              "url", Map.of("type", "string", "format", "uri"),
              "start", Map.of("type", "string", "format", "date-time")),
          "required", List.of("title", "start")));
      RecordingContext context = RecordingContext.withKey();
      Fixtures.FACTORY.create(LlmConfig.builder().model("gemini/gemini-2.0-flash").baseUrl(gemini.baseUrl()).build(), context)
          .complete(Fixtures.request("gemini-2.0-flash", ChatRequest.builder().user("Plan it").tool(strict).build()));

      JsonNode parameters = gemini.sentBody().at("/tools/0/functionDeclarations/0/parameters");
      assertThat(parameters.has("$schema")).isFalse();
      assertThat(parameters.has("additionalProperties")).isFalse();
      assertThat(parameters.at("/properties/title")).isEqualTo(Fixtures.json("{\"type\":\"STRING\"}"));
      assertThat(parameters.at("/properties/url")).isEqualTo(Fixtures.json("{\"type\":\"STRING\"}"));
      assertThat(parameters.at("/properties/start/format").asText()).isEqualTo("date-time");
      assertThat(context.logged()).anySatisfy(line -> assertThat(line)
          .startsWith("DEBUG")
          .contains("tool 'create_event' parameters")
          .contains("$schema", "additionalProperties", "properties.title.default", "properties.url.format=uri"));
    }

    @Test
    void aToolWithoutParametersDeclaresNone() {
      JsonNode body = send(ChatRequest.builder().user("Time?")
          .tool(ToolSpec.of("now", "The current time", Map.of("type", "object", "properties", Map.of()))).build());

      assertThat(body.at("/tools/0/functionDeclarations/0").has("parameters")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "auto     | {\"mode\":\"AUTO\"}",
        "none     | {\"mode\":\"NONE\"}",
        "required | {\"mode\":\"ANY\"}",
        "tool     | {\"mode\":\"ANY\",\"allowedFunctionNames\":[\"get_weather\"]}",
    })
    void mapsTheToolChoiceToAFunctionCallingMode(String choice, String expected) {
      ToolChoice toolChoice = switch (choice) {
        case "auto" -> ToolChoice.auto();
        case "none" -> ToolChoice.none();
        case "required" -> ToolChoice.required();
        default -> ToolChoice.tool("get_weather");
      };
      JsonNode body = send(ChatRequest.builder().user("Weather?").tool(WEATHER).toolChoice(toolChoice).build());

      assertThat(body.at("/toolConfig/functionCallingConfig")).isEqualTo(Fixtures.json(expected));
    }

    @Test
    void aToolChoiceWithoutToolsIsNotSent() {
      JsonNode body = send(ChatRequest.builder().user("Hi").toolChoice(ToolChoice.required()).build());

      assertThat(body.has("tools")).isFalse();
      assertThat(body.has("toolConfig")).isFalse();
    }
  }

  @Nested
  class GenerationConfig {
    @Test
    void sendsSamplingLimitsStopSequencesAndSeed() {
      JsonNode body = send(ChatRequest.builder().user("Hi").temperature(0.3).topP(0.95).topK(40).maxOutputTokens(1024)
          .stop(List.of("END")).seed(7L).build());

      assertThat(body.get("generationConfig")).isEqualTo(Fixtures.json("{\"temperature\":0.3,\"topP\":0.95,"
          + "\"topK\":40,\"maxOutputTokens\":1024,\"stopSequences\":[\"END\"],\"seed\":7}"));
    }

    @Test
    void sendsNoGenerationConfigWhenNothingIsSet() {
      assertThat(send(ChatRequest.builder().user("Hi").build()).has("generationConfig")).isFalse();
    }

    @Test
    void aSeedBeyond32BitsIsRefused() {
      assertThatThrownBy(() -> send(ChatRequest.builder().user("Hi").seed(1L << 40).build()))
          .isInstanceOf(InvalidRequestException.class).hasMessageContaining("seed");
    }

    @Test
    void aJsonSchemaResponseFormatIsAResponseMimeTypeAndAnAdaptedSchema() {
      JsonNode body = send(ChatRequest.builder().user("A recipe").responseFormat(ResponseFormat.jsonSchema("recipe",
          Map.of("type", "object", "additionalProperties", false,
              "properties", Map.of("name", Map.of("type", "string"),
                  "servings", Map.of("type", List.of("integer", "null")))), true)).build());

      assertThat(body.at("/generationConfig/responseMimeType").asText()).isEqualTo("application/json");
      assertThat(body.at("/generationConfig/responseSchema")).isEqualTo(Fixtures.json("{\"type\":\"OBJECT\","
          + "\"properties\":{\"name\":{\"type\":\"STRING\"},\"servings\":{\"nullable\":true,\"type\":\"INTEGER\"}}}"));
    }

    @Test
    void aJsonObjectResponseFormatIsAResponseMimeTypeOnly() {
      JsonNode body = send(ChatRequest.builder().user("JSON please").responseFormat(ResponseFormat.jsonObject()).build());

      assertThat(body.get("generationConfig")).isEqualTo(Fixtures.json("{\"responseMimeType\":\"application/json\"}"));
    }

    @Test
    void extraParamsAreMergedIntoTheBodyObjectByObject() {
      JsonNode body = send(ChatRequest.builder().user("Hi").temperature(0.2)
          .extraParam("generationConfig", Map.of("candidateCount", 1, "responseModalities", List.of("TEXT")))
          .extraParam("cachedContent", "cachedContents/abc").build());

      assertThat(body.at("/generationConfig/temperature").asDouble()).isEqualTo(0.2);
      assertThat(body.at("/generationConfig/candidateCount").asInt()).isEqualTo(1);
      assertThat(body.get("cachedContent").asText()).isEqualTo("cachedContents/abc");
    }
  }

  @Nested
  class Thinking {
    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource(delimiter = '|', value = {
        "gemini-2.5-flash       | LOW     | {\"thinkingBudget\":1024,\"includeThoughts\":true}",
        "gemini-2.5-flash       | NONE    | {\"thinkingBudget\":0,\"includeThoughts\":false}",
        "gemini-2.5-pro         | NONE    | {\"thinkingBudget\":128,\"includeThoughts\":false}",
        "gemini-2.5-pro         | MAX     | {\"thinkingBudget\":32768,\"includeThoughts\":true}",
        "gemini-2.5-flash-lite  | MINIMAL | {\"thinkingBudget\":512,\"includeThoughts\":true}",
        "gemini-3-pro-preview   | MEDIUM  | {\"thinkingLevel\":\"high\",\"includeThoughts\":true}",
        "gemini-3-pro-preview   | NONE    | {\"thinkingLevel\":\"low\",\"includeThoughts\":false}",
        "gemini-3-flash-preview | MINIMAL | {\"thinkingLevel\":\"minimal\",\"includeThoughts\":true}",
        "gemini-3.1-pro-preview | MEDIUM  | {\"thinkingLevel\":\"medium\",\"includeThoughts\":true}",
    })
    void mapsTheReasoningEffortToTheModelsThinkingControl(String model, ReasoningEffort effort, String expected) {
      JsonNode body = send(model, ChatRequest.builder().user("Think").reasoningEffort(effort).build());

      assertThat(body.at("/generationConfig/thinkingConfig")).isEqualTo(Fixtures.json(expected));
    }

    @Test
    void aModelThatDoesNotThinkGetsNoThinkingConfig() {
      JsonNode body = send("gemini-2.0-flash", ChatRequest.builder().user("Hi").reasoningEffort(ReasoningEffort.HIGH).build());

      assertThat(body.has("generationConfig")).isFalse();
    }
  }

  @Nested
  class SafetySettings {
    @Test
    void theConfiguredSafetySettingsAreSentAsTheyAre() {
      var settings = List.of(
          Map.of("category", "HARM_CATEGORY_HARASSMENT", "threshold", "BLOCK_ONLY_HIGH"),
          Map.of("category", "HARM_CATEGORY_DANGEROUS_CONTENT", "threshold", "BLOCK_NONE"));
      var config = LlmConfig.builder().model("gemini/gemini-2.0-flash").baseUrl(gemini.baseUrl())
          .safetySettings(settings).build();
      Fixtures.provider(config).complete(Fixtures.request("gemini-2.0-flash", ChatRequest.builder().user("Hi").build()));

      assertThat(gemini.sentBody().get("safetySettings")).isEqualTo(Fixtures.MAPPER.valueToTree(settings));
    }

    @Test
    void noSafetySettingsMeansNoField() {
      assertThat(send(ChatRequest.builder().user("Hi").build()).has("safetySettings")).isFalse();
    }
  }
}
