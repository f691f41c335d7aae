package dev.llmkit.api;

import java.math.BigDecimal;
import java.util.Objects;

/** An amount of money in US dollars, exact. */
public record Cost(BigDecimal usd) implements Comparable<Cost> {
  public static final Cost ZERO = new Cost(BigDecimal.ZERO);

  public Cost {
    Objects.requireNonNull(usd, "usd");
    if (usd.signum() < 0) {
      throw new IllegalArgumentException("a cost cannot be negative: " + usd);
    }
    // One scale per amount, so that $0.10 equals $0.1 (BigDecimal.equals compares scale too).
    usd = usd.signum() == 0 ? BigDecimal.ZERO : usd.stripTrailingZeros();
  }

  public static Cost usd(String amount) {
    return new Cost(new BigDecimal(amount));
  }

  public Cost plus(Cost other) {
    return new Cost(usd.add(other.usd));
  }

  /** This minus {@code other}, for the cost between two snapshots; never below zero. */
  public Cost minus(Cost other) {
    BigDecimal d = usd.subtract(other.usd);
    return d.signum() <= 0 ? ZERO : new Cost(d);
  }

  @Override
  public int compareTo(Cost other) {
    return usd.compareTo(other.usd);
  }

  @Override
  public String toString() {
    return "$" + usd.toPlainString();
  }
}
