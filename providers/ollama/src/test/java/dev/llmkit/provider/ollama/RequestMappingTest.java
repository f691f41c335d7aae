package dev.llmkit.provider.ollama;

import static dev.llmkit.provider.ollama.Fixtures.answer;
import static dev.llmkit.provider.ollama.Fixtures.json;
import static dev.llmkit.provider.ollama.Fixtures.request;
import static dev.llmkit.provider.ollama.Fixtures.sent;
import static dev.llmkit.provider.ollama.Fixtures.sentBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.ReasoningEffort;
import dev.llmkit.api.ResponseFormat;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolChoice;
import dev.llmkit.api.ToolMessage;
import dev.llmkit.api.ToolSpec;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.testkit.TestProviderContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestMappingTest {
  @RegisterExtension
  static final WireMockExtension server = Fixtures.server();

  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
  static final String PNG_BASE64 = Base64.getEncoder().encodeToString(PNG);
  static final ToolCall LOOKUP = new ToolCall("call_x1", "lookup", "{\"sku\":\"A-17\",\"qty\":2}");

  @BeforeEach
  void answerEveryRequest() {
    answer(server, json(200, Fixtures.read("chat-text.json")));
  }

  static JsonNode send(ChatRequest chat) {
    return send(Fixtures.MODEL, chat, b -> b);
  }

  static JsonNode send(String model, ChatRequest chat, UnaryOperator<LlmConfig.Builder> config) {
    Fixtures.provider(server.baseUrl(), config).respond(request(model, chat));
    return sentBody(server);
  }

  @Nested
  class Transport {
    @Test
    void aCallPostsToApiChatAskingForOneJsonAnswer() {
      JsonNode body = send(Fixtures.HI);
      assertThat(body.get("model").asText()).isEqualTo("llama3.2:3b");
      assertThat(body.get("stream").asBoolean(true)).as("Ollama streams unless told not to").isFalse();
      assertThat(sent(server).getHeader("content-type")).isEqualTo("application/json");
      assertThat(sent(server).getHeader("accept")).isEqualTo("application/json");
      assertThat(sent(server).containsHeader("authorization")).isFalse();
    }

    @Test
    void aStreamAsksForNdjson() {
      answer(server, Fixtures.ndjson(Fixtures.read("stream-text.ndjson")));
      Fixtures.collect(Fixtures.provider(server.baseUrl()).stream(request(Fixtures.HI)));
      assertThat(sentBody(server).get("stream").asBoolean()).isTrue();
      assertThat(sent(server).getHeader("accept")).isEqualTo("application/x-ndjson");
    }

    @Test
    void aNamespacedModelNameIsSentWhole() {
      JsonNode body = send("hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M", Fixtures.HI, b -> b);
      assertThat(body.get("model").asText()).isEqualTo("hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M");
    }

    @Test
    void aBaseUrlEndingInApiIsTheSameServer() {
      Fixtures.provider(server.baseUrl() + "/api/").respond(request(Fixtures.HI));
      assertThat(sent(server).getUrl()).isEqualTo("/api/chat");
    }

    @Test
    void aConfiguredKeyIsSentAsBearer() {
      send(Fixtures.MODEL, Fixtures.HI, b -> b.apiKey("ollama-cloud-key-123"));
      assertThat(sent(server).getHeader("authorization")).isEqualTo("Bearer ollama-cloud-key-123");
    }

    @Test
    void theKeyVariableIsReadWhenTheConfigHasNone() {
      LlmConfig config = LlmConfig.builder().model("ollama/" + Fixtures.MODEL).baseUrl(server.baseUrl()).build();
      ChatProvider provider =
          Fixtures.FACTORY.create(config, TestProviderContext.withEnv(OllamaProviderFactory.API_KEY_ENV, "env-key-456"));
      provider.respond(request(Fixtures.HI));
      assertThat(sent(server).getHeader("authorization")).isEqualTo("Bearer env-key-456");
    }

    @Test
    void userInfoInTheBaseUrlIsSentAsBasicAuthNotInTheUrl() {
      String base = server.baseUrl().replace("http://", "http://alice:s3cr%40t@");
      Fixtures.provider(base).respond(request(Fixtures.HI));
      String expected = Base64.getEncoder().encodeToString("alice:s3cr@t".getBytes(StandardCharsets.UTF_8));
      assertThat(sent(server).getHeader("authorization")).isEqualTo("Basic " + expected);
    }

    @Test
    void anExtraAuthorizationHeaderWins() {
      send(Fixtures.MODEL, Fixtures.HI, b -> b.apiKey("k").extraHeader("Authorization", "Token proxy-1"));
      assertThat(sent(server).getHeader("authorization")).isEqualTo("Token proxy-1");
    }
  }

  @Nested
  class Conversation {
    @Test
    void everyRoleIsOneMessageInOrderWithToolCallsAsObjects() {
      ChatRequest chat = ChatRequest.builder()
          .system("Answer tersely.")
          .user("How many A-17 are left?")
          .message(new AssistantMessage("Let me check.", List.of(LOOKUP), List.of(Reasoning.of("Need the stock."))))
          .message(new ToolMessage("call_x1", "lookup", "{\"stock\":4}", false))
          .build();

      JsonNode messages = send(chat).get("messages");

      assertThat(messages).isEqualTo(json("""
          [
            {"role": "system", "content": "Answer tersely."},
            {"role": "user", "content": "How many A-17 are left?"},
            {"role": "assistant", "content": "Let me check.", "thinking": "Need the stock.",
             "tool_calls": [{"id": "call_x1", "function": {"index": 0, "name": "lookup",
                             "arguments": {"sku": "A-17", "qty": 2}}}]},
            {"role": "tool", "tool_name": "lookup", "tool_call_id": "call_x1", "content": "{\\"stock\\":4}"}
          ]
          """));
    }

    @Test
    void anAssistantTurnWithOnlyToolCallsHasEmptyContentAndBlankArgumentsAreAnEmptyObject() {
      ChatRequest chat = ChatRequest.builder().user("Ping?")
          .message(AssistantMessage.ofToolCalls(List.of(new ToolCall("call_1", "ping", " "))))
          .build();

      JsonNode assistant = send(chat).get("messages").get(1);

      assertThat(assistant.get("content").asText()).isEmpty();
      assertThat(assistant.has("thinking")).isFalse();
      assertThat(assistant.at("/tool_calls/0/function/arguments")).isEqualTo(json("{}"));
    }

    @Test
    void imagesGoAsRawBase64WhetherBytesOrADataUrl() {
      ChatRequest chat = ChatRequest.builder().message(Message.user(
              ContentPart.text("What is in these pictures?"),
              ContentPart.Image.ofBytes(PNG, "image/png"),
              ContentPart.text("Compare them."),
              ContentPart.Image.ofUrl("data:image/png;base64," + PNG_BASE64)))
          .build();

      JsonNode user = send(chat).get("messages").get(0);

      assertThat(user.get("content").asText()).isEqualTo("What is in these pictures?\nCompare them.");
      assertThat(user.get("images")).isEqualTo(json("[\"" + PNG_BASE64 + "\", \"" + PNG_BASE64 + "\"]"));
    }

    @Test
    void anImageByUrlIsRefusedBeforeSendingNamingTheMessage() {
      ChatRequest chat = ChatRequest.builder().system("Describe images.")
          .message(Message.user(ContentPart.text("What is this?"), ContentPart.Image.ofUrl("https://example.com/cat.png")))
          .build();

      InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
          () -> Fixtures.provider(server.baseUrl()).respond(request(chat)));

      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(e.problems()).singleElement().asString()
          .contains("messages[1]").contains("URL").contains("bytes");
      assertThat(server.getAllServeEvents()).as("nothing sent").isEmpty();
    }

    @Test
    void documentsAndNonObjectArgumentsAreRefusedTogether() {
      ChatRequest chat = ChatRequest.builder()
          .message(Message.user(ContentPart.text("Summarize."), ContentPart.Document.ofBytes(PNG, "application/pdf")))
          .message(AssistantMessage.ofToolCalls(List.of(new ToolCall("call_2", "lookup", "[1, 2]"))))
          .build();

      InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
          () -> Fixtures.provider(server.baseUrl()).respond(request(chat)));

      assertThat(e.problems()).hasSize(2);
      assertThat(e.problems().get(0)).contains("messages[0]").contains("application/pdf");
      assertThat(e.problems().get(1)).contains("messages[1]").contains("call_2").contains("object");
    }
  }

  @Nested
  class ToolsAndFormat {
    static final ToolSpec LOOKUP_SPEC = ToolSpec.of("lookup", "Stock level", Map.of(
        "type", "object", "properties", Map.of("sku", Map.of("type", "string")), "required", List.of("sku")));

    @Test
    void toolsUseTheFunctionShape() {
      ChatRequest chat = Fixtures.HI.toBuilder().tool(LOOKUP_SPEC).tool(ToolSpec.of("now", "", Map.of())).build();

      JsonNode tools = send(chat).get("tools");

      assertThat(tools).isEqualTo(json("""
          [
            {"type": "function", "function": {"name": "lookup", "description": "Stock level",
              "parameters": {"type": "object", "properties": {"sku": {"type": "string"}}, "required": ["sku"]}}},
            {"type": "function", "function": {"name": "now", "description": "",
              "parameters": {"type": "object", "properties": {}}}}
          ]
          """));
    }

    @Test
    void toolChoiceNoneLeavesTheToolsOut() {
      ChatRequest chat = Fixtures.HI.toBuilder().tool(LOOKUP_SPEC).toolChoice(ToolChoice.none()).build();
      assertThat(send(chat).has("tools")).isFalse();
    }

    @Test
    void jsonModeIsFormatJson() {
      JsonNode body = send(Fixtures.HI.toBuilder().responseFormat(ResponseFormat.jsonObject()).build());
      assertThat(body.get("format").asText()).isEqualTo("json");
    }

    @Test
    void aSchemaIsTheFormatItself() {
      Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("age", Map.of("type", "integer")));
      JsonNode body = send(Fixtures.HI.toBuilder().responseFormat(ResponseFormat.jsonSchema("person", schema, true)).build());
      assertThat(body.get("format")).isEqualTo(json("{\"type\": \"object\", \"properties\": {\"age\": {\"type\": \"integer\"}}}"));
    }

    @Test
    void plainTextSendsNoFormat() {
      assertThat(send(Fixtures.HI.toBuilder().responseFormat(ResponseFormat.text()).build()).has("format")).isFalse();
    }
  }

  @Nested
  class Options {
    @Test
    void samplingLimitsSeedAndStopGoUnderOptionsWithTheContextWindowAsNumCtx() {
      ChatRequest chat = Fixtures.HI.toBuilder()
          .temperature(0.2).topP(0.9).topK(40).maxOutputTokens(512).seed(42L).stop(List.of("END", "\n\n")).build();

      JsonNode body = send(Fixtures.MODEL, chat, b -> b.maxInputTokens(8192));

      assertThat(body.get("options")).isEqualTo(json("""
          {"temperature": 0.2, "top_p": 0.9, "top_k": 40, "num_ctx": 8192, "num_predict": 512, "seed": 42,
           "stop": ["END", "\\n\\n"]}
          """));
      assertThat(body.has("temperature")).as("nothing at the top level").isFalse();
    }

    @Test
    void noSettingsNoOptions() {
      assertThat(send(Fixtures.HI).has("options")).isFalse();
    }

    @Test
    void extraParamsGoOnTopAndAnOptionsObjectIsMergedIntoTheOptions() {
      ChatRequest chat = Fixtures.HI.toBuilder().temperature(0.1)
          .extraParams(Map.of("keep_alive", "30m", "options", Map.of("num_gpu", 1, "repeat_penalty", 1.1)))
          .build();

      JsonNode body = send(chat);

      assertThat(body.get("keep_alive").asText()).isEqualTo("30m");
      assertThat(body.get("options")).isEqualTo(json("{\"temperature\": 0.1, \"num_gpu\": 1, \"repeat_penalty\": 1.1}"));
    }

    @Test
    void anExtraParamThatIsNotJsonIsAnInvalidRequestNamingIt() {
      ChatRequest chat = Fixtures.HI.toBuilder().extraParams(Map.of("keep_alive", new Object())).build();

      LlmException e = catchThrowableOfType(LlmException.class,
          () -> Fixtures.provider(server.baseUrl()).respond(request(chat)));

      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(e.getMessage()).contains("extraParams.keep_alive");
      assertThat(server.getAllServeEvents()).as("nothing sent").isEmpty();
    }
  }

  @Nested
  class Think {
    @ParameterizedTest(name = "{0} with {1} -> think {2}")
    @CsvSource({
        "qwen3:8b, HIGH, true",
        "qwen3:8b, MINIMAL, true",
        "deepseek-r1:14b, NONE, false",
        "gpt-oss:20b, MINIMAL, '\"low\"'",
        "gpt-oss:20b, LOW, '\"low\"'",
        "gpt-oss:120b, MEDIUM, '\"medium\"'",
        "gpt-oss:20b, HIGH, '\"high\"'",
        "gpt-oss, MAX, '\"high\"'",
        "hf.co/unsloth/gpt-oss-20b-GGUF:Q4_K_M, XHIGH, '\"high\"'",
        "gpt-oss:20b, NONE, false",
        "library/gpt-oss-safeguard:20b, HIGH, '\"high\"'",
        "my/qwen3-gpt-oss-distill:7b, HIGH, true",
        "llama3.2:gpt-oss, HIGH, true"
    })
    void anEffortIsASwitchOrForGptOssALevel(String model, ReasoningEffort effort, String expected) {
      JsonNode body = send(model, Fixtures.HI.toBuilder().reasoningEffort(effort).build(), b -> b);
      assertThat(body.get("think")).isEqualTo(json(expected));
    }

    @Test
    void noEffortNoThinkField() {
      assertThat(send("qwen3:8b", Fixtures.HI, b -> b).has("think")).isFalse();
    }
  }
}
