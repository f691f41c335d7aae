package dev.llmkit.core.internal;

import dev.llmkit.api.ModelInfo;
import dev.llmkit.spi.ProviderFactory;

/** The provider plugin that serves a model, and what the engine knows about the model. */
public record ResolvedModel(ProviderFactory factory, ModelInfo info) {}
