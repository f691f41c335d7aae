package dev.llmkit.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolMessage;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Images in tool results: inside the functionResponse on Gemini 3, as user parts after it before that. */
class ToolResultImagesTest {
  @RegisterExtension
  static final GeminiStub gemini = new GeminiStub();

  @BeforeEach
  void answerWithAText() {
    gemini.answerJson(Fixtures.read("generate-text.json"));
  }

  private static JsonNode send(String model) {
    ChatRequest chat = ChatRequest.builder()
        .user("Check the page")
        .message(AssistantMessage.ofToolCalls(List.of(new ToolCall("c1", "screenshot", "{}"))))
        .message(ToolMessage.of("c1", "screenshot", List.of(ContentPart.text("page loaded"),
            ContentPart.Image.ofBytes(new byte[] {1, 2}, "image/png"), ContentPart.Image.ofUrl("https://example.com/a.png"))))
        .build();
    Fixtures.provider(gemini.baseUrl()).complete(Fixtures.request(model, chat));
    return gemini.sentBody();
  }

  @Test
  void gemini_3_takes_inline_images_inside_the_function_response() {
    JsonNode parts = send("gemini-3-pro-preview").at("/contents/2/parts");

    assertThat(parts.get(0)).isEqualTo(Fixtures.json("""
        {"functionResponse":{"name":"screenshot","response":{"output":"page loaded"},
          "parts":[{"inlineData":{"mimeType":"image/png","data":"AQI="}}]}}
        """));
    // File URIs are not taken inside a function response: the image follows as a user part.
    assertThat(parts.get(1)).isEqualTo(Fixtures.json("{\"fileData\":{\"mimeType\":\"image/png\",\"fileUri\":\"https://example.com/a.png\"}}"));
    assertThat(parts).hasSize(2);
  }

  @Test
  void earlier_models_get_the_images_as_user_parts_after_the_function_response() {
    JsonNode parts = send("gemini-2.5-flash").at("/contents/2/parts");

    assertThat(parts.get(0).get("functionResponse").has("parts")).isFalse();
    assertThat(parts.get(1)).isEqualTo(Fixtures.json("{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"AQI=\"}}"));
    assertThat(parts.get(2).path("fileData").path("fileUri").asText()).isEqualTo("https://example.com/a.png");
  }

  @Test
  void every_gemini_model_is_described_with_structured_output() {
    assertThat(new GeminiProviderFactory().describeModel("gemini-2.0-flash").features().has(ModelFeature.STRUCTURED_OUTPUT)).isTrue();
  }
}
