package dev.llmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.Message;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.ReasoningEffort;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolChoice;
import dev.llmkit.api.ToolMessage;
import dev.llmkit.api.ToolSpec;
import dev.llmkit.api.UserMessage;
import dev.llmkit.core.fake.FakeProvider;
import dev.llmkit.core.fake.FakeProviderFactory;
import dev.llmkit.spi.ProviderRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PipelineTest {
  private final FakeProvider provider = new FakeProvider();

  private Llm llm(LlmConfig.Builder config, ModelFeatures features) {
    return Llms.builder()
        .config(config.model("fake/m").build())
        .registry(PluginRegistry.of(List.of(new FakeProviderFactory("fake", provider, features)), List.of()))
        .build();
  }

  private Llm llm(LlmConfig.Builder config) {
    return llm(config, ModelFeatures.of(ModelFeature.NATIVE_TOOL_CALLING, ModelFeature.REASONING_EFFORT,
        ModelFeature.PROMPT_CACHE, ModelFeature.STOP_WORDS, ModelFeature.VISION));
  }

  private ProviderRequest sent() {
    assertThat(provider.requests).isNotEmpty();
    return provider.requests.get(provider.requests.size() - 1);
  }

  @Nested
  class Validation {
    @Test
    void empty_messages_are_rejected_before_anything_is_sent() {
      Llm llm = llm(LlmConfig.builder());
      assertThatThrownBy(() -> llm.complete(ChatRequest.builder().build()))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("messages is empty");
      assertThat(provider.requests).isEmpty();
    }

    @Test
    void every_bad_field_is_named_in_one_error() {
      Llm llm = llm(LlmConfig.builder());
      ChatRequest bad = ChatRequest.builder().user("hi").temperature(-1.0).maxOutputTokens(0)
          .toolChoice(ToolChoice.tool("missing")).build();
      assertThatThrownBy(() -> llm.complete(bad))
          .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems())
              .anySatisfy(p -> assertThat(p).startsWith("temperature must be between 0 and 2"))
              .anySatisfy(p -> assertThat(p).startsWith("maxOutputTokens must be at least 1"))
              .anySatisfy(p -> assertThat(p).contains("toolChoice is TOOL but no tools are given"))
              .anySatisfy(p -> assertThat(p).contains("'missing'")));
    }

    @Test
    void a_tool_result_without_its_call_is_rejected() {
      Llm llm = llm(LlmConfig.builder());
      ChatRequest bad = ChatRequest.builder().user("hi").message(new ToolMessage("call_9", "f", "{}", false)).build();
      assertThatThrownBy(() -> llm.complete(bad)).hasMessageContaining("messages[1] is a tool result for call id 'call_9'");
    }

    @Test
    void async_and_stream_validate_too() {
      Llm llm = llm(LlmConfig.builder());
      assertThat(llm.completeAsync(ChatRequest.builder().build())).isCompletedExceptionally();
      assertThatThrownBy(() -> llm.stream(ChatRequest.builder().build())).isInstanceOf(InvalidRequestException.class);
    }
  }

  @Nested
  class Formatting {
    @Test
    void config_defaults_fill_what_the_request_leaves_open_and_the_request_wins() {
      Llm llm = llm(LlmConfig.builder().temperature(0.3).topP(0.9).maxOutputTokens(100).seed(7L)
          .reasoningEffort(ReasoningEffort.LOW).extraParam("a", 1).extraParam("b", 2));
      llm.complete(ChatRequest.builder().user("hi").temperature(1.0).extraParam("b", 3).build());

      ChatRequest chat = sent().chat();
      assertThat(chat.temperature()).isEqualTo(1.0);
      assertThat(chat.topP()).isEqualTo(0.9);
      assertThat(chat.maxOutputTokens()).isEqualTo(100);
      assertThat(chat.seed()).isEqualTo(7L);
      assertThat(chat.reasoningEffort()).isEqualTo(ReasoningEffort.LOW);
      assertThat(chat.extraParams()).isEqualTo(Map.of("a", 1, "b", 3));
    }

    @Test
    void an_oversized_tool_result_keeps_its_head_and_tail_and_says_how_much_was_cut() {
      Llm llm = llm(LlmConfig.builder().maxMessageChars(20));
      ToolCall call = new ToolCall("c1", "run", "{}");
      String output = "HEAD-0123456789" + "x".repeat(1000) + "9876543210-TAIL";
      llm.complete(ChatRequest.builder().user("go").message(dev.llmkit.api.AssistantMessage.ofToolCalls(List.of(call)))
          .message(Message.toolResult(call, output)).build());

      ToolMessage sent = (ToolMessage) sent().chat().messages().get(2);
      assertThat(sent.content()).startsWith("HEAD-0123")
          .endsWith("3210-TAIL")
          .contains("[... " + (output.length() - 20) + " characters truncated (LlmConfig.maxMessageChars) ...]");
      assertThat(sent.toolCallId()).isEqualTo("c1");
    }

    @Test
    void tool_results_within_the_limit_and_user_text_are_left_alone() {
      Llm llm = llm(LlmConfig.builder().maxMessageChars(20));
      String longQuestion = "why ".repeat(100);
      llm.complete(ChatRequest.of(Message.user(longQuestion)));
      assertThat(((UserMessage) sent().chat().messages().get(0)).text()).isEqualTo(longQuestion);
    }

    @Test
    void images_are_dropped_when_vision_is_disabled() {
      Llm llm = llm(LlmConfig.builder().disableVision(true));
      llm.complete(ChatRequest.of(Message.user(ContentPart.text("what is this?"), ContentPart.Image.ofUrl("https://x/y.png"))));

      UserMessage user = (UserMessage) sent().chat().messages().get(0);
      assertThat(user.content()).containsExactly(ContentPart.text("what is this?"));
    }

    @Test
    void images_stay_when_the_model_sees() {
      Llm llm = llm(LlmConfig.builder());
      llm.complete(ChatRequest.of(Message.user(ContentPart.Image.ofUrl("https://x/y.png"))));
      assertThat(sent().chat().hasImages()).isTrue();
    }

    @Test
    void stop_words_and_reasoning_effort_are_dropped_for_models_without_them() {
      Llm llm = llm(LlmConfig.builder(), ModelFeatures.of(ModelFeature.NATIVE_TOOL_CALLING));
      llm.complete(ChatRequest.builder().user("hi").stop(List.of("END")).reasoningEffort(ReasoningEffort.HIGH).build());
      assertThat(sent().chat().stop()).isEmpty();
      assertThat(sent().chat().reasoningEffort()).isNull();
    }

    @Test
    void stop_words_are_dropped_when_config_disables_them() {
      Llm llm = llm(LlmConfig.builder().disableStopWord(true));
      llm.complete(ChatRequest.builder().user("hi").stop(List.of("END")).build());
      assertThat(sent().chat().stop()).isEmpty();
    }
  }

  @Nested
  class TokenCountingAndClose {
    @Test
    void token_counting_goes_through_validation_and_formatting_to_the_provider() {
      Llm llm = llm(LlmConfig.builder().disableVision(true));
      var count = llm.countInputTokens(ChatRequest.of(Message.user(ContentPart.text("hi"), ContentPart.Image.ofUrl("https://x/y.png"))));

      assertThat(count).isPresent();
      assertThat(sent().chat().hasImages()).isFalse();
      assertThatThrownBy(() -> llm.countInputTokens(ChatRequest.builder().build())).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void closing_the_llm_closes_its_provider() {
      Llm llm = llm(LlmConfig.builder());
      llm.close();
      assertThat(provider.closed).isTrue();
    }
  }

  @Nested
  class PromptCaching {
    private final ToolCall call = new ToolCall("c1", "f", "{}");
    private final ChatRequest conversation = ChatRequest.builder()
        .system("sys")
        .user("one")
        .message(dev.llmkit.api.AssistantMessage.ofToolCalls(List.of(call)))
        .message(Message.toolResult(call, "result"))
        .user("two")
        .tool(ToolSpec.of("f", "d", Map.of("type", "object")))
        .build();

    @Test
    void marks_the_system_prompt_and_the_last_two_user_or_tool_turns() {
      llm(LlmConfig.builder()).complete(conversation);
      assertThat(sent().cacheBreakpoints()).containsExactlyInAnyOrder(0, 3, 4);
    }

    @Test
    void places_no_marks_when_caching_is_off_or_unsupported() {
      llm(LlmConfig.builder().cachingPrompt(false)).complete(conversation);
      assertThat(sent().cacheBreakpoints()).isEmpty();
      llm(LlmConfig.builder(), ModelFeatures.of(ModelFeature.NATIVE_TOOL_CALLING, ModelFeature.STOP_WORDS,
          ModelFeature.VISION)).complete(conversation);
      assertThat(sent().cacheBreakpoints()).isEmpty();
    }
  }
}
