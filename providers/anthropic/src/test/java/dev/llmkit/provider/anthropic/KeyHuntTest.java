package dev.llmkit.provider.anthropic;

import dev.llmkit.testkit.security.KeyHuntContract;
import dev.llmkit.testkit.security.SecurityWire;

/** The testkit's fake-key hunt over every error path, on this provider's wire. */
class KeyHuntTest extends KeyHuntContract {
  @Override
  protected SecurityWire wire() {
    return TransportSecurityTest.WIRE;
  }
}
