package dev.llmkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.PromptCachePolicy;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolMessage;
import dev.llmkit.api.ToolSpec;
import dev.llmkit.api.Usage;
import dev.llmkit.core.fake.FakeProvider;
import dev.llmkit.core.fake.FakeProviderFactory;
import dev.llmkit.core.internal.PromptCacheMarker;
import dev.llmkit.spi.ProviderRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromptCachePolicyTest {
  private static final ModelInfo CACHING = new ModelInfo("p", "m", ModelFeatures.of(ModelFeature.PROMPT_CACHE), null, null);
  private static final ModelInfo AUTOMATIC = new ModelInfo("p", "m", ModelFeatures.BASIC, null, null);
  private static final ToolCall CALL = new ToolCall("c1", "ls", "{}");
  // 0 system, 1 user, 2 assistant call, 3 tool result, 4 user
  private static final ChatRequest AGENT_STEP = ChatRequest.builder().system("You are an agent.").user("List files")
      .message(AssistantMessage.ofToolCalls(List.of(CALL))).message(new ToolMessage("c1", "ls", "a.txt", false))
      .user("Now read it").tool(ToolSpec.of("ls", "List files", Map.of())).build();

  private static PromptCacheMarker.Marks marks(PromptCachePolicy policy, ChatRequest request, ModelInfo model) {
    return new PromptCacheMarker(LlmConfig.builder().model("p/m").promptCachePolicy(policy).build()).marks(request, model);
  }

  @Test
  void conversation_marks_the_system_prompt_the_tools_and_the_last_two_user_or_tool_turns() {
    assertThat(marks(PromptCachePolicy.CONVERSATION, AGENT_STEP, CACHING)).isEqualTo(new PromptCacheMarker.Marks(Set.of(0, 3, 4), true));
  }

  @Test
  void each_narrower_policy_marks_less() {
    assertThat(marks(PromptCachePolicy.SYSTEM_AND_TOOLS, AGENT_STEP, CACHING)).isEqualTo(new PromptCacheMarker.Marks(Set.of(0), true));
    assertThat(marks(PromptCachePolicy.SYSTEM, AGENT_STEP, CACHING)).isEqualTo(new PromptCacheMarker.Marks(Set.of(0), false));
    assertThat(marks(PromptCachePolicy.NONE, AGENT_STEP, CACHING)).isEqualTo(new PromptCacheMarker.Marks(Set.of(), false));
  }

  @Test
  void a_request_without_tools_leaves_room_for_no_more_than_the_two_turns() {
    ChatRequest noTools = AGENT_STEP.toBuilder().tools(List.of()).build();

    assertThat(marks(PromptCachePolicy.CONVERSATION, noTools, CACHING)).isEqualTo(new PromptCacheMarker.Marks(Set.of(0, 3, 4), false));
  }

  @Test
  void a_model_with_automatic_caching_gets_no_marks() {
    assertThat(marks(PromptCachePolicy.CONVERSATION, AGENT_STEP, AUTOMATIC)).isEqualTo(new PromptCacheMarker.Marks(Set.of(), false));
  }

  @Test
  void caching_prompt_is_the_boolean_form_of_the_policy() {
    assertThat(LlmConfig.of("p/m").promptCachePolicy()).isEqualTo(PromptCachePolicy.CONVERSATION);
    assertThat(LlmConfig.builder().model("p/m").cachingPrompt(false).build().promptCachePolicy()).isEqualTo(PromptCachePolicy.NONE);
    assertThat(LlmConfig.builder().model("p/m").cachingPrompt(false).cachingPrompt(true).build().cachingPrompt()).isTrue();
    assertThat(LlmConfig.builder().model("p/m").promptCachePolicy(PromptCachePolicy.SYSTEM).build().cachingPrompt()).isTrue();
    assertThat(LlmConfig.builder().model("p/m").promptCachePolicy(PromptCachePolicy.NONE).build().cachingPrompt()).isFalse();
  }

  @Test
  void the_provider_receives_the_marks_and_the_tools_mark_through_the_pipeline() {
    FakeProvider provider = new FakeProvider();
    provider.answer(r -> FakeProvider.reply("ok", Usage.of(1, 1)));
    Llms.builder()
        .config(LlmConfig.builder().model("fake/m").promptCachePolicy(PromptCachePolicy.SYSTEM_AND_TOOLS).build())
        .registry(PluginRegistry.of(List.of(new FakeProviderFactory("fake", provider,
            ModelFeatures.of(ModelFeature.PROMPT_CACHE, ModelFeature.NATIVE_TOOL_CALLING))), List.of()))
        .build()
        .complete(AGENT_STEP);

    ProviderRequest sent = provider.requests.get(0);
    assertThat(sent.cacheBreakpoints()).containsExactly(0);
    assertThat(sent.cacheTools()).isTrue();
  }
}
