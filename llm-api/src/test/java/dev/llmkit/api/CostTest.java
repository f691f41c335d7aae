package dev.llmkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CostTest {

  @Test
  void addsExactlyWithoutFloatingPointDrift() {
    Cost sum = Cost.ZERO;
    for (int i = 0; i < 10; i++) {
      sum = sum.plus(Cost.usd("0.1"));
    }

    assertThat(sum.usd()).isEqualByComparingTo("1.0");
  }

  @Test
  void perTokenPricesKeepTheirPrecision() {
    Cost c = Cost.usd("0.000003").plus(Cost.usd("0.0000015"));

    assertThat(c.usd()).isEqualTo(new BigDecimal("0.0000045"));
    assertThat(c.toString()).isEqualTo("$0.0000045");
  }

  @Test
  void toStringIsPlainDollarsNeverScientific() {
    assertThat(new Cost(new BigDecimal("1E-7")).toString()).isEqualTo("$0.0000001");
    assertThat(Cost.ZERO.toString()).isEqualTo("$0");
  }

  @Test
  void ordersByAmount() {
    assertThat(Cost.usd("0.02")).isGreaterThan(Cost.usd("0.010"));
    assertThat(Cost.usd("0.10").compareTo(Cost.usd("0.1"))).isZero();
  }

  @Test
  void aNegativeOrMissingAmountIsRejected() {
    assertThatThrownBy(() -> Cost.usd("-0.01"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be negative");
    assertThatThrownBy(() -> new Cost(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void aMalformedAmountIsRejected() {
    assertThatThrownBy(() -> Cost.usd("ten cents")).isInstanceOf(NumberFormatException.class);
  }
}
