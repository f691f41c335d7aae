package dev.llmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Provides;
import com.google.inject.util.Modules;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ContextWindowExceededException;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.core.fake.FakeProvider;
import dev.llmkit.core.fake.FakeProviderFactory;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderContext;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** countInputTokens falls back to local counting, and the optional pre-flight check refuses what cannot fit. */
class TokenCountingTest {
  private static final ChatRequest HELLO = ChatRequest.of(Message.user("hello world"));

  private final FakeProvider provider = new FakeProvider();

  TokenCountingTest() {
    provider.countsTokens = false; // a provider with no counting endpoint
  }

  private FakeProviderFactory factory(String id, int window) {
    return new FakeProviderFactory(id, provider, ModelFeatures.of(ModelFeature.NATIVE_TOOL_CALLING,
        ModelFeature.REASONING_EFFORT, ModelFeature.PROMPT_CACHE, ModelFeature.STOP_WORDS, ModelFeature.VISION)) {
      @Override
      public ModelInfo describeModel(String modelName) {
        return new ModelInfo(id, modelName, ModelFeatures.of(ModelFeature.NATIVE_TOOL_CALLING,
            ModelFeature.REASONING_EFFORT, ModelFeature.PROMPT_CACHE, ModelFeature.STOP_WORDS,
            ModelFeature.VISION), window, 4_096);
      }

      @Override
      public ChatProvider create(LlmConfig config, ProviderContext context) {
        return provider;
      }
    };
  }

  private Llm llm(String model, LlmConfig.Builder config, boolean check) {
    String id = model.substring(0, model.indexOf('/'));
    return Llms.builder().config(config.model(model).build())
        .registry(PluginRegistry.of(List.of(factory(id, 1_000)), List.of()))
        .checkContextWindow(check)
        .build();
  }

  @Test
  void an_openai_model_is_counted_with_its_tokenizer_when_the_provider_cannot_count() {
    // OpenAI cookbook framing: 3 per message + "user" (1 token) + "hello world" (2 tokens) + 3 priming the reply.
    assertThat(llm("openai/gpt-4o", LlmConfig.builder(), false).countInputTokens(HELLO)).hasValue(9);
  }

  @Test
  void a_custom_tokenizer_is_used_and_an_unknown_one_fails_the_build() {
    assertThat(llm("acme/m1", LlmConfig.builder().customTokenizer("cl100k_base"), false).countInputTokens(HELLO))
        .hasValue(9);
    assertThatThrownBy(() -> llm("acme/m1", LlmConfig.builder().customTokenizer("gpt2-bpe"), false))
        .isInstanceOfSatisfying(LlmException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
          assertThat(e.getMessage()).contains("gpt2-bpe", "o200k_base", "cl100k_base");
        });
  }

  @Test
  void other_models_get_the_documented_estimate() {
    OptionalLong n = llm("acme/m1", LlmConfig.builder(), false).countInputTokens(HELLO);
    assertThat(n).isPresent();
    assertThat(n.getAsLong()).isBetween(3L, 20L);
  }

  @Test
  void the_pre_flight_check_refuses_a_prompt_that_cannot_fit_before_it_is_sent() {
    Llm llm = llm("openai/gpt-4o", LlmConfig.builder(), true);
    ChatRequest huge = ChatRequest.of(Message.user("hello world ".repeat(600))); // about 1,200 tokens > 1,000

    assertThatThrownBy(() -> llm.complete(huge)).isInstanceOf(ContextWindowExceededException.class)
        .hasMessageContaining("openai/gpt-4o").hasMessageContaining("1,000 tokens");
    assertThatThrownBy(() -> llm.stream(huge)).isInstanceOf(ContextWindowExceededException.class);
    assertThat(provider.requests).isEmpty();
    provider.answer(r -> FakeProvider.reply("ok", dev.llmkit.api.Usage.of(1, 1)));
    assertThat(llm.complete(HELLO).text()).isEqualTo("ok");
  }

  @Test
  void without_the_check_the_prompt_goes_to_the_provider() {
    Llm llm = llm("openai/gpt-4o", LlmConfig.builder(), false);

    llm.complete(ChatRequest.of(Message.user("hello world ".repeat(600))));

    assertThat(provider.requests).hasSize(1);
  }

  @Test
  void guice_turns_the_check_on_with_checkingContextWindow() {
    FakeProviderFactory factory = factory("openai", 1_000);
    Llm llm = Guice.createInjector(Modules.override(new LlmModule(LlmConfig.of("openai/gpt-4o")).checkingContextWindow())
        .with(new AbstractModule() {
          @Provides
          PluginRegistry registry() {
            return PluginRegistry.of(List.of(factory), List.of());
          }
        })).getInstance(Llm.class);

    assertThatThrownBy(() -> llm.complete(ChatRequest.of(Message.user("hello world ".repeat(600)))))
        .isInstanceOf(ContextWindowExceededException.class);
  }
}
