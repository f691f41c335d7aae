package dev.llmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.core.fake.FakeProvider;
import dev.llmkit.core.fake.FakeProviderFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LlmRegistryTest {
  private static final LlmConfig AGENT = LlmConfig.builder().model("fake-agent").numRetries(0).build();
  private static final LlmConfig CONDENSER = LlmConfig.builder().model("fake-condenser").numRetries(0).build();
  private static final ChatRequest HELLO = ChatRequest.of(Message.user("hello"));

  private final FakeProvider provider = new FakeProvider();
  private final AtomicInteger builds = new AtomicInteger();
  private final Function<LlmConfig, Llm> factory = config -> {
    builds.incrementAndGet();
    return Llms.builder().config(config)
        .registry(PluginRegistry.of(List.of(new FakeProviderFactory(FakeProviderFactory.ID, provider,
            dev.llmkit.api.ModelFeatures.BASIC)), List.of()))
        .env(Map.of()).build();
  };
  private final LlmRegistry registry = new LlmRegistry(factory);

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void the_same_id_and_an_equal_config_give_the_same_llm() {
    Llm first = registry.get("agent", AGENT);
    Llm second = registry.get("agent", LlmConfig.builder().model("fake-agent").numRetries(0).build());

    assertThat(second).isSameAs(first);
    assertThat(builds).hasValue(1);
    assertThat(registry.find("agent")).containsSame(first);
    assertThat(registry.config("agent")).contains(AGENT);
  }

  @Test
  void different_ids_give_different_llms_even_for_one_config() {
    assertThat(registry.get("agent", AGENT)).isNotSameAs(registry.get("title", AGENT));
    assertThat(registry.serviceIds()).containsExactly("agent", "title");
  }

  @Test
  void the_same_id_with_another_config_is_an_error_naming_the_id_and_the_differing_settings() {
    registry.get("agent", AGENT);

    assertThatThrownBy(() -> registry.get("agent", AGENT.toBuilder().temperature(0.5).apiKey("k-other").build()))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
        .hasMessageContaining("service 'agent' is already registered with another config (differing: [apiKey, temperature])")
        .hasMessageContaining("use a new service id");
    assertThat(builds).hasValue(1);
  }

  @Test
  void metrics_are_kept_per_service_and_add_up() {
    registry.get("agent", AGENT).complete(HELLO);
    registry.get("agent", AGENT).complete(HELLO);
    registry.get("condenser", CONDENSER).complete(HELLO);

    assertThat(registry.metrics("agent").calls()).isEqualTo(2);
    assertThat(registry.metrics("condenser").calls()).isEqualTo(1);
    assertThat(registry.snapshot()).containsOnlyKeys("agent", "condenser");
    assertThat(registry.totals().calls()).isEqualTo(3);
    assertThat(registry.totals().usage().inputTokens()).isEqualTo(30);
  }

  @Test
  void metrics_of_an_unknown_service_name_the_known_ones() {
    registry.get("agent", AGENT);

    assertThatThrownBy(() -> registry.metrics("critic"))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
        .hasMessage("no service 'critic' is registered; the services are [agent]");
  }

  @Test
  void concurrent_gets_of_a_new_id_build_one_llm() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    LlmRegistry slow = new LlmRegistry(config -> {
      try {
        release.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return factory.apply(config);
    });
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Llm>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        results.add(pool.submit(() -> slow.get("agent", AGENT)));
      }
      release.countDown();
      Llm first = results.get(0).get(5, TimeUnit.SECONDS);
      for (Future<Llm> f : results) {
        assertThat(f.get(5, TimeUnit.SECONDS)).isSameAs(first);
      }
      assertThat(builds).hasValue(1);
      assertThat(slow.serviceIds()).containsExactly("agent");
    } finally {
      pool.shutdownNow();
      slow.close();
    }
  }

  @Test
  void a_failed_build_registers_nothing_and_a_later_get_tries_again() {
    AtomicInteger attempts = new AtomicInteger();
    LlmRegistry flaky = new LlmRegistry(config -> {
      if (attempts.incrementAndGet() == 1) {
        throw LlmException.builder(ErrorKind.CONFIGURATION, "no API key").build();
      }
      return factory.apply(config);
    });

    assertThatThrownBy(() -> flaky.get("agent", AGENT)).hasMessage("no API key");
    assertThat(flaky.serviceIds()).isEmpty();
    assertThat(flaky.find("agent")).isEmpty();
    assertThat(flaky.get("agent", AGENT)).isNotNull();
    assertThat(flaky.serviceIds()).containsExactly("agent");
    flaky.close();
  }

  @Test
  void close_closes_every_service() {
    registry.get("agent", AGENT);
    registry.get("condenser", CONDENSER);

    registry.close();

    assertThat(provider.closed).isTrue();
    assertThat(registry.serviceIds()).isEmpty();
  }

  @Test
  void guice_injects_one_registry_or_the_bound_one() {
    Injector defaults = Guice.createInjector();
    assertThat(defaults.getInstance(LlmRegistry.class)).isSameAs(defaults.getInstance(LlmRegistry.class));

    Injector bound = Guice.createInjector(new AbstractModule() {
      @Override protected void configure() {
        bind(LlmRegistry.class).toInstance(registry);
      }
    });
    bound.getInstance(LlmRegistry.class).get("agent", AGENT);
    assertThat(registry.serviceIds()).containsExactly("agent");
  }
}
