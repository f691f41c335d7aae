package dev.llmkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretTest {

  @Nested
  class Masking {

    @Test
    void toStringNeverShowsTheValue() {
      Secret s = Secret.of("sk-proj-abcdef123456");

      assertThat(s.toString()).isEqualTo("Secret[****]").doesNotContain("abcdef");
      assertThat(String.valueOf(s)).doesNotContain("sk-proj");
    }

    @Test
    void aSecretInsideARecordStaysMasked() {
      record Holder(Secret key) {}

      assertThat(new Holder(Secret.of("TOP-SECRET")).toString()).doesNotContain("TOP-SECRET");
    }

    @Test
    void revealGivesTheRawValueForTheWire() {
      assertThat(Secret.of("sk-1").reveal()).isEqualTo("sk-1");
    }
  }

  @Nested
  class Equality {

    @Test
    void secretsWithTheSameValueAreEqualAndHashAlike() {
      Secret a = Secret.of("same-value");
      Secret b = Secret.of("same-value");

      assertThat(a).isEqualTo(b).isNotSameAs(b);
      assertThat(a.hashCode()).isEqualTo(b.hashCode());
    }

    @Test
    void secretsWithDifferentValuesAreNotEqual() {
      assertThat(Secret.of("value-1")).isNotEqualTo(Secret.of("value-2"));
      assertThat(Secret.of("value")).isNotEqualTo(Secret.of("value-longer"));
    }

    @Test
    void theHashDoesNotDependOnTheValue() {
      assertThat(Secret.of("a").hashCode()).isEqualTo(Secret.of("completely different").hashCode());
    }

    @Test
    void aSecretIsNeverEqualToItsRawString() {
      assertThat(Secret.of("value")).isNotEqualTo("value");
      assertThat(Secret.of("value").equals(null)).isFalse();
    }

    @Test
    void nonAsciiValuesCompareByContent() {
      assertThat(Secret.of("ключ-🔑")).isEqualTo(Secret.of("ключ-🔑")).isNotEqualTo(Secret.of("ключ-🔐"));
    }
  }

  @Nested
  class Creation {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void aBlankSecretIsRejected(String value) {
      assertThatThrownBy(() -> Secret.of(value))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("a secret cannot be blank");
    }

    @Test
    void aNullSecretIsRejected() {
      assertThatThrownBy(() -> Secret.of(null)).isInstanceOf(NullPointerException.class).hasMessage("value");
    }
  }
}
