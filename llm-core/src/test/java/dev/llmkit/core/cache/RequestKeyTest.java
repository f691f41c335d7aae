package dev.llmkit.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.Message;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.ReasoningEffort;
import dev.llmkit.api.ResponseFormat;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolChoice;
import dev.llmkit.api.ToolMessage;
import dev.llmkit.api.ToolSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The cache key: equal for requests that decide the same answer, different for any field that changes it. */
class RequestKeyTest {
  private static final ModelInfo MODEL = new ModelInfo("acme", "m1", ModelFeatures.of(ModelFeature.VISION), 100_000, 4_096);
  private static final ToolSpec WEATHER = ToolSpec.of("weather", "Weather of a city", schema("city", "string"));

  /** A request with every field set, so that each variation below changes exactly one thing. */
  private static ChatRequest.Builder full() {
    return ChatRequest.builder()
        .system("be brief")
        .message(Message.user(ContentPart.text("look"), ContentPart.Image.ofBytes(new byte[] {1, 2, 3}, "image/png")))
        .message(new AssistantMessage("calling", List.of(new ToolCall("c1", "weather", "{\"city\":\"Paris\"}")),
            List.of(new Reasoning("thinking", "sig", null))))
        .message(new ToolMessage("c1", "weather", "sunny", false))
        .tool(WEATHER)
        .toolChoice(ToolChoice.auto())
        .parallelToolCalls(true)
        .temperature(0.2)
        .topP(0.9)
        .topK(40)
        .maxOutputTokens(256)
        .stop(List.of("END"))
        .seed(7L)
        .reasoningEffort(ReasoningEffort.LOW)
        .responseFormat(ResponseFormat.jsonObject())
        .extraParam("user", "u-1");
  }

  private static final LlmConfig CONFIG = LlmConfig.builder().model("acme/m1").apiKey("sk-one").build();

  private static String key(ChatRequest request) {
    return RequestKey.of(RequestKey.Scope.of("", CONFIG, MODEL), request);
  }

  private static String key(String namespace, LlmConfig config, ModelInfo model, ChatRequest request) {
    return RequestKey.of(RequestKey.Scope.of(namespace, config, model), request);
  }

  @Test
  void the_key_is_sha256_hex_and_the_same_for_equal_requests() {
    String a = key(full().build());
    String b = key(full().build());

    assertThat(a).matches("[0-9a-f]{64}").isEqualTo(b);
  }

  @Test
  void map_order_does_not_change_the_key() {
    Map<String, Object> ab = new LinkedHashMap<>();
    ab.put("a", 1);
    ab.put("b", Map.of("x", true, "y", List.of(1, 2)));
    Map<String, Object> ba = new LinkedHashMap<>();
    ba.put("b", Map.of("y", List.of(1, 2), "x", true));
    ba.put("a", 1);
    Map<String, Object> nestedAb = new LinkedHashMap<>(ab);
    Map<String, Object> nestedBa = new LinkedHashMap<>(ba);

    assertThat(key(full().extraParams(ab).build())).isEqualTo(key(full().extraParams(ba).build()));
    assertThat(key(full().tools(List.of(ToolSpec.of("t", "d", Map.of("type", "object", "properties", nestedAb)))).build()))
        .isEqualTo(key(full().tools(List.of(ToolSpec.of("t", "d", Map.of("properties", nestedBa, "type", "object")))).build()));
  }

  static List<Arguments> oneFieldChanged() {
    return List.of(
        Arguments.of("system text", (UnaryOperator<ChatRequest.Builder>) b -> replaceFirst(b, Message.system("be long"))),
        Arguments.of("user text", (UnaryOperator<ChatRequest.Builder>) b -> b.user("and more")),
        Arguments.of("image bytes", (UnaryOperator<ChatRequest.Builder>) b -> replaceSecond(b,
            Message.user(ContentPart.text("look"), ContentPart.Image.ofBytes(new byte[] {1, 2, 4}, "image/png")))),
        Arguments.of("image detail", (UnaryOperator<ChatRequest.Builder>) b -> replaceSecond(b,
            Message.user(ContentPart.text("look"), ContentPart.Image.ofBytes(new byte[] {1, 2, 3}, "image/png")
                .withDetail(ContentPart.ImageDetail.HIGH)))),
        Arguments.of("image by url", (UnaryOperator<ChatRequest.Builder>) b -> replaceSecond(b,
            Message.user(ContentPart.text("look"), ContentPart.Image.ofUrl("https://example.com/a.png")))),
        Arguments.of("message role", (UnaryOperator<ChatRequest.Builder>) b -> replaceFirst(b, Message.user("be brief"))),
        Arguments.of("tool call arguments", (UnaryOperator<ChatRequest.Builder>) b -> replaceThird(b,
            new AssistantMessage("calling", List.of(new ToolCall("c1", "weather", "{\"city\":\"Rome\"}")),
                List.of(new Reasoning("thinking", "sig", null))))),
        Arguments.of("reasoning signature", (UnaryOperator<ChatRequest.Builder>) b -> replaceThird(b,
            new AssistantMessage("calling", List.of(new ToolCall("c1", "weather", "{\"city\":\"Paris\"}")),
                List.of(new Reasoning("thinking", "other", null))))),
        Arguments.of("tool result", (UnaryOperator<ChatRequest.Builder>) b -> replace(b, 3,
            new ToolMessage("c1", "weather", "rainy", false))),
        Arguments.of("tool result error flag", (UnaryOperator<ChatRequest.Builder>) b -> replace(b, 3,
            new ToolMessage("c1", "weather", "sunny", true))),
        Arguments.of("tool name", (UnaryOperator<ChatRequest.Builder>) b -> b.tools(List.of(
            ToolSpec.of("forecast", WEATHER.description(), WEATHER.parameters())))),
        Arguments.of("tool description", (UnaryOperator<ChatRequest.Builder>) b -> b.tools(List.of(
            ToolSpec.of("weather", "Weather of a town", WEATHER.parameters())))),
        Arguments.of("tool schema", (UnaryOperator<ChatRequest.Builder>) b -> b.tools(List.of(
            ToolSpec.of("weather", WEATHER.description(), schema("city", "integer"))))),
        Arguments.of("no tools", (UnaryOperator<ChatRequest.Builder>) b -> b.tools(List.of())),
        Arguments.of("tool choice", (UnaryOperator<ChatRequest.Builder>) b -> b.toolChoice(ToolChoice.required())),
        Arguments.of("named tool choice", (UnaryOperator<ChatRequest.Builder>) b -> b.toolChoice(ToolChoice.tool("weather"))),
        Arguments.of("parallel tool calls", (UnaryOperator<ChatRequest.Builder>) b -> b.parallelToolCalls(false)),
        Arguments.of("temperature", (UnaryOperator<ChatRequest.Builder>) b -> b.temperature(0.3)),
        Arguments.of("temperature unset", (UnaryOperator<ChatRequest.Builder>) b -> b.temperature(null)),
        Arguments.of("topP", (UnaryOperator<ChatRequest.Builder>) b -> b.topP(0.8)),
        Arguments.of("topK", (UnaryOperator<ChatRequest.Builder>) b -> b.topK(41)),
        Arguments.of("maxOutputTokens", (UnaryOperator<ChatRequest.Builder>) b -> b.maxOutputTokens(257)),
        Arguments.of("stop", (UnaryOperator<ChatRequest.Builder>) b -> b.stop(List.of("END", "STOP"))),
        Arguments.of("seed", (UnaryOperator<ChatRequest.Builder>) b -> b.seed(8L)),
        Arguments.of("reasoning effort", (UnaryOperator<ChatRequest.Builder>) b -> b.reasoningEffort(ReasoningEffort.HIGH)),
        Arguments.of("response format", (UnaryOperator<ChatRequest.Builder>) b -> b.responseFormat(
            ResponseFormat.jsonSchema("answer", schema("a", "string"), true))),
        Arguments.of("extra param value", (UnaryOperator<ChatRequest.Builder>) b -> b.extraParam("user", "u-2")),
        Arguments.of("extra param added", (UnaryOperator<ChatRequest.Builder>) b -> b.extraParam("store", false)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oneFieldChanged")
  void every_field_that_decides_the_answer_changes_the_key(String field, UnaryOperator<ChatRequest.Builder> change) {
    assertThat(key(change.apply(full()).build())).as(field).isNotEqualTo(key(full().build()));
  }

  @Test
  void the_provider_the_model_and_the_namespace_are_part_of_the_key() {
    ChatRequest request = full().build();
    String base = key("", CONFIG, MODEL, request);

    assertThat(key("", CONFIG, new ModelInfo("other", "m1", MODEL.features(), 100_000, 4_096), request)).isNotEqualTo(base);
    assertThat(key("", CONFIG, new ModelInfo("acme", "m2", MODEL.features(), 100_000, 4_096), request)).isNotEqualTo(base);
    assertThat(key("v2", CONFIG, MODEL, request)).isNotEqualTo(base);
    // What the model can do or how big it is does not decide its answer to a given request.
    assertThat(key("", CONFIG, new ModelInfo("acme", "m1", ModelFeatures.of(), 8_000, 1_000), request)).isEqualTo(base);
  }

  @Test
  void the_endpoint_api_version_and_safety_settings_are_part_of_the_key_but_not_the_api_key_or_headers() {
    ChatRequest request = full().build();
    String base = key("", CONFIG, MODEL, request);
    LlmConfig.Builder same = CONFIG.toBuilder();

    assertThat(key("", same.baseUrl("http://localhost:8001/v1").build(), MODEL, request)).isNotEqualTo(base);
    assertThat(key("", CONFIG.toBuilder().apiVersion("2024-10-21").build(), MODEL, request)).isNotEqualTo(base);
    assertThat(key("", CONFIG.toBuilder().safetySettings(List.of(Map.of("category", "HARM_CATEGORY_HATE_SPEECH",
        "threshold", "BLOCK_NONE"))).build(), MODEL, request)).isNotEqualTo(base);
    assertThat(key("", CONFIG.toBuilder().apiKey("sk-two").extraHeader("X-Trace", "1").timeout(Duration.ofSeconds(5))
        .numRetries(0).build(), MODEL, request)).isEqualTo(base);
  }

  @Test
  void a_system_message_and_a_user_message_with_the_same_text_differ() {
    assertThat(key(ChatRequest.of(Message.system("hi")))).isNotEqualTo(key(ChatRequest.of(Message.user("hi"))));
  }

  @Test
  void an_extra_param_jackson_cannot_write_makes_the_request_uncacheable() {
    ChatRequest request = full().extraParam("handle", new Object()).build();

    assertThatThrownBy(() -> key(request)).isInstanceOf(RuntimeException.class);
  }

  private static ChatRequest.Builder replaceFirst(ChatRequest.Builder b, Message m) {
    return replace(b, 0, m);
  }

  private static ChatRequest.Builder replaceSecond(ChatRequest.Builder b, Message m) {
    return replace(b, 1, m);
  }

  private static ChatRequest.Builder replaceThird(ChatRequest.Builder b, Message m) {
    return replace(b, 2, m);
  }

  private static ChatRequest.Builder replace(ChatRequest.Builder b, int index, Message m) {
    List<Message> messages = new java.util.ArrayList<>(b.build().messages());
    messages.set(index, m);
    return b.messages(messages);
  }

  private static Map<String, Object> schema(String property, String type) {
    return Map.of("type", "object", "properties", Map.of(property, Map.of("type", type)), "required", List.of(property));
  }
}
