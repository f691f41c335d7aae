package dev.llmkit.provider.anthropic;

import dev.llmkit.testkit.security.SecurityWire;
import dev.llmkit.testkit.security.TransportSecurityContract;

/** The testkit's transport and security contract, on this provider's wire. */
class TransportSecurityTest extends TransportSecurityContract {
  /** This provider's wire for the security contracts: its key header, a successful answer and stream. */
  static final SecurityWire WIRE = SecurityWire.builder(new AnthropicProviderFactory(), "claude-sonnet-4-5")
      .keyHeader("x-api-key", "")
      .okBody("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}")
      .okStream("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude-sonnet-4-5\",\"usage\":{\"input_tokens\":1,\"output_tokens\":0}}}\n\n"
          + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
          + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"hi\"}}\n\n"
          + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
          + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":1}}\n\n"
          + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n")
      .build();

  @Override
  protected SecurityWire wire() {
    return WIRE;
  }
}
