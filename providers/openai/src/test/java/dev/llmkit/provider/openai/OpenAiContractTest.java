package dev.llmkit.provider.openai;

import dev.llmkit.testkit.ProviderContractTest;
import dev.llmkit.testkit.mock.WireDialect;
import dev.llmkit.testkit.mock.WireDialects;

/** The llm-testkit provider contract, run through the engine against the mock OpenAI server. */
class OpenAiContractTest extends ProviderContractTest {
  @Override
  protected String providerId() {
    return OpenAiProviderFactory.ID;
  }

  @Override
  protected String model() {
    return "gpt-4o"; // tools, parallel tool calls and vision
  }

  @Override
  protected WireDialect dialect() {
    return WireDialects.openAi();
  }
}
