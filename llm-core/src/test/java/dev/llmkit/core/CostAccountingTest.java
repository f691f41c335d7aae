package dev.llmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.CallAttributes;
import dev.llmkit.api.CallRecord;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.Cost;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.PriceSource;
import dev.llmkit.api.RateLimits;
import dev.llmkit.api.ResponseMetadata;
import dev.llmkit.api.Usage;
import dev.llmkit.core.cost.ModelPricing;
import dev.llmkit.core.cost.PriceCatalog;
import dev.llmkit.core.fake.FakeProvider;
import dev.llmkit.core.fake.FakeProviderFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every response carries its cost, from the right source, and the metrics add it up exactly. */
class CostAccountingTest {
  private static final ModelFeatures ALL = ModelFeatures.of(ModelFeature.NATIVE_TOOL_CALLING,
      ModelFeature.REASONING_EFFORT, ModelFeature.PROMPT_CACHE, ModelFeature.STOP_WORDS, ModelFeature.VISION);
  // 1,000 input (200 of them read from cache) and 500 output tokens.
  private static final Usage USAGE = new Usage(1_000L, 500L, 200L, null, null);
  private final ChatRequest hello = ChatRequest.of(Message.user("hello"));
  private final MetricRegistry registry = new MetricRegistry();

  private Llm llm(String providerId, String model, FakeProvider provider, LlmConfig.Builder config, PriceCatalog catalog) {
    return Llms.builder()
        .config(config.model(providerId + "/" + model).build())
        .registry(PluginRegistry.of(List.of(new FakeProviderFactory(providerId, provider, ALL)), List.of()))
        .metricRegistry(registry)
        .priceCatalog(catalog)
        .build();
  }

  private static FakeProvider answering(Usage usage, ResponseMetadata metadata) {
    FakeProvider provider = new FakeProvider();
    provider.answer(r -> FakeProvider.reply("ok", usage).withMetadata(metadata));
    return provider;
  }

  private static PriceSource source(ChatResponse r) {
    return r.metadata().attributes().get(CallAttributes.PRICE_SOURCE).orElseThrow();
  }

  @Nested
  class WhereThePriceComesFrom {
    @Test
    void config_prices_win_and_cache_reads_are_priced_apart() {
      Llm llm = llm("acme", "m1", answering(USAGE, ResponseMetadata.NONE), LlmConfig.builder()
          .inputCostPerToken(new BigDecimal("0.000003")).outputCostPerToken(new BigDecimal("0.000015"))
          .cacheReadCostPerToken(new BigDecimal("0.0000003")), PriceCatalog.bundled());

      ChatResponse r = llm.complete(hello);

      // 800 uncached x 3e-6 + 200 cached x 3e-7 + 500 x 1.5e-5 = 0.0024 + 0.00006 + 0.0075
      assertThat(r.cost()).isEqualTo(Cost.usd("0.00996"));
      assertThat(source(r)).isEqualTo(PriceSource.CONFIG);
    }

    @Test
    void a_cost_the_provider_reported_is_used_when_no_config_price_is_set() {
      Llm llm = llm("openrouter", "anthropic/claude-sonnet-4",
          answering(USAGE, ResponseMetadata.of("id", RateLimits.NONE, null, Cost.usd("0.0123"))),
          LlmConfig.builder(), PriceCatalog.bundled());

      ChatResponse r = llm.complete(hello);

      assertThat(r.cost()).isEqualTo(Cost.usd("0.0123"));
      assertThat(source(r)).isEqualTo(PriceSource.PROVIDER);
    }

    @Test
    void a_local_model_costs_zero_by_rule() {
      Llm llm = llm("acme", "llama3", answering(USAGE, ResponseMetadata.NONE),
          LlmConfig.builder().baseUrl("http://127.0.0.1:8000/v1"), PriceCatalog.bundled());

      ChatResponse r = llm.complete(hello);

      assertThat(r.cost()).isEqualTo(Cost.ZERO);
      assertThat(source(r)).isEqualTo(PriceSource.LOCAL);
    }

    @Test
    void an_unknown_model_has_no_cost_rather_than_a_silent_zero() {
      Llm llm = llm("acme", "no-such-model-xyz", answering(USAGE, ResponseMetadata.NONE), LlmConfig.builder(),
          PriceCatalog.bundled());

      ChatResponse r = llm.complete(hello);

      assertThat(r.cost()).isNull();
      assertThat(source(r)).isEqualTo(PriceSource.UNKNOWN);
      assertThat(llm.metrics().snapshot().cost()).isEqualTo(Cost.ZERO);
    }

    @Test
    void a_catalog_model_is_priced_from_the_catalog_and_a_registered_price_takes_over_at_once() {
      PriceCatalog catalog = PriceCatalog.bundled().copy(); // its own: registering changes no other test
      Llm llm = llm("openai", "gpt-4o", answering(Usage.of(1_000_000, 0), ResponseMetadata.NONE), LlmConfig.builder(),
          catalog);

      ChatResponse fromCatalog = llm.complete(hello);
      catalog.register("openai", "gpt-4o", ModelPricing.of(new BigDecimal("0.000001"), new BigDecimal("0.000002")));
      ChatResponse registered = llm.complete(hello);

      assertThat(source(fromCatalog)).isEqualTo(PriceSource.CATALOG);
      assertThat(fromCatalog.cost()).isNotNull().isGreaterThan(Cost.ZERO);
      assertThat(registered.cost()).isEqualTo(Cost.usd("1"));
    }
  }

  @Nested
  class EveryCallShape {
    private final LlmConfig.Builder priced = LlmConfig.builder()
        .inputCostPerToken(new BigDecimal("0.000002")).outputCostPerToken(new BigDecimal("0.000008"));

    @Test
    void a_stream_and_a_complete_of_the_same_exchange_cost_the_same() {
      FakeProvider provider = answering(Usage.of(100, 50), ResponseMetadata.NONE);
      Llm llm = llm("acme", "m1", provider, priced, PriceCatalog.bundled());

      ChatResponse sync = llm.complete(hello);
      ChatResponse streamed;
      try (ChatStream stream = llm.stream(hello)) {
        Iterator<ChatEvent> it = stream.iterator();
        provider.lastStream.submit(new ChatEvent.TextDelta("ok"));
        provider.lastStream.submit(new ChatEvent.UsageUpdate(Usage.of(100, 50)));
        provider.lastStream.submit(new ChatEvent.Completed(FakeProvider.reply("ok", Usage.of(100, 50))));
        ChatResponse last = null;
        while (it.hasNext()) {
          if (it.next() instanceof ChatEvent.Completed c) {
            last = c.response();
            provider.lastStream.close();
          }
        }
        streamed = last;
      }

      assertThat(sync.cost()).isEqualTo(Cost.usd("0.0006"));
      assertThat(streamed.cost()).isEqualTo(sync.cost());
      assertThat(streamed.usage()).isEqualTo(sync.usage());
      assertThat(llm.metrics().snapshot().cost()).isEqualTo(Cost.usd("0.0012"));
      assertThat(llm.metrics().snapshot().recentCalls()).filteredOn(CallRecord::streamed).singleElement()
          .satisfies(c -> assertThat(c.timeToFirstToken()).isNotNull());
    }

    @Test
    void the_tokens_a_failed_stream_used_are_priced_and_accounted() {
      FakeProvider provider = new FakeProvider();
      Llm llm = llm("acme", "m1", provider, priced.numRetries(0), PriceCatalog.bundled()); // fails before an event
      ChatResponse partial = new ChatResponse("r", "acme", "m1", AssistantMessage.of("Once"), FinishReason.ERROR, null,
          Usage.of(100, 50), null, Duration.ZERO);

      try (ChatStream stream = llm.stream(hello)) {
        Iterator<ChatEvent> it = stream.iterator();
        provider.lastStream.closeExceptionally(LlmException.builder(ErrorKind.OVERLOADED, "Overloaded").midStream(true)
            .partialResponse(partial).build());
        assertThatThrownBy(it::hasNext).isInstanceOfSatisfying(LlmException.class,
            e -> assertThat(e.partialResponse().orElseThrow().cost()).isEqualTo(Cost.usd("0.0006")));
      }

      CallRecord record = llm.metrics().snapshot().recentCalls().get(0);
      assertThat(record.error()).isEqualTo(ErrorKind.OVERLOADED);
      assertThat(record.cost()).isEqualTo(Cost.usd("0.0006"));
      assertThat(llm.metrics().snapshot().cost()).isEqualTo(Cost.usd("0.0006"));
    }
  }

  @Test
  void sixty_four_threads_lose_no_cent_and_no_token() throws Exception {
    LlmConfig.Builder priced = LlmConfig.builder()
        .inputCostPerToken(new BigDecimal("0.0000001")).outputCostPerToken(new BigDecimal("0.0000003"));
    FakeProvider provider = answering(Usage.of(7, 3), ResponseMetadata.NONE);
    provider.recordRequests = false;
    Llm llm = llm("acme", "m1", provider, priced, PriceCatalog.bundled());
    int threads = 64;
    int calls = 10_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < calls; i++) {
            llm.complete(hello);
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    long n = (long) threads * calls;
    // each call: 7 x 1e-7 + 3 x 3e-7 = 1.6e-6 USD
    assertThat(llm.metrics().snapshot().calls()).isEqualTo(n);
    assertThat(llm.metrics().snapshot().usage()).isEqualTo(new Usage(7 * n, 3 * n, 0L, 0L, 0L));
    assertThat(llm.metrics().snapshot().cost()).isEqualTo(new Cost(new BigDecimal("0.0000016").multiply(BigDecimal.valueOf(n))));
    assertThat(registry.counter("llm.acme.m1.cost.micro-usd").getCount()).isEqualTo(n * 16 / 10);
    assertThat(registry.counter("llm.acme.m1.tokens.input").getCount()).isEqualTo(7 * n);
  }
}
