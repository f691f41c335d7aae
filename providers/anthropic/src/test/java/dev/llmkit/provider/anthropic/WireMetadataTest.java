package dev.llmkit.provider.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.Cost;
import dev.llmkit.api.RateLimit;
import dev.llmkit.api.RateLimits;
import dev.llmkit.api.ResponseMetadata;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderRequest;
import dev.llmkit.spi.ProviderResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a successful answer's headers say besides the answer, on every way of calling. */
class WireMetadataTest {
  @RegisterExtension
  static final StubServer server = new StubServer();

  static final String REQUEST_ID = "req_011CSHoEeqs5C35K2UUqR7Fy";

  /** Anthropic's headers, values as its API sends them: all four limit families, RFC 3339 resets. */
  static ResponseDefinitionBuilder withAnthropicHeaders(ResponseDefinitionBuilder r) {
    return r.withHeader("request-id", REQUEST_ID)
        .withHeader("anthropic-organization-id", "2f4c0e1a-0000-4000-8000-000000000000")
        .withHeader("anthropic-ratelimit-requests-limit", "4000")
        .withHeader("anthropic-ratelimit-requests-remaining", "3999")
        .withHeader("anthropic-ratelimit-requests-reset", "2026-03-01T12:00:01Z")
        .withHeader("anthropic-ratelimit-tokens-limit", "2400000")
        .withHeader("anthropic-ratelimit-tokens-remaining", "2399000")
        .withHeader("anthropic-ratelimit-tokens-reset", "2026-03-01T12:00:02Z")
        .withHeader("anthropic-ratelimit-input-tokens-limit", "2000000")
        .withHeader("anthropic-ratelimit-input-tokens-remaining", "1999000")
        .withHeader("anthropic-ratelimit-input-tokens-reset", "2026-03-01T12:00:03Z")
        .withHeader("anthropic-ratelimit-output-tokens-limit", "400000")
        .withHeader("anthropic-ratelimit-output-tokens-remaining", "399990")
        .withHeader("anthropic-ratelimit-output-tokens-reset", "2026-03-01T12:00:04Z");
  }

  static final RateLimits ANTHROPIC_LIMITS = new RateLimits(
      new RateLimit(4_000L, 3_999L, Instant.parse("2026-03-01T12:00:01Z")),
      new RateLimit(2_400_000L, 2_399_000L, Instant.parse("2026-03-01T12:00:02Z")),
      new RateLimit(2_000_000L, 1_999_000L, Instant.parse("2026-03-01T12:00:03Z")),
      new RateLimit(400_000L, 399_990L, Instant.parse("2026-03-01T12:00:04Z")));
  static final ResponseMetadata ANTHROPIC_METADATA = ResponseMetadata.of(REQUEST_ID, ANTHROPIC_LIMITS, null, null);

  static ResponseDefinitionBuilder json(String body) {
    return aResponse().withStatus(200).withHeader("content-type", "application/json").withBody(body);
  }

  static ResponseDefinitionBuilder eventStream(String body) {
    return aResponse().withStatus(200).withHeader("content-type", "text/event-stream; charset=utf-8").withBody(body);
  }

  static ProviderRequest hi() {
    return Fixtures.request("claude-sonnet-4-5", ChatRequest.builder().user("Hi").build());
  }

  static ChatProvider provider() {
    return Fixtures.provider(server.baseUrl());
  }

  static ChatResponse streamed() {
    EventCollector c = EventCollector.drain(provider().stream(hi()));
    assertThat(c.error()).isNull();
    return c.last().response();
  }

  /**
   * Calls Anthropic as {@code how} says ({@code complete}, {@code completeAsync} or {@code stream}),
   * answered with a short text as JSON or as an event stream, plus whatever {@code reply} adds (headers).
   */
  static ChatResponse call(String how, UnaryOperator<ResponseDefinitionBuilder> reply) throws Exception {
    switch (how) {
      case "complete":
        server.answer(StubServer.MESSAGES, reply.apply(json(Fixtures.read("message-text.json"))));
        return provider().complete(hi());
      case "completeAsync":
        server.answer(StubServer.MESSAGES, reply.apply(json(Fixtures.read("message-text.json"))));
        return provider().completeAsync(hi()).get(10, TimeUnit.SECONDS);
      default:
        server.answer(StubServer.MESSAGES, reply.apply(eventStream(Fixtures.read("stream-text.sse"))));
        return streamed();
    }
  }

  @Nested
  class RequestIdAndRateLimits {
    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"complete", "completeAsync", "stream"})
    void areRead(String how) throws Exception {
      // The whole metadata: also no retry hint (none was sent) and no provider cost.
      ChatResponse r = call(how, WireMetadataTest::withAnthropicHeaders);

      assertThat(r.metadata()).isEqualTo(ANTHROPIC_METADATA);
      assertThat(r.text()).isNotEmpty();
    }

    @Test
    void onRespondAsTheEngineCallsIt() throws Exception {
      server.answer(StubServer.MESSAGES, withAnthropicHeaders(json(Fixtures.read("message-text.json"))));

      ProviderResponse r = provider().respond(hi());
      ProviderResponse async = provider().respondAsync(hi()).get(10, TimeUnit.SECONDS);

      assertThat(r.metadata()).isEqualTo(ANTHROPIC_METADATA);
      assertThat(async).isEqualTo(r);
      assertThat(r.rawFinishReason()).isEqualTo("end_turn");
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"complete", "completeAsync", "stream"})
    void noHeadersMeanNoMetadata(String how) throws Exception {
      assertThat(call(how, r -> r).metadata()).isEqualTo(ResponseMetadata.NONE);
    }
  }

  @Nested
  class RetryAfter {
    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"complete", "completeAsync", "stream"})
    void aHintOnASuccessIsKept(String how) throws Exception {
      assertThat(call(how, r -> r.withHeader("retry-after", "4")).metadata().retryAfter())
          .isEqualTo(Duration.ofSeconds(4));
    }
  }

  @Nested
  class ProviderCost {
    // Anthropic's body reports no cost; a LiteLLM proxy in front of it reports what it charged.
    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"complete", "completeAsync", "stream"})
    void aLiteLlmProxysHeaderCost(String how) throws Exception {
      assertThat(call(how, r -> r.withHeader("x-litellm-response-cost", "4.5e-05")).metadata().providerCost())
          .isEqualTo(Cost.usd("0.000045"));
    }
  }
}
