package dev.llmkit.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.util.Modules;
import dev.llmkit.api.CallAttributes;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.core.LlmCall;
import dev.llmkit.core.LlmInterceptor;
import dev.llmkit.core.LlmModule;
import dev.llmkit.core.Llms;
import dev.llmkit.core.PluginRegistry;
import dev.llmkit.core.fake.FakeProviderFactory;
import dev.llmkit.core.internal.Pipeline;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The options, and the cache wired through Guice and {@code Llms} in its place in the pipeline. */
class ResponseCacheWiringTest {
  private final FakeProviderFactory fake = new FakeProviderFactory();
  private final ChatRequest hello = ChatRequest.of(Message.user("hello"));

  private Injector injector(LlmModule module) {
    return Guice.createInjector(Modules.override(module).with(new AbstractModule() {
      @Provides
      PluginRegistry registry() {
        return PluginRegistry.of(List.of(fake), List.of());
      }
    }));
  }

  @Test
  void guice_with_response_cache_answers_the_second_call_from_the_cache() {
    Injector injector = injector(new LlmModule(LlmConfig.of("fake/m")).withResponseCache(ResponseCache.inMemory()));
    Llm llm = injector.getInstance(Llm.class);

    llm.complete(hello);
    ChatResponse again = llm.complete(hello);

    assertThat(fake.provider().requests).hasSize(1);
    assertThat(again.metadata().attributes().get(CallAttributes.CACHE_HIT)).contains(true);
    MetricRegistry metrics = injector.getInstance(MetricRegistry.class);
    assertThat(metrics.counter("llm.fake.m.cache.hits").getCount()).isEqualTo(1);
    assertThat(llm.metrics().snapshot().recentCalls().get(1).cacheHit()).isTrue();
  }

  @Test
  void the_stage_sits_after_the_context_window_check_and_before_the_budget_and_the_deadline() {
    Injector injector = injector(
        new LlmModule(LlmConfig.of("fake/m")).withResponseCache(ResponseCache.inMemory()).checkingContextWindow());

    List<String> names = injector.getInstance(Pipeline.class).stages().stream().map(LlmInterceptor::toString).toList();

    assertThat(names).containsSubsequence(Pipeline.FORMATTING, Pipeline.CONTEXT_WINDOW, Pipeline.RESPONSE_CACHE,
        Pipeline.DEADLINE, Pipeline.ACCOUNTING, Pipeline.PROVIDER_CALL);
    assertThat(names.indexOf(Pipeline.RESPONSE_CACHE)).isEqualTo(names.indexOf(Pipeline.CONTEXT_WINDOW) + 1);
  }

  @Test
  void without_options_there_is_no_cache_stage() {
    List<String> names = injector(new LlmModule(LlmConfig.of("fake/m"))).getInstance(Pipeline.class).stages().stream()
        .map(LlmInterceptor::toString).toList();

    assertThat(names).doesNotContain(Pipeline.RESPONSE_CACHE);
  }

  @Test
  void two_llms_given_the_same_options_share_the_store_but_not_the_entries_of_other_models() {
    ResponseCache shared = ResponseCache.inMemory();
    FakeProviderFactory other = new FakeProviderFactory("other", new dev.llmkit.core.fake.FakeProvider(),
        dev.llmkit.api.ModelFeatures.of());
    PluginRegistry plugins = PluginRegistry.of(List.of(fake, other), List.of());
    Llm a = Llms.builder().config(LlmConfig.of("fake/m")).registry(plugins).responseCache(shared).build();
    Llm b = Llms.builder().config(LlmConfig.of("fake/m")).registry(plugins).responseCache(shared).build();
    Llm c = Llms.builder().config(LlmConfig.of("other/m")).registry(plugins).responseCache(shared).build();

    a.complete(hello);
    ChatResponse fromB = b.complete(hello);
    ChatResponse fromC = c.complete(hello);

    assertThat(fromB.metadata().attributes().get(CallAttributes.CACHE_HIT)).contains(true);
    assertThat(fromC.metadata().attributes().get(CallAttributes.CACHE_HIT)).contains(false);
    assertThat(fake.provider().requests).hasSize(1);
    assertThat(other.provider().requests).hasSize(1);
    assertThat(((InMemoryResponseCacheStore) shared.store()).size()).isEqualTo(2);
  }

  @Test
  void the_options_have_sensible_defaults() {
    ResponseCache cache = ResponseCache.inMemory();

    assertThat(cache.enabled()).isTrue();
    assertThat(cache.maxEntries()).isEqualTo(ResponseCache.DEFAULT_MAX_ENTRIES);
    assertThat(cache.timeToLive()).isEqualTo(Duration.ofHours(1));
    assertThat(cache.modes()).containsExactlyInAnyOrder(LlmCall.Mode.values());
    assertThat(cache.store()).isInstanceOf(InMemoryResponseCacheStore.class);
    assertThat(ResponseCache.DISABLED.enabled()).isFalse();
    assertThat(ResponseCache.DISABLED.covers(LlmCall.Mode.COMPLETE)).isFalse();
    assertThat(ResponseCache.builder().enabled(false).build()).isSameAs(ResponseCache.DISABLED);
  }

  @Test
  void bad_options_are_configuration_errors_that_say_what_to_do() {
    ResponseCacheStore own = new InMemoryResponseCacheStore(5);

    assertThatThrownBy(() -> ResponseCache.builder().maxEntries(0).build())
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
        .hasMessageContaining("maxEntries must be at least 1");
    assertThatThrownBy(() -> ResponseCache.builder().timeToLive(Duration.ZERO).build())
        .hasMessageContaining("timeToLive must be positive");
    assertThatThrownBy(() -> ResponseCache.builder().modes(Set.of()).build())
        .hasMessageContaining("name at least one of COMPLETE, ASYNC, STREAM");
    assertThatThrownBy(() -> ResponseCache.builder().store(own).maxEntries(10).build())
        .hasMessageContaining("maxEntries bounds the in-memory store only")
        .hasMessageContaining("InMemoryResponseCacheStore");
    ResponseCacheStore withSecret = new ResponseCacheStore() {
      @Override
      public java.util.Optional<byte[]> get(String key) {
        return java.util.Optional.empty();
      }

      @Override
      public void put(String key, byte[] value, Duration timeToLive) {}

      @Override
      public void invalidate(String key) {}

      @Override
      public String toString() {
        return "redis://user:s3cret@host";
      }
    };
    assertThatThrownBy(() -> ResponseCache.builder().store(withSecret).maxEntries(10).build())
        .message().doesNotContain("s3cret");
    assertThat(ResponseCache.builder().store(withSecret).build().toString()).doesNotContain("s3cret");
    assertThat(ResponseCache.builder().store(own).build().store()).isSameAs(own);
  }
}
