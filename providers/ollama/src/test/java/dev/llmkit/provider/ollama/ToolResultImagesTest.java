package dev.llmkit.provider.ollama;

import static dev.llmkit.provider.ollama.Fixtures.answer;
import static dev.llmkit.provider.ollama.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolMessage;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Images of tool results travel in the tool message's {@code images}, as a user message's do. */
class ToolResultImagesTest {
  @RegisterExtension
  static final WireMockExtension server = Fixtures.server();

  @BeforeEach
  void answerEveryRequest() {
    answer(server, json(200, Fixtures.read("chat-text.json")));
  }

  private static JsonNode send(ChatRequest chat) {
    Fixtures.provider(server.baseUrl(), b -> b).respond(Fixtures.request(Fixtures.MODEL, chat));
    return Fixtures.sentBody(server);
  }

  private static ChatRequest withResult(ContentPart image) {
    return ChatRequest.builder()
        .user("Check the page")
        .message(AssistantMessage.ofToolCalls(List.of(new ToolCall("c1", "screenshot", "{}"))))
        .message(ToolMessage.of("c1", "screenshot", List.of(ContentPart.text("page loaded"), image)))
        .build();
  }

  @Test
  void an_inline_image_goes_in_the_tool_messages_images() {
    JsonNode tool = send(withResult(ContentPart.Image.ofBytes(new byte[] {1, 2}, "image/png")))
        .at("/messages/2");

    assertThat(tool).isEqualTo(Fixtures.MAPPER.createObjectNode().put("role", "tool").put("tool_name", "screenshot")
        .put("tool_call_id", "c1").put("content", "page loaded").set("images", Fixtures.MAPPER.createArrayNode().add("AQI=")));
  }

  @Test
  void an_image_by_url_is_refused_naming_the_message() {
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> send(withResult(ContentPart.Image.ofUrl("https://example.com/a.png"))));

    assertThat(e.problems()).singleElement().asString().startsWith("messages[2] has an image given by URL");
  }

  @Test
  void every_ollama_model_is_described_with_structured_output() {
    assertThat(new OllamaProviderFactory().describeModel("llama3.2").features().has(ModelFeature.STRUCTURED_OUTPUT)).isTrue();
  }
}
