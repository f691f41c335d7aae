package dev.llmkit.provider.openai;

import dev.llmkit.testkit.security.SecurityWire;
import dev.llmkit.testkit.security.TransportSecurityContract;

/** The testkit's transport and security contract, on this provider's wire. */
class TransportSecurityTest extends TransportSecurityContract {
  /** This provider's wire for the security contracts: its key header, a successful answer and stream. */
  static final SecurityWire WIRE = SecurityWire.builder(new OpenAiProviderFactory(), "gpt-4o")
      .keyHeader("Authorization", "Bearer ")
      .basePath("/v1")
      .okBody("{\"id\":\"c1\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}")
      .okStream("data: {\"id\":\"c1\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"},\"finish_reason\":null}]}\n\n"
          + "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n")
      .build();

  @Override
  protected SecurityWire wire() {
    return WIRE;
  }
}
