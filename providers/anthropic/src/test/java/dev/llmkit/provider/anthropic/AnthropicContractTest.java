package dev.llmkit.provider.anthropic;

import dev.llmkit.testkit.ProviderContractTest;
import dev.llmkit.testkit.mock.WireDialect;
import dev.llmkit.testkit.mock.WireDialects;

/** The llmkit provider contract, run through the engine against the testkit's Anthropic-speaking mock. */
class AnthropicContractTest extends ProviderContractTest {
  @Override
  protected String providerId() {
    return AnthropicProviderFactory.ID;
  }

  @Override
  protected String model() {
    return "claude-sonnet-4-5"; // tools, parallel calls, vision, reasoning and caching all apply
  }

  @Override
  protected WireDialect dialect() {
    return WireDialects.anthropic();
  }
}
