package dev.llmkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class UsageTest {

  @Nested
  class TotalTokens {

    @Test
    void isInputPlusOutput() {
      assertThat(Usage.of(120, 30).totalTokens()).isEqualTo(150L);
    }

    @Test
    void isUnknownWhenEitherSideIsUnknown() {
      assertThat(new Usage(10L, null, null, null, null).totalTokens()).isNull();
      assertThat(new Usage(null, 10L, null, null, null).totalTokens()).isNull();
      assertThat(Usage.UNKNOWN.totalTokens()).isNull();
    }

    @Test
    void ofLeavesTheDetailCountsUnknown() {
      Usage u = Usage.of(1, 2);

      assertThat(u.cacheReadTokens()).isNull();
      assertThat(u.cacheWriteTokens()).isNull();
      assertThat(u.reasoningTokens()).isNull();
    }
  }

  @Nested
  class Plus {

    @Test
    void theOneHourCacheWriteSplitIsAddedSubtractedAndOverlaidLikeTheOtherCounts() {
      Usage a = new Usage(100L, 20L, 50L, 10L, 5L, 4L);
      Usage b = new Usage(1L, 2L, 3L, 4L, 5L, 1L);

      assertThat(a.plus(b).cacheWrite1hTokens()).isEqualTo(5L);
      assertThat(a.plus(Usage.of(1, 1)).cacheWrite1hTokens()).isEqualTo(4L);
      assertThat(a.minus(b).cacheWrite1hTokens()).isEqualTo(3L);
      assertThat(b.overlay(new Usage(null, null, null, null, null)).cacheWrite1hTokens()).isEqualTo(1L);
      assertThat(Usage.of(1, 2).cacheWrite1hTokens()).isNull();
    }

    @Test
    void addsFieldWise() {
      Usage a = new Usage(100L, 20L, 50L, 10L, 5L);
      Usage b = new Usage(1L, 2L, 3L, 4L, 5L);

      assertThat(a.plus(b)).isEqualTo(new Usage(101L, 22L, 53L, 14L, 10L));
    }

    @Test
    void treatsAnUnknownCountAsZeroWhenTheOtherSideKnowsIt() {
      Usage a = new Usage(100L, null, 7L, null, null);
      Usage b = new Usage(null, 20L, 3L, null, null);

      assertThat(a.plus(b)).isEqualTo(new Usage(100L, 20L, 10L, null, null));
    }

    @Test
    void keepsACountUnknownWhenNeitherSideKnowsIt() {
      assertThat(Usage.UNKNOWN.plus(Usage.UNKNOWN)).isEqualTo(Usage.UNKNOWN);
    }

    @Test
    void zeroIsTheIdentityForKnownCounts() {
      Usage u = new Usage(3L, 4L, 5L, 6L, 7L);

      assertThat(u.plus(Usage.ZERO)).isEqualTo(u);
      assertThat(Usage.ZERO.plus(u)).isEqualTo(u);
    }

    @Test
    void turnsUnknownIntoZeroWhenAddedToZero() {
      assertThat(Usage.UNKNOWN.plus(Usage.ZERO)).isEqualTo(Usage.ZERO);
    }
  }

  @Nested
  class Overlay {

    @Test
    void replacesEachCountTheNewerUsageKnows() {
      Usage start = new Usage(100L, 1L, 80L, null, null);
      Usage delta = new Usage(null, 42L, null, 5L, null);

      assertThat(start.overlay(delta)).isEqualTo(new Usage(100L, 42L, 80L, 5L, null));
    }

    @Test
    void aNewerZeroReplacesAnOlderCount() {
      assertThat(Usage.of(10, 10).overlay(new Usage(0L, null, null, null, null)))
          .isEqualTo(Usage.of(0, 10));
    }

    @Test
    void overlayingUnknownChangesNothing() {
      Usage u = new Usage(1L, 2L, 3L, 4L, 5L);

      assertThat(u.overlay(Usage.UNKNOWN)).isEqualTo(u);
      assertThat(Usage.UNKNOWN.overlay(u)).isEqualTo(u);
    }
  }

  @Test
  void negativeCountsAreRejectedNamingTheField() {
    assertThatThrownBy(() -> new Usage(-1L, null, null, null, null)).hasMessageContaining("inputTokens");
    assertThatThrownBy(() -> new Usage(null, -1L, null, null, null)).hasMessageContaining("outputTokens");
    assertThatThrownBy(() -> new Usage(null, null, -1L, null, null)).hasMessageContaining("cacheReadTokens");
    assertThatThrownBy(() -> new Usage(null, null, null, -1L, null)).hasMessageContaining("cacheWriteTokens");
    assertThatThrownBy(() -> new Usage(null, null, null, null, -1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reasoningTokens must not be negative, was -1");
  }
}
