package dev.llmkit.router.fallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.RouteDecision;
import dev.llmkit.api.RoutingConfig;
import dev.llmkit.core.routing.LlmRouting;
import dev.llmkit.core.routing.RoutingLlm;
import dev.llmkit.testkit.mock.MockLlmServer;
import dev.llmkit.testkit.mock.MockReply;
import dev.llmkit.testkit.mock.WireDialects;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The fallback router with real providers against the testkit's loopback mock server. */
class FallbackOverTheWireTest {
  private final MockLlmServer anthropic = MockLlmServer.start(WireDialects.anthropic());
  private final MockLlmServer openai = MockLlmServer.start(WireDialects.openAi());

  @AfterEach
  void stop() {
    anthropic.close();
    openai.close();
  }

  private RoutingLlm llm() {
    return routing(0).build();
  }

  /** Both candidates retry {@code numRetries} times, 1 ms apart. */
  private LlmRouting.Builder routing(int numRetries) {
    return LlmRouting.builder()
        .config(RoutingConfig.builder("fallback")
            .candidate("primary", LlmConfig.builder().model("anthropic/claude-sonnet-4-5")
                .baseUrl(anthropic.baseUrl(WireDialects.anthropic())).apiKey("test").numRetries(numRetries)
                .retryMinWait(Duration.ofMillis(1)).retryMaxWait(Duration.ofMillis(1)).build())
            .candidate("secondary", LlmConfig.builder().model("openai/gpt-4o")
                .baseUrl(openai.baseUrl(WireDialects.openAi())).apiKey("test").numRetries(numRetries)
                .retryMinWait(Duration.ofMillis(1)).retryMaxWait(Duration.ofMillis(1)).build())
            .build())
        .candidates((name, b) -> b.env(Map.of()));
  }

  private static MockReply[] overloaded(int times) {
    MockReply[] replies = new MockReply[times];
    Arrays.fill(replies, MockReply.overloaded());
    return replies;
  }

  /** Each way of calling, run to its answer or its error. */
  enum Mode {
    COMPLETE { ChatResponse call(RoutingLlm llm, ChatRequest r) { return llm.complete(r); } },
    ASYNC { ChatResponse call(RoutingLlm llm, ChatRequest r) { return llm.completeAsync(r).join(); } },
    STREAM { ChatResponse call(RoutingLlm llm, ChatRequest r) { return llm.stream(r).collect(); } };

    abstract ChatResponse call(RoutingLlm llm, ChatRequest r);
  }

  private static LlmException failure(Throwable t) {
    return (LlmException) (t instanceof CompletionException && t.getCause() != null ? t.getCause() : t);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void the_primary_spends_its_retries_then_the_secondary_gets_one_try_not_a_new_retry_cycle(Mode mode) {
    anthropic.reply(overloaded(3));
    openai.reply(overloaded(3));
    try (RoutingLlm llm = routing(2).build()) {
      Throwable thrown = catchThrowable(() -> mode.call(llm, ChatRequest.of(Message.user("hello"))));

      LlmException error = failure(thrown);
      assertThat(error.kind()).isEqualTo(ErrorKind.OVERLOADED);
      assertThat(error.getMessage()).contains("attempt budget of 4 is spent");
      assertThat(anthropic.requests()).hasSize(3); // 1 + its 2 retries
      assertThat(openai.requests()).hasSize(1); // its own numRetries of 2 does not start again
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void the_fallback_answers_on_its_one_try_within_the_budget(Mode mode) {
    anthropic.reply(overloaded(3));
    openai.reply(MockReply.text("from the secondary"));
    try (RoutingLlm llm = routing(2).build()) {
      ChatResponse response = mode.call(llm, ChatRequest.of(Message.user("hello")));

      assertThat(response.text()).isEqualTo("from the secondary");
      assertThat(anthropic.requests()).hasSize(3);
      assertThat(openai.requests()).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void max_attempts_bounds_the_whole_call_even_before_the_first_candidate_has_spent_its_retries(Mode mode) {
    anthropic.reply(overloaded(6));
    openai.reply(MockReply.text("never reached"));
    try (RoutingLlm llm = routing(5).maxAttempts(2).build()) {
      Throwable thrown = catchThrowable(() -> mode.call(llm, ChatRequest.of(Message.user("hello"))));

      assertThat(failure(thrown).getMessage()).contains("attempt budget of 2 is spent");
      assertThat(anthropic.requests()).hasSize(2);
      assertThat(openai.requests()).isEmpty(); // nothing left for a fallback
    }
  }

  @Test
  void budgets_are_per_call() {
    anthropic.reply(overloaded(3));
    openai.reply(MockReply.text("first"), MockReply.text("second"));
    try (RoutingLlm llm = routing(2).cooldown(Duration.ZERO).build()) { // no cooldown: the primary is planned first again
      assertThat(llm.complete(ChatRequest.of(Message.user("one"))).text()).isEqualTo("first");
      anthropic.reply(MockReply.text("primary again"));

      assertThat(llm.complete(ChatRequest.of(Message.user("two"))).text()).isEqualTo("primary again");
      assertThat(anthropic.requests()).hasSize(4);
    }
  }

  @Test
  void a_529_on_the_primary_falls_back_to_the_secondary() {
    anthropic.reply(MockReply.overloaded());
    openai.reply(MockReply.text("from the secondary"));
    try (RoutingLlm llm = llm()) {
      ChatResponse response = llm.complete(ChatRequest.of(Message.user("hello")));

      assertThat(response.text()).isEqualTo("from the secondary");
      assertThat(response.metadata().attributes().get(RouteDecision.KEY).orElseThrow().tried())
          .containsExactly("primary", "secondary");
      assertThat(anthropic.requests()).hasSize(1);
      assertThat(openai.requests()).hasSize(1);
    }
  }

  @Test
  void a_529_before_the_first_event_of_a_stream_falls_back_too() {
    anthropic.reply(MockReply.overloaded());
    openai.reply(MockReply.text("streamed by the secondary"));
    try (RoutingLlm llm = llm()) {
      ChatResponse response = llm.stream(ChatRequest.of(Message.user("hello"))).collect();

      assertThat(response.text()).isEqualTo("streamed by the secondary");
      assertThat(response.metadata().attributes().get(RouteDecision.KEY).orElseThrow().candidate()).isEqualTo("secondary");
    }
  }
}
