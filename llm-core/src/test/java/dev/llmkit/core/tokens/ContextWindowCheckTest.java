package dev.llmkit.core.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ContextWindowExceededException;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.Message;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.ModelInfo;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ContextWindowCheckTest {
  private static final ChatRequest REQUEST = ChatRequest.of(Message.user("hi"));

  private static ModelInfo model(@Nullable Integer window, @Nullable Integer maxOutput) {
    return new ModelInfo("openai", "gpt-4o", ModelFeatures.TOOLS_AND_VISION, window, maxOutput);
  }

  /** A counter that answers a fixed number, to put the check exactly at its edges. */
  private static TokenCounter fixed(long tokens) {
    return new TokenCounter() {
      @Override
      public long count(ChatRequest request) {
        return tokens;
      }

      @Override
      public String name() {
        return "fixed";
      }
    };
  }

  @Test
  void aPromptThatFitsWithTheRequestedOutputPasses() {
    assertThatCode(() -> new ContextWindowCheck(model(128_000, 16_384), fixed(111_616))
        .check(REQUEST.toBuilder().maxOutputTokens(16_384).build()))
        .doesNotThrowAnyException(); // 111,616 + 16,384 = 128,000 exactly
  }

  @Test
  void oneTokenMoreIsRefusedNamingTokensWindowModelAndRemedy() {
    ContextWindowExceededException e = catchThrowableOfType(
        () -> new ContextWindowCheck(model(128_000, 16_384), fixed(111_617))
            .check(REQUEST.toBuilder().maxOutputTokens(16_384).build()),
        ContextWindowExceededException.class);

    assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
    assertThat(e.retryable()).isFalse();
    assertThat(e.provider()).contains("openai");
    assertThat(e.model()).contains("gpt-4o");
    assertThat(e.getMessage()).isEqualTo("the prompt does not fit the context window of openai/gpt-4o: "
        + "111,617 input tokens (counted before sending, fixed) + 16,384 reserved for the answer "
        + "(the request's maxOutputTokens) = 128,001 > 128,000 tokens. Shorten or condense the conversation "
        + "(drop or summarize earlier turns, trim long tool results or documents), lower maxOutputTokens, "
        + "or pick a model with a larger context window.");
  }

  @Test
  void aPromptOverTheWindowOnItsOwnDoesNotSuggestLoweringTheOutput() {
    ContextWindowExceededException e = catchThrowableOfType(
        () -> new ContextWindowCheck(model(8_192, null), fixed(9_000)).check(REQUEST), ContextWindowExceededException.class);
    assertThat(e.getMessage())
        .contains("9,000 input tokens", "> 8,192 tokens", "Shorten or condense", "larger context window")
        .doesNotContain("reserved", "lower maxOutputTokens");
  }

  @Test
  void onlyTheRequestsMaxOutputTokensIsReservedNotTheModelsLimit() {
    ContextWindowCheck check = new ContextWindowCheck(model(10_000, 4_000), fixed(7_000));
    ChatRequest small = REQUEST.toBuilder().maxOutputTokens(3_000).build();
    ChatRequest large = REQUEST.toBuilder().maxOutputTokens(3_001).build();

    assertThat(check.outputReserve(small)).isEqualTo(3_000);
    assertThat(check.outputReserve(REQUEST)).isZero(); // OpenAI sends no max_tokens then: the model's limit is not taken
    assertThatCode(() -> check.check(small)).doesNotThrowAnyException();
    assertThat(catchThrowableOfType(() -> check.check(large), ContextWindowExceededException.class).getMessage())
        .contains("3,001 reserved for the answer (the request's maxOutputTokens)");
    assertThatCode(() -> check.check(REQUEST)).doesNotThrowAnyException();
  }

  @Test
  void withoutAnyOutputLimitNothingIsReserved() {
    ContextWindowCheck check = new ContextWindowCheck(model(1_000, null), fixed(1_000));
    assertThat(check.outputReserve(REQUEST)).isZero();
    assertThatCode(() -> check.check(REQUEST)).doesNotThrowAnyException();
  }

  @Test
  void anUnknownWindowChecksNothingAndCountsNothing() {
    TokenCounter failing = new TokenCounter() {
      @Override
      public long count(ChatRequest request) {
        throw new AssertionError("no window, no count");
      }

      @Override
      public String name() {
        return "failing";
      }
    };
    assertThatCode(() -> new ContextWindowCheck(model(null, 16_384), failing).check(REQUEST)).doesNotThrowAnyException();
  }

  @Test
  void theCountDecidesNotTheUpperBoundSoABorderlinePromptIsSent() {
    // ~400 ASCII characters: the estimate is about 100 tokens, the bound over 400.
    ChatRequest request = ChatRequest.of(Message.user("word ".repeat(80)));
    long estimate = EstimateCounter.INSTANCE.count(request);
    assertThat(EstimateCounter.INSTANCE.upperBound(request)).isGreaterThan(estimate + 300);
    ModelInfo small = new ModelInfo("ollama", "tiny", ModelFeatures.BASIC, (int) estimate + 10, null);

    assertThatCode(() -> new ContextWindowCheck(small, EstimateCounter.INSTANCE).check(request)).doesNotThrowAnyException();
  }

  @Test
  void withTiktokenForARealModel() {
    ModelInfo gpt4 = new ModelInfo("openai", "gpt-4", ModelFeatures.TOOLS_AND_VISION, 8_192, 8_192);
    ContextWindowCheck check = ContextWindowCheck.forModel(gpt4);
    assertThat(check.counter().name()).isEqualTo("tiktoken:cl100k_base");
    // gpt-4's 8,192-token window is shared with the output: asking for 8,192 output tokens leaves no room at all.
    assertThat(catchThrowableOfType(() -> check.check(REQUEST.toBuilder().maxOutputTokens(8_192).build()),
        ContextWindowExceededException.class).getMessage())
        .contains("tiktoken:cl100k_base", "openai/gpt-4", "8,192 reserved");
    assertThatCode(() -> check.check(REQUEST.toBuilder().maxOutputTokens(1_000).build())).doesNotThrowAnyException();
    // "hello world " is 2 tokens in cl100k_base ([tiktoken-tests] test_simple): 4,000 of them are ~8,000 tokens.
    ChatRequest huge = ChatRequest.of(Message.user("hello world ".repeat(4_000)));
    assertThat(catchThrowableOfType(() -> check.check(huge.toBuilder().maxOutputTokens(1_000).build()),
        ContextWindowExceededException.class)).isNotNull();
  }
}
