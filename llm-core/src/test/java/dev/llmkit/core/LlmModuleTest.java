package dev.llmkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Provides;
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
}
