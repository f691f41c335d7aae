package dev.llmkit.provider.gemini;

import dev.llmkit.testkit.ProviderContractTest;
import dev.llmkit.testkit.mock.WireDialect;
import dev.llmkit.testkit.mock.WireDialects;

/**
 * The llmkit provider contract, run through the engine against the testkit's Gemini-speaking mock. The
 * capabilities checked are the ones the factory declares (streaming, tools, parallel calls, vision,
 * reasoning, token counting), none narrowed away.
 */
class GeminiContractTest extends ProviderContractTest {
  @Override
  protected String providerId() {
    return GeminiProviderFactory.ID;
  }

  @Override
  protected String model() {
    return "gemini-2.5-flash"; // tools, parallel calls, vision and thinking (by budget) all apply
  }

  @Override
  protected WireDialect dialect() {
    return WireDialects.gemini();
  }
}
