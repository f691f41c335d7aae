package dev.llmkit.provider.gemini;

import dev.llmkit.testkit.security.SecurityWire;
import dev.llmkit.testkit.security.TransportSecurityContract;

/** The testkit's transport and security contract, on this provider's wire. */
class TransportSecurityTest extends TransportSecurityContract {
  /** This provider's wire for the security contracts: its key header, a successful answer and stream. */
  static final SecurityWire WIRE = SecurityWire.builder(new GeminiProviderFactory(), "gemini-2.5-flash")
      .keyHeader("x-goog-api-key", "")
      .okBody("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"hi\"}]},\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":1,\"candidatesTokenCount\":1,\"totalTokenCount\":2}}")
      .okStream("data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"hi\"}]},\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":1,\"candidatesTokenCount\":1,\"totalTokenCount\":2}}\n\n")
      .build();

  @Override
  protected SecurityWire wire() {
    return WIRE;
  }
}
