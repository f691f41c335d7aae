package dev.llmkit.testkit;

import dev.llmkit.testkit.fixture.FixtureProviderFactory;
import dev.llmkit.testkit.mock.WireDialect;
import dev.llmkit.testkit.mock.WireDialects;

/**
 * Runs the contract suite against the test fixture provider, through the real engine: proves the
 * suite, the mock server and the engine agree, and shows the one-class way a provider module uses it.
 */
class FixtureProviderContractTest extends ProviderContractTest {
  @Override
  protected String providerId() {
    return FixtureProviderFactory.ID;
  }

  @Override
  protected String model() {
    return "fixture-1";
  }

  @Override
  protected WireDialect dialect() {
    return WireDialects.openAi();
  }
}
