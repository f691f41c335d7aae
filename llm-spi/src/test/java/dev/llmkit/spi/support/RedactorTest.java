package dev.llmkit.spi.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.Secret;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private static final String KEY = "my-own-gateway-key-0123456789";

  @Test
  void removesTheConfiguredKeyWhateverItsShape() {
    assertThat(new Redactor(Secret.of(KEY)).scrub("bad key " + KEY + ", try again")).isEqualTo("bad key ****, try again");
  }

  @Test
  void removesWhatFollowsApiKeyProvided() {
    assertThat(new Redactor(null).scrub("Incorrect API key provided: abc123xyz. See docs."))
        .isEqualTo("Incorrect API key provided: **** See docs.");
  }

  @Test
  void removesKeyShapedTextOfAnyProvider() {
    String scrubbed = new Redactor(null).scrub(
        "echo: sk-proj-AbCdEf123456 and sk-ant-api03-XyZ0123456789-abc and gsk-1234567890abc");

    assertThat(scrubbed).doesNotContain("AbCdEf123456").doesNotContain("XyZ0123456789").doesNotContain("1234567890abc")
        .contains("sk-****").contains("gsk-****");
  }

  @Test
  void leavesOrdinaryTextAlone() {
    assertThat(new Redactor(Secret.of(KEY)).scrub("Overloaded")).isEqualTo("Overloaded");
  }
}
