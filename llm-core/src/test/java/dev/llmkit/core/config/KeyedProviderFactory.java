package dev.llmkit.core.config;

import dev.llmkit.api.ModelFeatures;
import dev.llmkit.core.fake.FakeProvider;
import dev.llmkit.core.fake.FakeProviderFactory;
import dev.llmkit.spi.ProviderDescriptor;

/** A fake provider "acme" (bare names "acme-*") that declares its key variables, as real providers do. */
final class KeyedProviderFactory extends FakeProviderFactory {
  static final String ID = "acme";
  static final String KEY_VAR = "ACME_API_KEY";
  static final String ALT_KEY_VAR = "ACME_ALT_API_KEY";

  KeyedProviderFactory() {
    super(ID, new FakeProvider(), ModelFeatures.BASIC);
  }

  @Override
  public ProviderDescriptor descriptor() {
    return ProviderDescriptor.builder(ID).modelPatterns("acme-*").apiKeyEnvVars(KEY_VAR, ALT_KEY_VAR).build();
  }
}
