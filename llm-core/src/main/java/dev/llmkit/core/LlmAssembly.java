package dev.llmkit.core;

import com.codahale.metrics.MetricRegistry;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.core.internal.CallAccounting;
import dev.llmkit.core.internal.CallDeadline;
import dev.llmkit.core.internal.CompletionLog;
import dev.llmkit.core.internal.DefaultLlm;
import dev.llmkit.core.internal.DefaultMetrics;
import dev.llmkit.core.internal.ModelResolver;
import dev.llmkit.core.internal.PromptCacheMarker;
import dev.llmkit.core.internal.RequestFormatter;
import dev.llmkit.core.internal.RequestValidator;
import dev.llmkit.core.internal.ResolvedModel;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderContext;
import java.time.Clock;

/**
 * Assembles one {@link Llm} from a config and the host's services. Shared by {@link Llms} and
 * {@link LlmModule} so that Guice users and plain users get the same graph.
 */
final class LlmAssembly {
  private LlmAssembly() {}

  static Llm assemble(LlmConfig config, PluginRegistry registry, ProviderContext context, MetricRegistry metricRegistry) {
    ResolvedModel resolved = new ModelResolver(registry).resolve(config);
    ChatProvider provider = resolved.factory().create(config, context);
    DefaultMetrics metrics = new DefaultMetrics();
    Clock clock = context.clock();
    return new DefaultLlm(
        resolved.info(),
        provider,
        new RequestValidator(),
        new RequestFormatter(config),
        new PromptCacheMarker(config),
        new CallDeadline(config.timeout(), resolved.info()),
        new CallAccounting(metrics, metricRegistry, clock, resolved.info()),
        new CompletionLog(config, clock),
        metrics);
  }
}
