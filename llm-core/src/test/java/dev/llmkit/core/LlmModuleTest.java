package dev.llmkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Names;
import dev.llmkit.api.ChatResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import com.google.inject.util.Modules;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.Message;
import dev.llmkit.core.fake.FakeProviderFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlmModuleTest {

  @Test
  void guice_wires_an_llm_whose_plugin_registry_can_be_overridden() {
    FakeProviderFactory fake = new FakeProviderFactory();
    Injector injector = Guice.createInjector(Modules.override(new LlmModule(LlmConfig.of("fake/m"))).with(new AbstractModule() {
      @Provides
      PluginRegistry registry() {
        return PluginRegistry.of(List.of(fake), List.of());
      }
    }));

    Llm llm = injector.getInstance(Llm.class);

    assertThat(llm).isSameAs(injector.getInstance(Llm.class));
    assertThat(llm.complete(ChatRequest.of(Message.user("hi"))).text()).isEqualTo("ok");
    assertThat(fake.provider().requests).hasSize(1);
  }

  private static AbstractModule fakeRegistry(FakeProviderFactory fake) {
    return new AbstractModule() {
      @Provides
      PluginRegistry registry() {
        return PluginRegistry.of(List.of(fake), List.of());
      }
    };
  }

  @Test
  void interceptors_added_through_a_multibinder_see_every_call_in_binding_order() {
    FakeProviderFactory fake = new FakeProviderFactory();
    List<String> trace = new CopyOnWriteArrayList<>();
    Injector injector = Guice.createInjector(Modules.override(new LlmModule(LlmConfig.of("fake/m"))).with(fakeRegistry(fake)),
        new AbstractModule() {
          @Override
          protected void configure() {
            Multibinder<LlmInterceptor> interceptors = Multibinder.newSetBinder(binder(), LlmInterceptor.class);
            interceptors.addBinding().toInstance(named("first", trace));
            interceptors.addBinding().toInstance(named("second", trace));
          }
        });
    Llm llm = injector.getInstance(Llm.class);

    llm.complete(ChatRequest.of(Message.user("hi")));
    llm.completeAsync(ChatRequest.of(Message.user("hi"))).join();

    assertThat(trace).containsExactly("first", "second", "first", "second");
  }

  @Test
  void binding_a_named_stage_replaces_the_built_in_one() {
    FakeProviderFactory fake = new FakeProviderFactory();
    List<String> trace = new CopyOnWriteArrayList<>();
    Injector injector = Guice.createInjector(Modules.override(new LlmModule(LlmConfig.of("fake/m"))).with(
        fakeRegistry(fake),
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(LlmInterceptor.class).annotatedWith(Names.named("llmkit.accounting")).toInstance(named("my-accounting", trace));
          }
        }));
    Llm llm = injector.getInstance(Llm.class);

    llm.complete(ChatRequest.of(Message.user("hi")));

    assertThat(trace).containsExactly("my-accounting");
    assertThat(llm.metrics().snapshot().calls()).isZero(); // the built-in accounting stage is gone
    assertThat(fake.provider().requests).hasSize(1);
  }

  private static LlmInterceptor named(String name, List<String> trace) {
    return new LlmInterceptor() {
      @Override
      public CompletableFuture<ChatResponse> intercept(Chain chain) {
        trace.add(name);
        return chain.proceed(chain.call());
      }
    };
  }
}
