package dev.llmkit.core.routing;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.llmkit.api.RoutingConfig;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Binds a {@link RoutingLlm} for a {@link RoutingConfig} in Guice, as a singleton; inject
 * {@code RoutingLlm} (it is an {@link dev.llmkit.api.Llm}). It binds nothing else, so it installs next
 * to {@code LlmModule}.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new RoutingModule(routingConfig));
 * RoutingLlm llm = injector.getInstance(RoutingLlm.class);
 * }</pre>
 */
public final class RoutingModule extends AbstractModule {
  private final RoutingConfig config;
  private final Consumer<LlmRouting.Builder> options;

  public RoutingModule(RoutingConfig config) {
    this(config, b -> {});
  }

  /** With {@code options} applied to the builder (registry, cooldown, deadline, candidate setup). */
  public RoutingModule(RoutingConfig config, Consumer<LlmRouting.Builder> options) {
    this.config = Objects.requireNonNull(config, "config");
    this.options = Objects.requireNonNull(options, "options");
  }

  @Provides
  @Singleton
  RoutingLlm routingLlm() {
    LlmRouting.Builder builder = LlmRouting.builder().config(config);
    options.accept(builder);
    return builder.build();
  }
}
