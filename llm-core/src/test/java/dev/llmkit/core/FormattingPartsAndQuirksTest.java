package dev.llmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolMessage;
import dev.llmkit.core.internal.RequestFormatter;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The formatting stage on tool results with images, and on the sampling quirks of particular models. */
class FormattingPartsAndQuirksTest {
  private static final ContentPart.Image SHOT = ContentPart.Image.ofBytes(new byte[] {1, 2, 3}, "image/png");
  private static final ModelFeatures SEEING = ModelFeatures.of(ModelFeature.VISION, ModelFeature.STOP_WORDS);
  private static final ModelFeatures BLIND = ModelFeatures.of(ModelFeature.STOP_WORDS);

  private static ModelInfo model(String name, ModelFeatures features) {
    return new ModelInfo("p", name, features, null, null);
  }

  private static RequestFormatter formatter(LlmConfig.Builder config) {
    return new RequestFormatter(config.model("p/m").build());
  }

  private static ChatRequest screenshotResult(String text) {
    return ChatRequest.builder().user("Look")
        .message(AssistantMessage.ofToolCalls(List.of(new ToolCall("c1", "shot", "{}"))))
        .message(ToolMessage.of("c1", "shot", List.of(ContentPart.text(text), SHOT)))
        .build();
  }

  private static ToolMessage result(ChatRequest sent) {
    return (ToolMessage) sent.messages().get(2);
  }

  @Nested
  class ToolResultImages {
    @Test
    void a_model_with_vision_gets_them() {
      ChatRequest sent = formatter(LlmConfig.builder()).format(screenshotResult("page"), model("m", SEEING));

      assertThat(result(sent).parts()).containsExactly(ContentPart.text("page"), SHOT);
    }

    @Test
    void without_vision_they_go_and_the_text_stays() {
      ChatRequest sent = formatter(LlmConfig.builder()).format(screenshotResult("page"), model("m", BLIND));

      assertThat(result(sent).parts()).containsExactly(ContentPart.text("page"));
      assertThat(result(sent).toolCallId()).isEqualTo("c1");
    }

    @Test
    void with_drop_params_off_a_model_without_vision_refuses_them() {
      assertThatThrownBy(() -> formatter(LlmConfig.builder().dropParams(false)).format(screenshotResult("page"), model("m", BLIND)))
          .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems()).containsExactly(
              "messages carry images, but model 'p/m' has no vision; remove it or set LlmConfig.dropParams(true)"));
    }

    @Test
    void with_vision_disabled_in_config_they_go_even_with_drop_params_off() {
      ChatRequest sent = formatter(LlmConfig.builder().dropParams(false).disableVision(true))
          .format(screenshotResult("page"), model("m", BLIND));

      assertThat(result(sent).hasImages()).isFalse();
    }

    @Test
    void a_long_text_part_is_cut_and_the_image_kept() {
      String log = "a".repeat(60) + "b".repeat(60);

      ChatRequest sent = formatter(LlmConfig.builder().maxMessageChars(20)).format(screenshotResult(log), model("m", SEEING));

      List<ContentPart> parts = result(sent).parts();
      assertThat(parts).hasSize(2).endsWith(SHOT);
      assertThat(((ContentPart.Text) parts.get(0)).text())
          .isEqualTo("a".repeat(10) + "\n[... 100 characters truncated (LlmConfig.maxMessageChars) ...]\n" + "b".repeat(10));
    }

    @Test
    void a_text_result_keeps_its_string_form() {
      ToolMessage plain = new ToolMessage("c1", "ls", "a.txt", false);

      assertThat(plain.content()).isEqualTo("a.txt");
      assertThat(plain.text()).isEqualTo("a.txt");
      assertThat(plain.parts()).containsExactly(ContentPart.text("a.txt"));
      assertThat(plain).isEqualTo(ToolMessage.of("c1", "ls", List.of(ContentPart.text("a.txt"))));
    }

    @Test
    void a_document_is_not_a_tool_result_part() {
      assertThatThrownBy(() -> ToolMessage.of("c1", "read", List.of(ContentPart.Document.ofBytes(new byte[] {1}, "application/pdf"))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tool 'read' returned a document");
    }
  }

  @Nested
  class SamplingQuirks {
    private final ChatRequest both = ChatRequest.builder().user("hi").temperature(0.2).topP(0.9).topK(40).build();

    @Test
    void opus_4_1_keeps_the_temperature_and_loses_top_p() {
      ChatRequest sent = formatter(LlmConfig.builder()).format(both, model("claude-opus-4-1-20250805", SEEING));

      assertThat(sent.temperature()).isEqualTo(0.2);
      assertThat(sent.topP()).isNull();
      assertThat(sent.topK()).isEqualTo(40);
    }

    @Test
    void opus_4_1_keeps_top_p_when_it_is_the_only_one() {
      ChatRequest sent = formatter(LlmConfig.builder().topP(0.8)).format(ChatRequest.builder().user("hi").build(),
          model("claude-opus-4-1", SEEING));

      assertThat(sent.topP()).isEqualTo(0.8);
    }

    @Test
    void a_reasoning_model_loses_both_sampling_settings_including_those_from_config() {
      ChatRequest sent = formatter(LlmConfig.builder().temperature(0.0)).format(
          ChatRequest.builder().user("hi").topP(0.5).build(), model("o3-mini", SEEING));

      assertThat(sent.temperature()).isNull();
      assertThat(sent.topP()).isNull();
    }

    @Test
    void other_models_keep_everything() {
      ChatRequest sent = formatter(LlmConfig.builder()).format(both, model("claude-3-5-sonnet-20241022", SEEING));

      assertThat(sent.temperature()).isEqualTo(0.2);
      assertThat(sent.topP()).isEqualTo(0.9);
    }

    @Test
    void with_drop_params_off_each_setting_a_quirk_would_drop_fails_naming_it() {
      RequestFormatter strict = formatter(LlmConfig.builder().dropParams(false));

      assertThatThrownBy(() -> strict.format(both, model("claude-opus-4-1", SEEING)))
          .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems()).containsExactly(
              "temperature and topP are both set, but model 'p/claude-opus-4-1' takes only one of them;"
                  + " remove it or set LlmConfig.dropParams(true)"));
      assertThatThrownBy(() -> strict.format(both, model("gpt-5", SEEING)))
          .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems()).containsExactly(
              "temperature is set, but model 'p/gpt-5' takes none; remove it or set LlmConfig.dropParams(true)",
              "topP is set, but model 'p/gpt-5' takes none; remove it or set LlmConfig.dropParams(true)"));
    }
  }
}
