package dev.llmkit.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.llmkit.provider.openai.Fixtures.json;
import static dev.llmkit.provider.openai.Fixtures.provider;
import static dev.llmkit.provider.openai.Fixtures.request;
import static dev.llmkit.provider.openai.Fixtures.sentBody;
import static dev.llmkit.provider.openai.Fixtures.sentRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.ReasoningEffort;
import dev.llmkit.api.ResponseFormat;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolChoice;
import dev.llmkit.api.ToolMessage;
import dev.llmkit.api.ToolSpec;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderFactory;
import dev.llmkit.spi.ProviderRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class RequestMappingTest {
  static final String OK = """
      {"id":"chatcmpl-1","object":"chat.completion","created":1767225600,"model":"gpt-4o-2024-08-06",
       "choices":[{"index":0,"message":{"role":"assistant","content":"ok","refusal":null},"finish_reason":"stop","logprobs":null}],
       "usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}
      """;
  static final String STREAM_OK = Fixtures.sse(
      "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}",
      "[DONE]");
  static final ToolSpec LOOKUP = ToolSpec.of("lookup", "Stock level for a SKU", Map.of(
      "type", "object",
      "properties", Map.of("sku", Map.of("type", "string")),
      "required", List.of("sku")));

  @RegisterExtension
  static final StubServer server = new StubServer();

  @BeforeEach
  void answerOk() {
    server.answerJson(OK);
  }

  static JsonNode send(ProviderFactory factory, String model, ChatRequest chat) {
    ChatProvider p = provider(factory, server);
    p.complete(request(factory, model, chat));
    return sentBody(server);
  }

  @Nested
  class Messages {
    @Test
    void aFullConversationIsSentWithEveryRoleInTheWireShape() {
      ToolCall call = new ToolCall("call_7Hq", "lookup", "{\"sku\":\"A-17\"}");
      ChatRequest chat = ChatRequest.builder()
          .system("Answer tersely.")
          .message(Message.user(
              ContentPart.text("What is in this picture?"),
              ContentPart.Image.ofBytes(new byte[] {1, 2, 3}, "image/jpeg").withDetail(ContentPart.ImageDetail.LOW)))
          .message(AssistantMessage.ofToolCalls(List.of(call)))
          .message(Message.toolResult(call, "{\"stock\":4}"))
          .message(Message.assistant("There are 4."))
          .user("Thanks")
          .build();

      JsonNode body = send(new OpenAiProviderFactory(), "gpt-4o", chat);

      assertThat(body).isEqualTo(json("""
          {"model":"gpt-4o","messages":[
            {"role":"system","content":"Answer tersely."},
            {"role":"user","content":[
              {"type":"text","text":"What is in this picture?"},
              {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,AQID","detail":"low"}}]},
            {"role":"assistant","content":null,"tool_calls":[
              {"id":"call_7Hq","type":"function","function":{"name":"lookup","arguments":"{\\"sku\\":\\"A-17\\"}"}}]},
            {"role":"tool","tool_call_id":"call_7Hq","content":"{\\"stock\\":4}"},
            {"role":"assistant","content":"There are 4."},
            {"role":"user","content":"Thanks"}]}
          """));
    }

    @Test
    void textOnlyUserContentIsAPlainStringEvenWithSeveralParts() {
      JsonNode body = send(new OpenAiProviderFactory(), "gpt-4o",
          ChatRequest.of(Message.user(ContentPart.text("one"), ContentPart.text("two"))));

      assertThat(body.at("/messages/0/content").textValue()).isEqualTo("one\ntwo");
    }

    @Test
    void imageUrlsKeepTheirUrlAndOmitTheDefaultDetail() {
      JsonNode body = send(new OpenAiProviderFactory(), "gpt-4o", ChatRequest.of(Message.user(
          ContentPart.Image.ofUrl("https://example.com/b.jpg"),
          ContentPart.Image.ofUrl("https://example.com/c.jpg").withDetail(ContentPart.ImageDetail.HIGH))));

      assertThat(body.at("/messages/0/content")).isEqualTo(json("""
          [{"type":"image_url","image_url":{"url":"https://example.com/b.jpg"}},
           {"type":"image_url","image_url":{"url":"https://example.com/c.jpg","detail":"high"}}]
          """));
    }

    @Test
    void aDocumentBecomesAFilePartWithADataUrl() {
      JsonNode body = send(new OpenAiProviderFactory(), "gpt-4o", ChatRequest.of(Message.user(
          ContentPart.text("Summarise"),
          ContentPart.Document.ofBytes("%PDF".getBytes(StandardCharsets.US_ASCII), "application/pdf"),
          new ContentPart.Document("JVBERg==", "application/pdf", "report.pdf"))));

      assertThat(body.at("/messages/0/content")).isEqualTo(json("""
          [{"type":"text","text":"Summarise"},
           {"type":"file","file":{"filename":"document.pdf","file_data":"data:application/pdf;base64,JVBERg=="}},
           {"type":"file","file":{"filename":"report.pdf","file_data":"data:application/pdf;base64,JVBERg=="}}]
          """));
    }

    @Test
    void anAssistantTurnWithTextAndToolCallsKeepsBoth() {
      AssistantMessage a = new AssistantMessage("Checking.", List.of(new ToolCall("c1", "lookup", "{}")), List.of());
      JsonNode body = send(new OpenAiProviderFactory(), "gpt-4o", ChatRequest.of(Message.user("hi"), a));

      assertThat(body.at("/messages/1")).isEqualTo(json("""
          {"role":"assistant","content":"Checking.","tool_calls":[
            {"id":"c1","type":"function","function":{"name":"lookup","arguments":"{}"}}]}
          """));
    }

    @Test
    void toolMessagesCarryTheCallId() {
      JsonNode body = send(new OpenAiProviderFactory(), "gpt-4o",
          ChatRequest.of(Message.user("hi"), new ToolMessage("call_9", "lookup", "failed: timeout", true)));

      assertThat(body.at("/messages/1")).isEqualTo(json("""
          {"role":"tool","tool_call_id":"call_9","content":"failed: timeout"}
          """));
    }
  }

  @Nested
  class ToolsAndFormats {
    @Test
    void toolsToolChoiceAndParallelCallsAreSent() {
      JsonNode body = send(new OpenAiProviderFactory(), "gpt-4o", ChatRequest.builder()
          .user("stock of A-17?").tool(LOOKUP).toolChoice(ToolChoice.auto()).parallelToolCalls(true).build());

      assertThat(body.get("tools")).isEqualTo(json("""
          [{"type":"function","function":{"name":"lookup","description":"Stock level for a SKU",
            "parameters":{"type":"object","properties":{"sku":{"type":"string"}},"required":["sku"]}}}]
          """));
      assertThat(body.get("tool_choice").textValue()).isEqualTo("auto");
      assertThat(body.get("parallel_tool_calls").booleanValue()).isTrue();
    }

    @Test
    void everyToolChoiceModeHasItsWireForm() {
      assertThat(toolChoice(ToolChoice.none())).isEqualTo(json("\"none\""));
      assertThat(toolChoice(ToolChoice.required())).isEqualTo(json("\"required\""));
      assertThat(toolChoice(ToolChoice.tool("lookup")))
          .isEqualTo(json("{\"type\":\"function\",\"function\":{\"name\":\"lookup\"}}"));
    }

    private JsonNode toolChoice(ToolChoice choice) {
      server.resetRequests();
      return send(new OpenAiProviderFactory(), "gpt-4o",
          ChatRequest.builder().user("x").tool(LOOKUP).toolChoice(choice).build()).get("tool_choice");
    }

    @Test
    void toolChoiceIsLeftOutWhenThereAreNoTools() {
      JsonNode body = send(new OpenAiProviderFactory(), "gpt-4o", ChatRequest.builder()
          .user("x").toolChoice(ToolChoice.none()).parallelToolCalls(false).build());

      assertThat(body.has("tool_choice")).isFalse();
      assertThat(body.has("parallel_tool_calls")).isFalse();
      assertThat(body.has("tools")).isFalse();
    }

    @Test
    void aToolWithoutParametersGetsAnEmptyObjectSchema() {
      JsonNode body = send(new OpenAiProviderFactory(), "gpt-4o", ChatRequest.builder()
          .user("x").tool(ToolSpec.of("now", "", Map.of())).build());

      assertThat(body.at("/tools/0/function")).isEqualTo(json("""
          {"name":"now","parameters":{"type":"object","properties":{}}}
          """));
    }

    @Test
    void responseFormatsAreSentInEachShape() {
      assertThat(format(ResponseFormat.text())).isEqualTo(json("{\"type\":\"text\"}"));
      assertThat(format(ResponseFormat.jsonObject())).isEqualTo(json("{\"type\":\"json_object\"}"));
      assertThat(format(ResponseFormat.jsonSchema("answer",
          Map.of("type", "object", "properties", Map.of("n", Map.of("type", "integer"))), true)))
          .isEqualTo(json("""
              {"type":"json_schema","json_schema":{"name":"answer","strict":true,
                "schema":{"type":"object","properties":{"n":{"type":"integer"}}}}}
              """));
    }

    private JsonNode format(ResponseFormat f) {
      server.resetRequests();
      return send(new OpenAiProviderFactory(), "gpt-4o", ChatRequest.builder().user("x").responseFormat(f).build())
          .get("response_format");
    }
  }

  @Nested
  class Sampling {
    @Test
    void samplingSettingsUseOpenAiNames() {
      ChatProvider p = provider(new OpenAiProviderFactory(), server);
      p.complete(request(new OpenAiProviderFactory(), "gpt-4o", ChatRequest.builder().user("x")
          .temperature(0.2).topP(0.9).maxOutputTokens(800).stop(List.of("\n\nEND")).seed(42L).topK(40).build()));

      // Exact match: top_k is not an OpenAI field and must not be sent.
      server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
          .withRequestBody(equalToJson("""
              {"model":"gpt-4o","messages":[{"role":"user","content":"x"}],
               "temperature":0.2,"top_p":0.9,"max_completion_tokens":800,"stop":["\\n\\nEND"],"seed":42}
              """)));
    }

    @Test
    void atMostFourStopSequencesAreSent() {
      JsonNode body = send(new OpenAiProviderFactory(), "gpt-4o", ChatRequest.builder().user("x")
          .stop(List.of("a", "b", "c", "d", "e")).build());

      assertThat(body.get("stop")).isEqualTo(json("[\"a\",\"b\",\"c\",\"d\"]"));
    }

    @Test
    void reasoningEffortIsLeftOutForModelsThatDoNotReason() {
      JsonNode body = send(new OpenAiProviderFactory(), "gpt-4o", ChatRequest.builder().user("x")
          .reasoningEffort(ReasoningEffort.HIGH).build());

      assertThat(body.has("reasoning_effort")).isFalse();
    }

    @Test
    void extraParamsAreMergedLastAndMayOverride() {
      JsonNode body = send(new OpenAiProviderFactory(), "gpt-4o", ChatRequest.builder().user("x")
          .temperature(0.2)
          .extraParam("temperature", 0.7)
          .extraParam("logprobs", true)
          .extraParam("metadata", Map.of("team", "search"))
          .build());

      assertThat(body.get("temperature").doubleValue()).isEqualTo(0.7);
      assertThat(body.get("logprobs").booleanValue()).isTrue();
      assertThat(body.get("metadata")).isEqualTo(json("{\"team\":\"search\"}"));
    }
  }

  @Nested
  class ReasoningModels {
    @Test
    void oSeriesModelsGetDeveloperPromptsEffortAndNoSamplingFields() {
      JsonNode body = send(new OpenAiProviderFactory(), "o4-mini", ChatRequest.builder()
          .system("Be brief.").user("x")
          .temperature(0.2).topP(0.5).maxOutputTokens(2000).reasoningEffort(ReasoningEffort.HIGH).build());

      assertThat(body).isEqualTo(json("""
          {"model":"o4-mini","messages":[{"role":"developer","content":"Be brief."},{"role":"user","content":"x"}],
           "max_completion_tokens":2000,"reasoning_effort":"high"}
          """));
    }

    @Test
    void gpt5TakesReasoningEffortButNoTemperature() {
      JsonNode body = send(new OpenAiProviderFactory(), "gpt-5-mini", ChatRequest.builder().user("x")
          .temperature(0.2).reasoningEffort(ReasoningEffort.MINIMAL).build());

      assertThat(body.has("temperature")).isFalse();
      assertThat(body.get("reasoning_effort").textValue()).isEqualTo("minimal");
    }

    @ParameterizedTest
    @EnumSource(ReasoningEffort.class)
    void everyEffortOfTheScaleIsSentAsAsked(ReasoningEffort effort) {
      JsonNode body = send(new OpenAiProviderFactory(), "gpt-5-mini", ChatRequest.builder().user("x")
          .reasoningEffort(effort).build());

      assertThat(body.get("reasoning_effort").textValue()).isEqualTo(effort.wireName());
    }

    /** Ollama's /v1 takes none|low|medium|high|max: a value between two is sent as the lower, minimal as low. */
    @ParameterizedTest
    @CsvSource({"NONE, none", "MINIMAL, low", "LOW, low", "MEDIUM, medium", "HIGH, high", "XHIGH, high", "MAX, max"})
    void ollamaGetsTheNearestEffortOfItsScale(ReasoningEffort effort, String sent) {
      OllamaOpenAiProviderFactory factory = new OllamaOpenAiProviderFactory();
      ModelInfo described = factory.describeModel("gpt-oss:20b");
      ModelInfo reasoning = ModelInfo.builder(described.provider(), described.name())
          .features(described.features().set(ModelFeature.REASONING_EFFORT, true)).build();

      provider(factory, server).complete(ProviderRequest.of(reasoning,
          ChatRequest.builder().user("x").reasoningEffort(effort).build()));

      assertThat(sentBody(server).get("reasoning_effort").textValue()).isEqualTo(sent);
    }
  }

  @Nested
  class Streaming {
    @Test
    void streamRequestsAskForTheUsageChunk() {
      server.answerStream(STREAM_OK);
      OpenAiProviderFactory f = new OpenAiProviderFactory();

      Fixtures.Collected c = Fixtures.collect(provider(f, server).stream(request(f, "gpt-4o", ChatRequest.of(Message.user("x")))));

      assertThat(c.completed()).isTrue();
      JsonNode body = sentBody(server);
      assertThat(body.get("stream").booleanValue()).isTrue();
      assertThat(body.get("stream_options")).isEqualTo(json("{\"include_usage\":true}"));
      assertThat(sentRequest(server).getHeader("Accept")).isEqualTo("text/event-stream");
    }

    @Test
    void nonStreamRequestsDoNotMentionStreaming() {
      JsonNode body = send(new OpenAiProviderFactory(), "gpt-4o", ChatRequest.of(Message.user("x")));

      assertThat(body.has("stream")).isFalse();
      assertThat(body.has("stream_options")).isFalse();
    }
  }

  @Nested
  class Headers {
    @Test
    void theKeyIsSentAsBearerWithJsonContentTypeOverHttp11() {
      send(new OpenAiProviderFactory(), "gpt-4o", ChatRequest.of(Message.user("x")));

      LoggedRequest r = sentRequest(server);
      assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + Fixtures.KEY);
      assertThat(r.getHeader("Content-Type")).startsWith("application/json");
      assertThat(r.containsHeader("Upgrade")).isFalse();
    }

    @Test
    void extraHeadersAreAdded() {
      OpenAiProviderFactory f = new OpenAiProviderFactory();
      provider(f, server, b -> b.extraHeader("X-Team", "search")).complete(request(f, "gpt-4o", ChatRequest.of(Message.user("x"))));

      assertThat(sentRequest(server).getHeader("X-Team")).isEqualTo("search");
    }

    @Test
    void restrictedExtraHeadersAreAConfigurationErrorNamingTheHeader() {
      assertThatThrownBy(() -> provider(new OpenAiProviderFactory(), server, b -> b.extraHeader("Host", "evil")))
          .isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
            assertThat(e.getMessage()).contains("'Host'").doesNotContain("evil");
          });
    }
  }

  @Nested
  class CompatibleDialects {
    @Test
    void mistralGetsRandomSeedMaxTokensAndNoStreamOptions() {
      server.answerStream(STREAM_OK);
      MistralProviderFactory f = new MistralProviderFactory();

      Fixtures.collect(provider(f, server).stream(request(f, "mistral-large-latest",
          ChatRequest.builder().user("x").seed(7L).maxOutputTokens(100).topK(5).build())));

      assertThat(sentBody(server)).isEqualTo(json("""
          {"model":"mistral-large-latest","messages":[{"role":"user","content":"x"}],
           "max_tokens":100,"random_seed":7,"stream":true}
          """));
    }

    @Test
    void deepSeekUsesMaxTokensAndSystemRole() {
      JsonNode body = send(new DeepSeekProviderFactory(), "deepseek-reasoner", ChatRequest.builder()
          .system("s").user("x").maxOutputTokens(100).build());

      assertThat(body.get("max_tokens").intValue()).isEqualTo(100);
      assertThat(body.has("max_completion_tokens")).isFalse();
      assertThat(body.at("/messages/0/role").textValue()).isEqualTo("system");
    }

    @Test
    void vllmTakesTopK() {
      JsonNode body = send(new VllmProviderFactory(), "Qwen/Qwen3-8B", ChatRequest.builder().user("x").topK(20).build());

      assertThat(body.get("top_k").intValue()).isEqualTo(20);
    }

    @Test
    void openRouterSpellsReasoningEffortAsAnObjectAndSendsAttributionHeaders() {
      OpenRouterProviderFactory f = new OpenRouterProviderFactory();
      provider(f, server, b -> b.openrouterSiteUrl("https://app.example").openrouterAppName("Example App"))
          .complete(request(f, "openai/o3", ChatRequest.builder().user("x").reasoningEffort(ReasoningEffort.LOW).build()));

      LoggedRequest r = sentRequest(server);
      JsonNode body = json(r.getBodyAsString());
      assertThat(body.get("reasoning")).isEqualTo(json("{\"effort\":\"low\"}"));
      assertThat(body.has("reasoning_effort")).isFalse();
      assertThat(r.getHeader("HTTP-Referer")).isEqualTo("https://app.example");
      assertThat(r.getHeader("X-Title")).isEqualTo("Example App");
    }

    @Test
    void ollamaOpenAiRefusesImageUrlsBeforeSendingAnything() {
      OllamaOpenAiProviderFactory f = new OllamaOpenAiProviderFactory();
      ChatProvider p = provider(f, server);

      assertThatThrownBy(() -> p.complete(request(f, "llava",
              ChatRequest.of(Message.user(ContentPart.Image.ofUrl("https://example.com/a.png"))))))
          .isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
            assertThat(e.getMessage()).contains("inline");
          });
      assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void ollamaOpenAiTakesInlineImagesAsDataUrls() {
      JsonNode body = send(new OllamaOpenAiProviderFactory(), "llava",
          ChatRequest.of(Message.user(ContentPart.Image.ofBytes(new byte[] {1}, "image/png"))));

      assertThat(body.at("/messages/0/content/0/image_url/url").textValue()).isEqualTo("data:image/png;base64,AQ==");
    }

    @Test
    void groqAndXaiUseMaxCompletionTokens() {
      assertThat(send(new GroqProviderFactory(), "llama-3.3-70b-versatile",
          ChatRequest.builder().user("x").maxOutputTokens(10).build()).has("max_completion_tokens")).isTrue();
      server.resetRequests();
      assertThat(send(new XaiProviderFactory(), "grok-3",
          ChatRequest.builder().user("x").maxOutputTokens(10).build()).has("max_completion_tokens")).isTrue();
    }
  }
}
