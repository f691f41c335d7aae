package dev.llmkit.spi.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {
  /** 2015-10-21T07:27:00Z, a Wednesday. */
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2015-10-21T07:27:00Z"), ZoneOffset.UTC);

  private static HttpHeaders headers(String... namesAndValues) {
    return TestHeaders.of(namesAndValues);
  }

  @Nested
  class Headers {

    @Test
    void retryAfterMsTakesPrecedenceOverRetryAfter() {
      assertThat(RetryAfter.parse(headers("retry-after", "30", "retry-after-ms", "250"), CLOCK))
          .contains(Duration.ofMillis(250));
    }

    @Test
    void aFractionalRetryAfterMsIsTruncatedToWholeMilliseconds() {
      assertThat(RetryAfter.parse(headers("retry-after-ms", "250.9"), CLOCK)).contains(Duration.ofMillis(250));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "", "-5", "NaN"})
    void anUnreadableRetryAfterMsFallsBackToRetryAfter(String ms) {
      assertThat(RetryAfter.parse(headers("retry-after-ms", ms, "retry-after", "2"), CLOCK))
          .contains(Duration.ofSeconds(2));
    }

    @Test
    void readsRetryAfterAloneAsSeconds() {
      assertThat(RetryAfter.parse(headers("retry-after", "20"), CLOCK)).contains(Duration.ofSeconds(20));
    }

    @Test
    void headerNamesAreCaseInsensitive() {
      assertThat(RetryAfter.parse(headers("Retry-After", "3"), CLOCK)).contains(Duration.ofSeconds(3));
      assertThat(RetryAfter.parse(headers("Retry-After-Ms", "40"), CLOCK)).contains(Duration.ofMillis(40));
    }

    @Test
    void noHintMeansEmpty() {
      assertThat(RetryAfter.parse(headers("x-request-id", "req_1"), CLOCK)).isEmpty();
    }

    @Test
    void anAbsurdMillisecondHintSaturatesInsteadOfWrappingNegative() {
      assertThat(RetryAfter.parse(headers("retry-after-ms", "99999999999999999999999"), CLOCK))
          .hasValueSatisfying(d -> assertThat(d).isEqualTo(Duration.ofMillis(Long.MAX_VALUE)));
    }
  }

  @Nested
  class Values {

    @ParameterizedTest
    @CsvSource({"0,0", "1,1000", "1.5,1500", "0.25,250", "' 7 ',7000", "120,120000", "0.0001,0"})
    void readsSecondsIncludingFractions(String value, long millis) {
      assertThat(RetryAfter.parseValue(value, CLOCK)).contains(Duration.ofMillis(millis));
    }

    @Test
    void readsAnHttpDateInTheFutureAsTheWaitUntilThen() {
      assertThat(RetryAfter.parseValue("Wed, 21 Oct 2015 07:28:00 GMT", CLOCK)).contains(Duration.ofSeconds(60));
    }

    @Test
    void readsAnHttpDateInThePastAsNoWait() {
      assertThat(RetryAfter.parseValue("Wed, 21 Oct 2015 07:00:00 GMT", CLOCK)).contains(Duration.ZERO);
    }

    @Test
    void readsAnHttpDateWithoutTheDayName() {
      assertThat(RetryAfter.parseValue("21 Oct 2015 07:27:05 GMT", CLOCK)).contains(Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "soon", "-1", "-0.5", "1,5", "2015-10-21T07:28:00Z", "Wed, 21 Foo 2015 07:28:00 GMT",
        "1e2147483647", "Infinity"})
    void garbageGivesEmpty(String value) {
      assertThat(RetryAfter.parseValue(value, CLOCK)).isEmpty();
    }

    @Test
    void anAbsurdSecondsHintSaturatesInsteadOfWrappingNegative() {
      assertThat(RetryAfter.parseValue("99999999999999999999", CLOCK))
          .hasValueSatisfying(d -> assertThat(d).isPositive().isEqualTo(Duration.ofMillis(Long.MAX_VALUE)));
    }

    @Test
    void scientificNotationIsReadAsSeconds() {
      assertThat(RetryAfter.parseValue("1e1", CLOCK)).contains(Duration.ofSeconds(10));
    }
  }

  @Nested
  class GoDurations {

    @ParameterizedTest
    @CsvSource({
        "6m0s,PT6M",
        "20ms,PT0.02S",
        "1.5s,PT1.5S",
        "37s,PT37S",
        "1h2m3s,PT1H2M3S",
        "1s,PT1S",
        "0s,PT0S",
        "250us,PT0.00025S",
        "250µs,PT0.00025S",
        "7ns,PT0.000000007S",
        "2h,PT2H",
        "1m30.5s,PT1M30.5S",
        "'  6m0s  ',PT6M",
        "1.5h,PT1H30M"})
    void readsGoAndProtoDurations(String value, Duration expected) {
      assertThat(RetryAfter.parseGoDuration(value)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "abc", "10", "5x", "s", "ms", "-1s", "1s2", "1 s", "1h 2m", "1.s", ".5s", "1..5s",
        "6m0", "P1D", "s1"})
    void rejectsAnythingElse(String value) {
      assertThat(RetryAfter.parseGoDuration(value)).isEmpty();
    }

    @Test
    void anAbsurdDurationSaturatesInsteadOfWrappingNegative() {
      assertThat(RetryAfter.parseGoDuration("99999999999999h"))
          .hasValueSatisfying(d -> assertThat(d).isEqualTo(Duration.ofNanos(Long.MAX_VALUE)));
    }
  }

  @Nested
  class Timestamps {

    @Test
    void readsTheWaitUntilAnRfc3339Timestamp() {
      assertThat(RetryAfter.untilTimestamp("2015-10-21T07:27:30Z", CLOCK)).contains(Duration.ofSeconds(30));
    }

    @Test
    void keepsFractionsOfASecond() {
      assertThat(RetryAfter.untilTimestamp("2015-10-21T07:27:00.250Z", CLOCK)).contains(Duration.ofMillis(250));
    }

    @Test
    void readsATimestampWithAnOffset() {
      assertThat(RetryAfter.untilTimestamp("2015-10-21T09:28:00+02:00", CLOCK)).contains(Duration.ofMinutes(1));
    }

    @Test
    void aTimestampInThePastMeansNoWait() {
      assertThat(RetryAfter.untilTimestamp("2015-10-21T07:00:00Z", CLOCK)).contains(Duration.ZERO);
    }

    @Test
    void toleratesSurroundingSpace() {
      assertThat(RetryAfter.untilTimestamp(" 2015-10-21T07:27:01Z ", CLOCK)).contains(Duration.ofSeconds(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tomorrow", "2015-10-21", "2015-10-21 07:27:30", "Wed, 21 Oct 2015 07:28:00 GMT"})
    void garbageGivesEmpty(String value) {
      assertThat(RetryAfter.untilTimestamp(value, CLOCK)).isEmpty();
    }
  }
}
