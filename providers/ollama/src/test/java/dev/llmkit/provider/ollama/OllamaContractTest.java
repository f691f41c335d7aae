package dev.llmkit.provider.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.Message;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.ReasoningEffort;
import dev.llmkit.api.ResponseFormat;
import dev.llmkit.api.ToolCall;
import dev.llmkit.spi.ProviderDescriptor.Capability;
import dev.llmkit.testkit.ProviderContractTest;
import dev.llmkit.testkit.mock.MockReply;
import dev.llmkit.testkit.mock.RecordedRequest;
import dev.llmkit.testkit.mock.WireDialect;
import dev.llmkit.testkit.mock.WireDialects;
import dev.llmkit.testkit.mock.WireView;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The llmkit provider contract, run through the engine against the testkit's mock speaking Ollama's
 * native {@code /api/chat} (NDJSON streams, whole tool calls with object arguments, raw base64 images,
 * reasoning in {@code thinking}, {@code {"error": "…"}} errors).
 */
class OllamaContractTest extends ProviderContractTest {
  @Override
  protected String providerId() {
    return OllamaProviderFactory.ID;
  }

  @Override
  protected String model() {
    return "qwen3-vl:8b"; // a model with tools, parallel calls, vision (base64 images) and thinking
  }

  /**
   * Ollama models llmkit does not know get emulated tool calling; this one's template takes native
   * tools, which is the wire this suite checks.
   */
  @Override
  protected LlmConfig.Builder configure(LlmConfig.Builder config) {
    return config.nativeToolCalling(true);
  }

  @Override
  protected WireDialect dialect() {
    return WireDialects.ollama();
  }

  /**
   * Exactly what the provider does, spelled out so that a change to the descriptor is a visible change
   * here: streaming, tools (several calls in one answer), vision as inline bytes only, reasoning text
   * through {@code thinking}, structured output through {@code format}. No token counting: Ollama has no
   * counting endpoint and the provider does not implement one.
   */
  @Override
  protected Set<Capability> capabilities() {
    return EnumSet.of(
        Capability.STREAMING,
        Capability.TOOLS,
        Capability.PARALLEL_TOOL_CALLS,
        Capability.VISION,
        Capability.REASONING,
        Capability.RESPONSE_FORMAT);
  }

  // ---- Ollama-specific: what the suite's single-feature requests do not show ----

  /** A 1x1 PNG, as the suite's vision test sends it. */
  private static final String PIXEL =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==";

  @Test
  void aConversationUsingEveryFeatureAtOnceIsARequestOllamaAccepts() {
    server().reply(MockReply.text("{\"sky\":\"sunny\"}"));
    ToolCall call = new ToolCall("call_k2v9x0aa", "get_weather", "{\"city\":\"Paris\"}");
    byte[] png = Base64.getDecoder().decode(PIXEL);

    ChatResponse response = complete(ChatRequest.builder()
        .system("Answer in JSON.")
        .message(Message.user(ContentPart.text("Where is this?"), ContentPart.Image.ofBytes(png, "image/png"),
            ContentPart.Image.ofUrl("data:image/png;base64," + PIXEL)))
        .message(new AssistantMessage("Checking.", List.of(call), List.of(Reasoning.of("A street in Paris."))))
        .message(Message.toolResult(call, "{\"temp_c\":21}"))
        .user("And the sky?")
        .tool(WEATHER_TOOL)
        .reasoningEffort(ReasoningEffort.HIGH)
        .responseFormat(ResponseFormat.jsonSchema("sky", Map.of("type", "object"), true))
        .temperature(0.2).topP(0.9).topK(40).maxOutputTokens(512).stop(List.of("END")).seed(42L)
        .build());

    assertThat(response.text()).isEqualTo("{\"sky\":\"sunny\"}");
    RecordedRequest request = server().lastRequest();
    WireView wire = request.view();
    assertThat(wire.problems()).as("what Ollama would refuse").isEmpty();
    assertThat(wire.system()).isEqualTo("Answer in JSON.");
    assertThat(wire.transcript()).containsExactly(
        "user: Where is this?", "assistant: Checking.", "tool: {\"temp_c\":21}", "user: And the sky?");
    assertThat(wire.turns().get(0).images()).extracting(WireView.Image::data).containsExactly(PIXEL, PIXEL);
    assertThat(wire.turns().get(1).calls()).containsExactly(new WireView.Call("call_k2v9x0aa", "get_weather", "{\"city\":\"Paris\"}"));
    assertThat(wire.results()).containsExactly(new WireView.Result("call_k2v9x0aa", "{\"temp_c\":21}"));
    JsonNode body = request.json();
    assertThat(body.at("/messages/2/thinking").asText()).isEqualTo("A street in Paris.");
    assertThat(body.at("/messages/3/tool_name").asText()).isEqualTo("get_weather");
    assertThat(body.path("think").asBoolean()).isTrue();
    assertThat(body.path("format").isObject()).isTrue();
    assertThat(body.at("/options/num_predict").asInt()).isEqualTo(512);
    assertThat(body.path("stream").asBoolean(true)).isFalse();
  }

  @Test
  void aStreamedCallWithToolsAndThinkingIsARequestOllamaAccepts() {
    server().reply(MockReply.toolCall("get_weather", "{\"city\":\"Oslo\"}").withReasoning("Oslo, so call the tool."));

    ChatResponse response = collect(llm().stream(weatherQuestion().toBuilder()
        .reasoningEffort(ReasoningEffort.LOW).build()));

    assertThat(response.toolCalls()).extracting(ToolCall::name).containsExactly("get_weather");
    assertThat(response.message().reasoningText()).isEqualTo("Oslo, so call the tool.");
    WireView wire = server().lastRequest().view();
    assertThat(wire.stream()).isTrue();
    assertThat(wire.problems()).as("what Ollama would refuse").isEmpty();
    assertThat(server().lastRequest().json().path("think").asBoolean()).isTrue();
  }

  @Test
  void anImageByUrlIsRefusedBeforeAnythingIsSentAsOllamaFetchesNothing() {
    InvalidRequestException error = catchThrowableOfType(InvalidRequestException.class, () -> complete(ChatRequest.of(
        Message.user(ContentPart.text("What is this?"), ContentPart.Image.ofUrl("https://example.com/cat.png")))));

    assertThat(error).isNotNull();
    assertThat(error.getMessage()).contains("messages[0]", "URL");
    assertThat(server().requests()).isEmpty();
  }
}
