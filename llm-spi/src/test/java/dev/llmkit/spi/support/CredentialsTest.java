package dev.llmkit.spi.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Secret;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialsTest {
  private static final String KEY = "sk-test-0123456789abcdef";

  @Test
  void aKeyReadFromAFileWithATrailingNewlineIsTrimmedAndCanBeSent() {
    Secret key = Credentials.headerSafe(Secret.of(KEY + "\n"), "acme", "LlmConfig.apiKey");

    assertThat(key.reveal()).isEqualTo(KEY);
    HttpRequest.newBuilder().header("Authorization", "Bearer " + key.reveal()); // would throw if still illegal
  }

  @Test
  void aCleanKeyIsKeptAsItIs() {
    Secret key = Secret.of(KEY);

    assertThat(Credentials.headerSafe(key, "acme", "LlmConfig.apiKey")).isSameAs(key);
    assertThat(Credentials.headerSafe(null, "acme", "LlmConfig.apiKey")).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sk-abc\ndef0123", "sk-abc\rdef0123", "sk-abc def0123", "sk-abc\u0000def", "sk-abcé0123", "sk-abc\u2028x"})
  void aKeyWithACharacterAHeaderCannotCarryIsAConfigurationErrorThatDoesNotPrintIt(String bad) {
    assertThatThrownBy(() -> Credentials.headerSafe(Secret.of(bad), "acme", "the environment variable ACME_KEY"))
        .isInstanceOfSatisfying(LlmException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
          assertThat(e.provider()).contains("acme");
          assertThat(e.getMessage()).contains("ACME_KEY").contains("position 7")
              .doesNotContain("sk-abc").doesNotContain("def");
          assertThat(e.getCause()).isNull();
        });
  }

  @Test
  void aBlankEnvironmentValueIsNoKey() {
    assertThat(Credentials.fromEnv("  \n", "acme", "ACME_KEY")).isNull();
    assertThat(Credentials.fromEnv(null, "acme", "ACME_KEY")).isNull();
    assertThat(Credentials.fromEnv(" " + KEY + "\n", "acme", "ACME_KEY").reveal()).isEqualTo(KEY);
  }
}
