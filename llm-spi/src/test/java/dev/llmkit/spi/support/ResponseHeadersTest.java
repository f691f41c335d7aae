package dev.llmkit.spi.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.Cost;
import dev.llmkit.api.RateLimit;
import dev.llmkit.api.RateLimits;
import dev.llmkit.api.ResponseMetadata;
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

class ResponseHeadersTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static HttpHeaders headers(String... namesAndValues) {
    return TestHeaders.of(namesAndValues);
  }

  @Nested
  class Metadata {

    @Test
    void readsRequestIdRateLimitsRetryHintAndProxyCost() {
      ResponseMetadata m = ResponseHeaders.metadata(headers(
          "x-request-id", "req_abc",
          "x-ratelimit-limit-requests", "500",
          "x-ratelimit-remaining-requests", "499",
          "x-ratelimit-reset-requests", "120ms",
          "retry-after", "3",
          "x-litellm-response-cost", "0.00042"), CLOCK);

      assertThat(m.requestId()).isEqualTo("req_abc");
      assertThat(m.rateLimits().requests()).isEqualTo(new RateLimit(500L, 499L, NOW.plusMillis(120)));
      assertThat(m.retryAfter()).isEqualTo(Duration.ofSeconds(3));
      assertThat(m.providerCost()).isEqualTo(Cost.usd("0.00042"));
      assertThat(m.attributes().isEmpty()).isTrue();
    }

    @Test
    void noHeadersMeanNoMetadata() {
      assertThat(ResponseHeaders.metadata(headers(), CLOCK)).isEqualTo(ResponseMetadata.NONE);
    }

    @Test
    void takesAnthropicsRequestIdWhenThereIsNoXRequestId() {
      assertThat(ResponseHeaders.requestId(headers("request-id", "req_011CT"))).isEqualTo("req_011CT");
      assertThat(ResponseHeaders.requestId(headers("request-id", "second", "x-request-id", "first"))).isEqualTo("first");
      assertThat(ResponseHeaders.requestId(headers("x-request-id", "  "))).isNull();
    }
  }

  @Nested
  class OpenAiStyle {

    @Test
    void readsRequestsAndTokensWithGoDurationResets() {
      RateLimits limits = ResponseHeaders.rateLimits(headers(
          "x-ratelimit-limit-requests", "10000",
          "x-ratelimit-remaining-requests", "9999",
          "x-ratelimit-reset-requests", "6m0s",
          "x-ratelimit-limit-tokens", "30000000",
          "x-ratelimit-remaining-tokens", "29999000",
          "x-ratelimit-reset-tokens", "1h2m3.5s"), CLOCK);

      assertThat(limits.requests()).isEqualTo(new RateLimit(10_000L, 9_999L, NOW.plus(Duration.ofMinutes(6))));
      assertThat(limits.tokens()).isEqualTo(
          new RateLimit(30_000_000L, 29_999_000L, NOW.plus(Duration.ofSeconds(3723, 500_000_000))));
      assertThat(limits.inputTokens()).isEqualTo(RateLimit.UNKNOWN);
      assertThat(limits.outputTokens()).isEqualTo(RateLimit.UNKNOWN);
    }

    @ParameterizedTest(name = "{0} -> +{1} ms")
    @CsvSource({"1s, 1000", "20ms, 20", "6m0s, 360000", "1h2m3.5s, 3723500", "0s, 0"})
    void resetsAreGoDurationsFromNow(String reset, long millis) {
      RateLimits limits = ResponseHeaders.rateLimits(headers("x-ratelimit-reset-tokens", reset), CLOCK);

      assertThat(limits.tokens().reset()).isEqualTo(NOW.plusMillis(millis));
    }

    @Test
    void aFigureAloneIsKept() {
      RateLimits limits = ResponseHeaders.rateLimits(headers("x-ratelimit-remaining-tokens", "12"), CLOCK);

      assertThat(limits.tokens()).isEqualTo(new RateLimit(null, 12L, null));
      assertThat(limits.isEmpty()).isFalse();
    }
  }

  @Nested
  class AnthropicStyle {

    @Test
    void readsAllFourFamiliesWithRfc3339Resets() {
      RateLimits limits = ResponseHeaders.rateLimits(headers(
          "anthropic-ratelimit-requests-limit", "50",
          "anthropic-ratelimit-requests-remaining", "49",
          "anthropic-ratelimit-requests-reset", "2026-03-01T12:00:01Z",
          "anthropic-ratelimit-tokens-limit", "90000",
          "anthropic-ratelimit-tokens-remaining", "89000",
          "anthropic-ratelimit-tokens-reset", "2026-03-01T12:00:06Z",
          "anthropic-ratelimit-input-tokens-limit", "80000",
          "anthropic-ratelimit-input-tokens-remaining", "79500",
          "anthropic-ratelimit-input-tokens-reset", "2026-03-01T12:00:07Z",
          "anthropic-ratelimit-output-tokens-limit", "10000",
          "anthropic-ratelimit-output-tokens-remaining", "9500",
          "anthropic-ratelimit-output-tokens-reset", "2026-03-01T12:00:08Z"), CLOCK);

      assertThat(limits).isEqualTo(new RateLimits(
          new RateLimit(50L, 49L, Instant.parse("2026-03-01T12:00:01Z")),
          new RateLimit(90_000L, 89_000L, Instant.parse("2026-03-01T12:00:06Z")),
          new RateLimit(80_000L, 79_500L, Instant.parse("2026-03-01T12:00:07Z")),
          new RateLimit(10_000L, 9_500L, Instant.parse("2026-03-01T12:00:08Z"))));
    }

    @Test
    void aResetWithAnOffsetIsTheSameInstant() {
      RateLimits limits = ResponseHeaders.rateLimits(
          headers("anthropic-ratelimit-requests-reset", "2026-03-01T13:00:01+01:00"), CLOCK);

      assertThat(limits.requests().reset()).isEqualTo(Instant.parse("2026-03-01T12:00:01Z"));
    }
  }

  @Nested
  class Unreadable {

    @ParameterizedTest
    @ValueSource(strings = {"", "lots", "-1", "1.5", "99999999999999999999"})
    void aCountThatIsNotACountIsLeftOut(String value) {
      RateLimits limits = ResponseHeaders.rateLimits(headers(
          "x-ratelimit-limit-requests", value, "x-ratelimit-remaining-requests", "7"), CLOCK);

      assertThat(limits.requests()).isEqualTo(new RateLimit(null, 7L, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "6 minutes", "-1s", "2026-13-01T00:00:00Z", "1767225600"})
    void aResetThatIsNeitherADurationNorATimestampIsLeftOut(String value) {
      RateLimits limits = ResponseHeaders.rateLimits(headers("anthropic-ratelimit-tokens-reset", value), CLOCK);

      assertThat(limits).isEqualTo(RateLimits.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "None", "-0.01", "NaN", "1e2147483648"})
    void aCostThatIsNotAnAmountIsLeftOut(String value) {
      assertThat(ResponseHeaders.metadata(headers("x-litellm-response-cost", value), CLOCK).providerCost()).isNull();
    }

    @Test
    void aCostInScientificNotationIsExact() {
      // Python proxies print small floats this way.
      assertThat(ResponseHeaders.metadata(headers("x-litellm-response-cost", "1.2e-05"), CLOCK).providerCost())
          .isEqualTo(Cost.usd("0.000012"));
    }
  }
}
