package dev.llmkit.provider.anthropic;

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
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolChoice;
import dev.llmkit.api.ToolMessage;
import dev.llmkit.api.ToolSpec;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RequestMappingTest {
  @RegisterExtension
  static final StubServer server = new StubServer();
  private static final ToolSpec WEATHER = ToolSpec.of("get_weather", "Current weather for a city",
      Map.of("type", "object", "properties", Map.of("location", Map.of("type", "string")), "required", List.of("location")));

  @BeforeEach
  void answerWithAText() {
    server.answerJson(Fixtures.read("message-text.json"));
  }

  /** Forgets the last exchange and answers with a text again, for tests that send more than one request. */
  void startOver() {
    server.reset();
    answerWithAText();
  }

  private static JsonNode send(ProviderRequest request) {
    Fixtures.provider(server.baseUrl()).complete(request);
    return server.sentBody();
  }

  private static JsonNode send(String model, ChatRequest chat) {
    return send(Fixtures.request(model, chat));
  }

  @Nested
  class Transport {
    @Test
    void postsToMessagesWithKeyVersionAndContentType() {
      send("claude-sonnet-4-5", ChatRequest.builder().user("Hi").build());
      LoggedRequest sent = server.onlyRequest(StubServer.MESSAGES);
      assertThat(sent.getHeader("x-api-key")).isEqualTo(TestContext.KEY);
      assertThat(sent.getHeader("anthropic-version")).isEqualTo("2023-06-01");
      assertThat(sent.getHeader("content-type")).startsWith("application/json");
      assertThat(sent.containsHeader("Upgrade")).isFalse();
    }

    @Test
    void passesExtraHeadersSuchAsAnthropicBeta() {
      ChatProvider provider = Fixtures.provider(LlmConfig.builder().model("claude-sonnet-4-5")
          .baseUrl(server.baseUrl() + "/v1/").extraHeader("anthropic-beta", "context-1m-2025-08-07").build());
      provider.complete(Fixtures.request("claude-sonnet-4-5", ChatRequest.builder().user("Hi").build()));
      assertThat(server.onlyRequest(StubServer.MESSAGES).getHeader("anthropic-beta")).isEqualTo("context-1m-2025-08-07");
    }

    @Test
    void prefersTheConfiguredKeyAndApiVersion() {
      ChatProvider provider = Fixtures.provider(LlmConfig.builder().model("claude-sonnet-4-5")
          .baseUrl(server.baseUrl()).apiKey("sk-ant-config").apiVersion("2024-01-01").build());
      provider.complete(Fixtures.request("claude-sonnet-4-5", ChatRequest.builder().user("Hi").build()));
      LoggedRequest sent = server.onlyRequest(StubServer.MESSAGES);
      assertThat(sent.getHeader("x-api-key")).isEqualTo("sk-ant-config");
      assertThat(sent.getHeader("anthropic-version")).isEqualTo("2024-01-01");
    }
  }

  @Nested
  class Conversation {
    @Test
    void sendsSystemPromptsAsOneTopLevelString() {
      JsonNode body = send("claude-sonnet-4-5", ChatRequest.builder()
          .system("You are terse.").system("Answer in French.").user("Hi").build());
      assertThat(body.get("system").asText()).isEqualTo("You are terse.\n\nAnswer in French.");
      assertThat(body.get("messages")).hasSize(1);
      assertThat(body.at("/messages/0/role").asText()).isEqualTo("user");
      assertThat(body.at("/messages/0/content/0").toString()).isEqualTo("{\"type\":\"text\",\"text\":\"Hi\"}");
      assertThat(body.get("model").asText()).isEqualTo("claude-sonnet-4-5");
    }

    @Test
    void mergesConsecutiveMessagesOfOneRole() {
      JsonNode body = send("claude-sonnet-4-5", ChatRequest.builder()
          .user("First").user("Second").message(Message.assistant("A")).message(Message.assistant("B")).user("Third")
          .build());
      assertThat(body.get("messages")).hasSize(3);
      assertThat(body.at("/messages/0/content").findValuesAsText("text")).containsExactly("First", "Second");
      assertThat(body.at("/messages/1/role").asText()).isEqualTo("assistant");
      assertThat(body.at("/messages/1/content").findValuesAsText("text")).containsExactly("A", "B");
      assertThat(body.at("/messages/2/content/0/text").asText()).isEqualTo("Third");
    }

    @Test
    void sendsImagesAsBase64OrUrlSources() {
      JsonNode body = send("claude-sonnet-4-5", ChatRequest.builder().message(Message.user(
          ContentPart.Image.ofBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png"),
          ContentPart.Image.ofUrl("https://example.com/b.jpg"),
          ContentPart.Image.ofUrl("data:image/webp;base64,UklGRg=="),
          ContentPart.text("Compare these."))).build());
      JsonNode content = body.at("/messages/0/content");
      assertThat(content.get(0).toString()).isEqualTo(
          "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBORw==\"}}");
      assertThat(content.get(1).toString()).isEqualTo(
          "{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://example.com/b.jpg\"}}");
      assertThat(content.get(2).toString()).isEqualTo(
          "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/webp\",\"data\":\"UklGRg==\"}}");
      assertThat(content.get(3).get("text").asText()).isEqualTo("Compare these.");
    }

    @Test
    void sendsDocumentsWithTheirTitle() {
      String text = Base64.getEncoder().encodeToString("Plain notes".getBytes(StandardCharsets.UTF_8));
      JsonNode body = send("claude-sonnet-4-5", ChatRequest.builder().message(Message.user(
          new ContentPart.Document("JVBERi0xLjQK", "application/pdf", "Q3 report"),
          new ContentPart.Document(text, "text/plain", null),
          ContentPart.text("Summarize."))).build());
      JsonNode content = body.at("/messages/0/content");
      assertThat(content.get(0).toString()).isEqualTo("{\"type\":\"document\",\"source\":{\"type\":\"base64\","
          + "\"media_type\":\"application/pdf\",\"data\":\"JVBERi0xLjQK\"},\"title\":\"Q3 report\"}");
      assertThat(content.get(1).toString()).isEqualTo(
          "{\"type\":\"document\",\"source\":{\"type\":\"text\",\"media_type\":\"text/plain\",\"data\":\"Plain notes\"}}");
    }

    @Test
    void sendsToolUseAndToolResultsWithErrorsFlagged() {
      ToolCall paris = new ToolCall("toolu_01A", "get_weather", "{\"location\":\"Paris\"}");
      ToolCall tokyo = new ToolCall("toolu_01B", "get_weather", "");
      JsonNode body = send("claude-sonnet-4-5", ChatRequest.builder()
          .user("Weather in Paris and Tokyo?")
          .message(new AssistantMessage("Checking.", List.of(paris, tokyo), List.of()))
          .message(Message.toolResult(paris, "{\"temp_c\":18}"))
          .message(new ToolMessage("toolu_01B", "get_weather", "city service down", true))
          .user("And tomorrow?")
          .tool(WEATHER)
          .build());
      JsonNode assistant = body.at("/messages/1");
      assertThat(assistant.get("role").asText()).isEqualTo("assistant");
      assertThat(assistant.get("content").toString()).isEqualTo("[{\"type\":\"text\",\"text\":\"Checking.\"},"
          + "{\"type\":\"tool_use\",\"id\":\"toolu_01A\",\"name\":\"get_weather\",\"input\":{\"location\":\"Paris\"}},"
          + "{\"type\":\"tool_use\",\"id\":\"toolu_01B\",\"name\":\"get_weather\",\"input\":{}}]");
      JsonNode results = body.at("/messages/2");
      assertThat(results.get("role").asText()).isEqualTo("user");
      assertThat(results.get("content").toString()).isEqualTo(
          "[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01A\",\"content\":\"{\\\"temp_c\\\":18}\"},"
              + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01B\",\"content\":\"city service down\",\"is_error\":true},"
              + "{\"type\":\"text\",\"text\":\"And tomorrow?\"}]");
      assertThat(body.get("messages")).hasSize(3);
    }

    @Test
    void putsToolResultsAheadOfOtherContentInTheirUserTurn() {
      ToolCall call = new ToolCall("toolu_01A", "get_weather", "{}");
      JsonNode body = send("claude-sonnet-4-5", ChatRequest.builder()
          .message(AssistantMessage.ofToolCalls(List.of(call)))
          .user("Here is the result:")
          .message(Message.toolResult(call, "sunny"))
          .build());
      assertThat(body.at("/messages/1/content/0/type").asText()).isEqualTo("tool_result");
      assertThat(body.at("/messages/1/content/1/text").asText()).isEqualTo("Here is the result:");
    }

    @Test
    void replaysThinkingVerbatimAndFirstWithItsSignature() {
      ToolCall call = new ToolCall("toolu_01A", "get_weather", "{\"location\":\"Paris\"}");
      AssistantMessage turn = new AssistantMessage(null, List.of(call), List.of(
          new Reasoning("Need the weather.\n  Call the tool.", "EqQBCgIYAhIMsig==", null),
          Reasoning.redacted("EmwKAhgBEgyRedacted=="),
          Reasoning.of("unsigned text from another provider")));
      JsonNode body = send("claude-sonnet-4-5", ChatRequest.builder()
          .user("Weather?").message(turn).message(Message.toolResult(call, "sunny")).tool(WEATHER).build());
      assertThat(body.at("/messages/1/content").toString()).isEqualTo("["
          + "{\"type\":\"thinking\",\"thinking\":\"Need the weather.\\n  Call the tool.\",\"signature\":\"EqQBCgIYAhIMsig==\"},"
          + "{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgBEgyRedacted==\"},"
          + "{\"type\":\"tool_use\",\"id\":\"toolu_01A\",\"name\":\"get_weather\",\"input\":{\"location\":\"Paris\"}}]");
    }

    @Test
    void rejectsToolArgumentsThatAreNotAJsonObject() {
      ChatRequest chat = ChatRequest.builder().user("x")
          .message(AssistantMessage.ofToolCalls(List.of(new ToolCall("toolu_9", "get_weather", "[1,2")))).build();
      assertThatThrownBy(() -> send("claude-sonnet-4-5", chat))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("toolu_9");
    }
  }

  @Nested
  class ToolsAndSampling {
    @Test
    void declaresToolsWithTheirInputSchema() {
      JsonNode body = send("claude-sonnet-4-5", ChatRequest.builder().user("x").tool(WEATHER)
          .tool(ToolSpec.of("now", "", Map.of())).build());
      assertThat(body.at("/tools/0/name").asText()).isEqualTo("get_weather");
      assertThat(body.at("/tools/0/description").asText()).isEqualTo("Current weather for a city");
      assertThat(body.at("/tools/0/input_schema/properties/location/type").asText()).isEqualTo("string");
      assertThat(body.at("/tools/0/input_schema/required/0").asText()).isEqualTo("location");
      assertThat(body.at("/tools/1").toString())
          .isEqualTo("{\"name\":\"now\",\"input_schema\":{\"type\":\"object\",\"properties\":{}}}");
      assertThat(body.has("tool_choice")).isFalse();
    }

    @Test
    void mapsEveryToolChoice() {
      assertThat(choice(ToolChoice.auto(), null)).isEqualTo("{\"type\":\"auto\"}");
      assertThat(choice(ToolChoice.required(), null)).isEqualTo("{\"type\":\"any\"}");
      assertThat(choice(ToolChoice.tool("get_weather"), null)).isEqualTo("{\"type\":\"tool\",\"name\":\"get_weather\"}");
      assertThat(choice(ToolChoice.none(), false)).isEqualTo("{\"type\":\"none\"}");
      assertThat(choice(ToolChoice.required(), false)).isEqualTo("{\"type\":\"any\",\"disable_parallel_tool_use\":true}");
      assertThat(choice(null, false)).isEqualTo("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}");
      assertThat(choice(null, true)).isEqualTo("");
    }

    private String choice(ToolChoice choice, Boolean parallel) {
      startOver();
      JsonNode body = send("claude-sonnet-4-5", ChatRequest.builder().user("x").tool(WEATHER)
          .toolChoice(choice).parallelToolCalls(parallel).build());
      return body.has("tool_choice") ? body.get("tool_choice").toString() : "";
    }

    @Test
    void sendsSamplingAndStopSequencesButNoSeed() {
      JsonNode body = send("claude-3-5-sonnet-20241022", ChatRequest.builder().user("x")
          .temperature(0.2).topP(0.9).topK(40).maxOutputTokens(300).stop(List.of("</answer>", "\n\nHuman:")).seed(7L)
          .build());
      assertThat(body.get("temperature").asDouble()).isEqualTo(0.2);
      assertThat(body.get("top_p").asDouble()).isEqualTo(0.9);
      assertThat(body.get("top_k").asInt()).isEqualTo(40);
      assertThat(body.get("max_tokens").asInt()).isEqualTo(300);
      assertThat(body.get("stop_sequences").toString()).isEqualTo("[\"</answer>\",\"\\n\\nHuman:\"]");
      assertThat(body.has("seed")).isFalse();
      assertThat(body.has("stream")).isFalse();
    }

    @Test
    void takesMaxTokensFromTheCatalogWhenTheRequestHasNone() {
      assertThat(send("claude-3-5-sonnet-20241022", ChatRequest.of(Message.user("x"))).get("max_tokens").asInt())
          .isEqualTo(8192);
      startOver();
      assertThat(send("claude-3-haiku-20240307", ChatRequest.of(Message.user("x"))).get("max_tokens").asInt())
          .isEqualTo(4096);
      startOver();
      assertThat(send("my-proxy-alias", ChatRequest.of(Message.user("x"))).get("max_tokens").asInt())
          .isEqualTo(4096);
    }

    @Test
    void mergesExtraParamsLast() {
      JsonNode body = send("claude-sonnet-4-5", ChatRequest.builder().user("x").maxOutputTokens(100)
          .extraParam("max_tokens", 200).extraParam("metadata", Map.of("user_id", "u-42")).build());
      assertThat(body.get("max_tokens").asInt()).isEqualTo(200);
      assertThat(body.at("/metadata/user_id").asText()).isEqualTo("u-42");
    }
  }

  @Nested
  class Thinking {
    @Test
    void mapsEffortToABudgetAndDropsTemperatureAndTopK() {
      JsonNode body = send("claude-sonnet-4-5", ChatRequest.builder().user("x").reasoningEffort(ReasoningEffort.MEDIUM)
          .temperature(0.3).topK(5).topP(0.5).maxOutputTokens(10_000).build());
      assertThat(body.get("thinking").toString()).isEqualTo("{\"type\":\"enabled\",\"budget_tokens\":4096}");
      assertThat(body.get("max_tokens").asInt()).isEqualTo(10_000);
      assertThat(body.has("temperature")).isFalse();
      assertThat(body.has("top_k")).isFalse();
      assertThat(body.has("top_p")).isFalse();
    }

    @Test
    void raisesMaxTokensAboveTheBudgetWithinTheModelLimit() {
      JsonNode body = send("claude-3-7-sonnet-20250219", ChatRequest.builder().user("x")
          .reasoningEffort(ReasoningEffort.HIGH).maxOutputTokens(1000).build());
      assertThat(body.at("/thinking/budget_tokens").asInt()).isEqualTo(16_384);
      assertThat(body.get("max_tokens").asInt()).isEqualTo(17_384);

      startOver();
      JsonNode capped = send("claude-opus-4-1", ChatRequest.builder().user("x").reasoningEffort(ReasoningEffort.MAX).build());
      assertThat(capped.get("max_tokens").asInt()).isEqualTo(32_000);
      assertThat(capped.at("/thinking/budget_tokens").asInt()).isEqualTo(16_000);
    }

    @Test
    void usesTheMinimumBudgetForLowEfforts() {
      JsonNode body = send("claude-haiku-4-5", ChatRequest.builder().user("x").reasoningEffort(ReasoningEffort.MINIMAL)
          .build());
      assertThat(body.get("thinking").toString()).isEqualTo("{\"type\":\"enabled\",\"budget_tokens\":1024}");
      assertThat(body.get("max_tokens").asInt()).isEqualTo(64_000);
    }

    @Test
    void fallsBackToAutoToolChoiceBecauseForcedToolsCannotThink() {
      JsonNode body = send("claude-sonnet-4-5", ChatRequest.builder().user("x").tool(WEATHER)
          .toolChoice(ToolChoice.tool("get_weather")).reasoningEffort(ReasoningEffort.LOW).build());
      assertThat(body.get("tool_choice").toString()).isEqualTo("{\"type\":\"auto\"}");
      assertThat(body.has("thinking")).isTrue();
    }

    @Test
    void sendsNoThinkingForNoneOrANonReasoningModel() {
      JsonNode none = send("claude-sonnet-4-5", ChatRequest.builder().user("x").reasoningEffort(ReasoningEffort.NONE)
          .temperature(0.5).build());
      assertThat(none.has("thinking")).isFalse();
      assertThat(none.get("temperature").asDouble()).isEqualTo(0.5);
      startOver();
      JsonNode old = send("claude-3-5-sonnet-20241022", ChatRequest.builder().user("x")
          .reasoningEffort(ReasoningEffort.HIGH).build());
      assertThat(old.has("thinking")).isFalse();
    }

    @Test
    void asksClaude46AndLaterForAdaptiveThinkingWithAnEffort() {
      JsonNode body = send("claude-opus-4-6", ChatRequest.builder().user("x").reasoningEffort(ReasoningEffort.HIGH)
          .temperature(0.7).build());
      assertThat(body.get("thinking").toString()).isEqualTo("{\"type\":\"adaptive\"}");
      assertThat(body.get("output_config").toString()).isEqualTo("{\"effort\":\"high\"}");
      assertThat(body.has("temperature")).isFalse();
    }
  }

  @Nested
  class PromptCaching {
    @Test
    void marksTheSystemBlockAndTheLastBlockOfMarkedMessages() {
      ToolCall call = new ToolCall("toolu_01A", "get_weather", "{}");
      ChatRequest chat = ChatRequest.builder()
          .system("Long policy text")
          .message(Message.user(ContentPart.text("Look:"), ContentPart.Image.ofUrl("https://example.com/a.png")))
          .message(AssistantMessage.ofToolCalls(List.of(call)))
          .message(Message.toolResult(call, "sunny"))
          .user("Thanks")
          .build();
      JsonNode body = send(Fixtures.cached("claude-sonnet-4-5", chat, Set.of(0, 1, 3), null));
      assertThat(body.get("system").toString())
          .isEqualTo("[{\"type\":\"text\",\"text\":\"Long policy text\",\"cache_control\":{\"type\":\"ephemeral\"}}]");
      assertThat(body.at("/messages/0/content/0").has("cache_control")).isFalse();
      assertThat(body.at("/messages/0/content/1/cache_control").toString()).isEqualTo("{\"type\":\"ephemeral\"}");
      assertThat(body.at("/messages/1/content/0").has("cache_control")).isFalse();
      assertThat(body.at("/messages/2/content/0/type").asText()).isEqualTo("tool_result");
      assertThat(body.at("/messages/2/content/0/cache_control/type").asText()).isEqualTo("ephemeral");
      assertThat(body.at("/messages/2/content/1").has("cache_control")).isFalse();
    }

    @Test
    void addsTheTtlWhenOneIsAsked() {
      JsonNode body = send(Fixtures.cached("claude-sonnet-4-5",
          ChatRequest.builder().system("Policy").user("Hi").build(), Set.of(0), "1h"));
      assertThat(body.at("/system/0/cache_control").toString()).isEqualTo("{\"type\":\"ephemeral\",\"ttl\":\"1h\"}");
    }

    @Test
    void keepsOnlyTheLastFourMarks() {
      ChatRequest.Builder chat = ChatRequest.builder().system("Policy");
      for (int i = 1; i <= 5; i++) {
        chat.user("question " + i).message(Message.assistant("answer " + i));
      }
      JsonNode body = send(Fixtures.cached("claude-sonnet-4-5", chat.build(), Set.of(0, 2, 4, 6, 8, 10), null));
      assertThat(body.findValues("cache_control")).hasSize(4);
      assertThat(body.get("system").isTextual()).isTrue();
      // indexes 4, 6, 8, 10 are the assistant answers 2..5
      assertThat(body.get("messages").findParents("cache_control"))
          .extracting(n -> n.get("text").asText())
          .containsExactly("answer 2", "answer 3", "answer 4", "answer 5");
    }
  }
}
