package dev.llmkit.provider.ollama;

import dev.llmkit.testkit.security.SecurityWire;
import dev.llmkit.testkit.security.TransportSecurityContract;

/** The testkit's transport and security contract, on this provider's wire. */
class TransportSecurityTest extends TransportSecurityContract {
  /** This provider's wire for the security contracts: its key header, a successful answer and stream. */
  static final SecurityWire WIRE = SecurityWire.builder(new OllamaProviderFactory(), "llama3")
      .keyHeader("Authorization", "Bearer ")
      .okBody("{\"model\":\"llama3\",\"created_at\":\"2024-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":1,\"eval_count\":1}")
      .okStream("{\"model\":\"llama3\",\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"done\":false}\n"
          + "{\"model\":\"llama3\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":1,\"eval_count\":1}\n")
      .ndjson()
      .build();

  @Override
  protected SecurityWire wire() {
    return WIRE;
  }
}
