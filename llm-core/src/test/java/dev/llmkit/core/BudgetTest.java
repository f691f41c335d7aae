package dev.llmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.BudgetExceededException;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.Cost;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.Usage;
import dev.llmkit.core.budget.Budget;
import dev.llmkit.core.fake.FakeProvider;
import dev.llmkit.core.fake.FakeProviderFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BudgetTest {
  // $1 per million input tokens, $2 per million output; 100 output tokens allowed per call.
  private static final LlmConfig.Builder PRICED = LlmConfig.builder().model("acme/m1").maxOutputTokens(100).numRetries(0)
      .inputCostPerToken(new BigDecimal("0.000001")).outputCostPerToken(new BigDecimal("0.000002"));
  private final FakeProvider provider = new FakeProvider();
  private final ChatRequest hello = ChatRequest.of(Message.user("hello"));

  private Llm llm(Budget... budgets) {
    Llms.Builder b = Llms.builder().config(PRICED.build())
        .registry(PluginRegistry.of(List.of(new FakeProviderFactory("acme", provider,
            ModelFeatures.of(ModelFeature.NATIVE_TOOL_CALLING, ModelFeature.REASONING_EFFORT,
                ModelFeature.PROMPT_CACHE, ModelFeature.STOP_WORDS, ModelFeature.VISION))), List.of()));
    for (Budget budget : budgets) {
      b.budget(budget);
    }
    return b.build();
  }

  @Test
  void a_call_within_the_budget_settles_its_real_cost() {
    provider.answer(r -> FakeProvider.reply("ok", Usage.of(10, 5)));
    Budget budget = Budget.of("task", Cost.usd("1"));

    llm(budget).complete(hello);

    assertThat(budget.spent()).isEqualTo(Cost.usd("0.00002")); // 10 x 1e-6 + 5 x 2e-6
    assertThat(budget.reserved()).isEqualTo(Cost.ZERO);
  }

  @Test
  void a_call_whose_worst_case_does_not_fit_is_refused_before_anything_is_sent() {
    Budget budget = Budget.of("tiny", Cost.usd("0.0001")); // less than 100 output tokens can cost

    assertThatThrownBy(() -> llm(budget).complete(hello))
        .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.BUDGET_EXCEEDED);
          assertThat(e.retryable()).isFalse();
          assertThat(e.getMessage()).contains("budget 'tiny'", "acme/m1", "limit $0.0001");
        });
    assertThat(provider.requests).isEmpty();
    assertThat(budget.reserved()).isEqualTo(Cost.ZERO);
  }

  @Test
  void one_budget_shared_by_two_llms_caps_both() {
    provider.answer(r -> FakeProvider.reply("ok", Usage.of(10, 5)));
    Budget shared = Budget.of("service", Cost.usd("0.001"));
    Llm agent = llm(shared);
    Llm condenser = llm(shared);

    int answered = 0;
    try {
      for (int i = 0; i < 1_000; i++) {
        (i % 2 == 0 ? agent : condenser).complete(hello);
        answered++;
      }
    } catch (BudgetExceededException expected) {
      // the shared cap was reached
    }

    assertThat(answered).isBetween(1, 999);
    assertThat(shared.spent().compareTo(shared.limit())).isLessThanOrEqualTo(0);
    assertThat(shared.spent()).isEqualTo(new Cost(new BigDecimal("0.00002").multiply(BigDecimal.valueOf(answered))));
  }

  @Test
  void thirty_two_concurrent_callers_never_overshoot_the_cap() throws Exception {
    provider.recordRequests = false;
    provider.answer(r -> FakeProvider.reply("ok", Usage.of(10, 100))); // spends the whole output allowance
    Budget budget = Budget.of("race", Cost.usd("0.05"));
    Llm llm = llm(budget);
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(32);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 32; t++) {
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 50; i++) {
            try {
              llm.completeAsync(hello).join();
              answered.incrementAndGet();
            } catch (java.util.concurrent.CompletionException e) {
              assertThat(e.getCause()).isInstanceOf(BudgetExceededException.class);
              refused.incrementAndGet();
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(refused.get()).isPositive();
    assertThat(budget.spent().compareTo(budget.limit())).isLessThanOrEqualTo(0);
    assertThat(budget.spent()).isEqualTo(new Cost(new BigDecimal("0.00021").multiply(BigDecimal.valueOf(answered.get()))));
    assertThat(budget.reserved()).isEqualTo(Cost.ZERO);
  }

  @Test
  void a_stream_reserves_when_subscribed_and_settles_what_it_cost() {
    Budget budget = Budget.of("stream", Cost.usd("1"));
    Llm llm = llm(budget);

    ChatStream stream = llm.stream(hello);
    assertThat(budget.reserved()).isEqualTo(Cost.ZERO); // nothing reserved before the stream starts
    var it = stream.iterator();
    assertThat(budget.reserved()).isGreaterThan(Cost.ZERO);
    provider.lastStream.submit(new ChatEvent.Completed(FakeProvider.reply("ok", Usage.of(10, 5))));
    while (it.hasNext()) {
      if (it.next() instanceof ChatEvent.Completed) {
        provider.lastStream.close();
      }
    }

    assertThat(budget.spent()).isEqualTo(Cost.usd("0.00002"));
    assertThat(budget.reserved()).isEqualTo(Cost.ZERO);
  }

  @Test
  void a_failed_call_releases_its_reservation() {
    provider.fail(LlmException.builder(ErrorKind.SERVER_ERROR, "boom").build());
    Budget budget = Budget.of("f", Cost.usd("1"));

    assertThatThrownBy(() -> llm(budget).complete(hello)).hasMessageContaining("boom");

    assertThat(budget.reserved()).isEqualTo(Cost.ZERO);
    assertThat(budget.spent()).isEqualTo(Cost.ZERO);
  }
}
