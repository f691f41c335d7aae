package dev.llmkit.testkit;

import org.junit.jupiter.api.Test;

/** The plugin dependency rules, checked on the provider's own classes. */
interface ArchitectureContract extends ContractPart {
  @Test
  default void theProviderNeverDependsOnTheEngineOrAnotherPlugin() {
    PluginArchitecture.assertProviderIsolated(suite().factory().getClass());
  }
}
