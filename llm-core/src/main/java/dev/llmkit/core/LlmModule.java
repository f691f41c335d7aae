package dev.llmkit.core;

import com.codahale.metrics.MetricRegistry;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.core.internal.DefaultProviderContext;
import dev.llmkit.core.internal.SharedHttpClient;
import dev.llmkit.spi.ProviderContext;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;

/**
 * Guice wiring of llmkit: binds {@link Llm} for one {@link LlmConfig}, with the plugin registry, the HTTP
 * client, clock and metric registry as overridable bindings.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new LlmModule(LlmConfig.of("openai/gpt-4o")));
 * Llm llm = injector.getInstance(Llm.class);
 * }</pre>
 *
 * Override a binding with {@code Modules.override(new LlmModule(c)).with(...)}.
 */
public class LlmModule extends AbstractModule {
  private final LlmConfig config;

  public LlmModule(LlmConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(LlmConfig.class).toInstance(config);
  }

  @Provides
  @Singleton
  PluginRegistry pluginRegistry() {
    return PluginRegistry.discover();
  }

  @Provides
  @Singleton
  HttpClient httpClient() {
    return SharedHttpClient.get();
  }

  @Provides
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  @Provides
  @Singleton
  MetricRegistry metricRegistry() {
    return new MetricRegistry();
  }

  @Provides
  @Singleton
  ProviderContext providerContext(HttpClient client, Clock clock) {
    return new DefaultProviderContext(client, clock, ForkJoinPool.commonPool(), System.getLogger("dev.llmkit"), System::getenv);
  }

  @Provides
  @Singleton
  Llm llm(LlmConfig config, PluginRegistry registry, ProviderContext context, MetricRegistry metrics) {
    return LlmAssembly.assemble(config, registry, context, metrics);
  }
}
