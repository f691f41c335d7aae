package dev.llmkit.provider.openai;

import static dev.llmkit.provider.openai.Fixtures.json;
import static dev.llmkit.provider.openai.Fixtures.provider;
import static dev.llmkit.provider.openai.Fixtures.request;
import static dev.llmkit.provider.openai.Fixtures.sentBody;
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

/**
 * Chat Completions takes only text in tool messages: the images of tool results follow them in one
 * user message, after the whole run of results (which must directly follow the calls).
 */
class ToolResultImagesTest {
  @RegisterExtension
  static final StubServer server = new StubServer();
  private static final OpenAiProviderFactory OPENAI = new OpenAiProviderFactory();

  @BeforeEach
  void answerOk() {
    server.answerJson(RequestMappingTest.OK);
  }

  @Test
  void images_of_tool_results_go_in_a_user_message_after_the_results() {
    ToolCall shot = new ToolCall("call_1", "screenshot", "{}");
    ToolCall ls = new ToolCall("call_2", "ls", "{}");
    ChatRequest chat = ChatRequest.builder()
        .user("Check the page")
        .message(AssistantMessage.ofToolCalls(List.of(shot, ls)))
        .message(ToolMessage.of("call_1", "screenshot",
            List.of(ContentPart.text("page loaded"), ContentPart.Image.ofBytes(new byte[] {1, 2}, "image/png"))))
        .message(new ToolMessage("call_2", "ls", "a.txt", false))
        .user("What do you see?")
        .build();

    provider(OPENAI, server).complete(request(OPENAI, "gpt-4o", chat));
    JsonNode messages = sentBody(server).get("messages");

    assertThat(messages).hasSize(6);
    assertThat(messages.get(2)).isEqualTo(json("{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"page loaded\"}"));
    assertThat(messages.get(3)).isEqualTo(json("{\"role\":\"tool\",\"tool_call_id\":\"call_2\",\"content\":\"a.txt\"}"));
    assertThat(messages.get(4)).isEqualTo(json("""
        {"role":"user","content":[
          {"type":"text","text":"Image(s) returned by tool 'screenshot' (call call_1):"},
          {"type":"image_url","image_url":{"url":"data:image/png;base64,AQI="}}]}
        """));
    assertThat(messages.get(5)).isEqualTo(json("{\"role\":\"user\",\"content\":\"What do you see?\"}"));
  }

  @Test
  void images_of_the_last_results_are_sent_too() {
    ToolCall shot = new ToolCall("call_1", "screenshot", "{}");
    ChatRequest chat = ChatRequest.builder()
        .user("Check the page")
        .message(AssistantMessage.ofToolCalls(List.of(shot)))
        .message(ToolMessage.of("call_1", "screenshot", List.of(ContentPart.Image.ofUrl("https://example.com/s.png"))))
        .build();

    provider(OPENAI, server).complete(request(OPENAI, "gpt-4o", chat));
    JsonNode messages = sentBody(server).get("messages");

    assertThat(messages).hasSize(4);
    assertThat(messages.get(2).get("content").asText()).isEmpty();
    assertThat(messages.at("/3/content/1/image_url/url").asText()).isEqualTo("https://example.com/s.png");
  }

  @Test
  void structured_output_is_claimed_per_model_and_an_unknown_one_is_emulated() {
    assertThat(OPENAI.describeModel("gpt-4o").features().has(ModelFeature.STRUCTURED_OUTPUT)).isTrue();
    // The wire takes response_format, but whether a model served by vLLM follows a schema is not known:
    // llmkit asks for JSON in the prompt and validates the reply instead.
    assertThat(new VllmProviderFactory().describeModel("my-finetune").features().has(ModelFeature.STRUCTURED_OUTPUT)).isFalse();
    assertThat(new VllmProviderFactory().descriptor().wireFeatures().has(ModelFeature.STRUCTURED_OUTPUT)).isTrue();
  }
}
