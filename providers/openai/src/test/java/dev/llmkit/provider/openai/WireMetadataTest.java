package dev.llmkit.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.llmkit.provider.openai.Fixtures.HI;
import static dev.llmkit.provider.openai.Fixtures.NOW;
import static dev.llmkit.provider.openai.Fixtures.collect;
import static dev.llmkit.provider.openai.Fixtures.providerAtNow;
import static dev.llmkit.provider.openai.Fixtures.request;
import static dev.llmkit.provider.openai.Fixtures.sse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.Cost;
import dev.llmkit.api.RateLimit;
import dev.llmkit.api.RateLimits;
import dev.llmkit.api.ResponseMetadata;
import dev.llmkit.spi.ChatProvider;
import dev.llmkit.spi.ProviderFactory;
import dev.llmkit.spi.ProviderRequest;
import dev.llmkit.spi.ProviderResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a successful answer's headers and body say besides the answer, on every way of calling. */
class WireMetadataTest {
  @RegisterExtension
  static final StubServer server = new StubServer();

  static final OpenAiProviderFactory OPENAI = new OpenAiProviderFactory();
  static final OpenRouterProviderFactory OPENROUTER = new OpenRouterProviderFactory();

  /** OpenAI's headers on a 200, values as its API sends them. */
  static ResponseDefinitionBuilder withOpenAiHeaders(ResponseDefinitionBuilder r) {
    return r.withHeader("x-request-id", "req_8f3e2c1d9b7a4e6f")
        .withHeader("openai-processing-ms", "412")
        .withHeader("x-ratelimit-limit-requests", "10000")
        .withHeader("x-ratelimit-limit-tokens", "30000000")
        .withHeader("x-ratelimit-remaining-requests", "9999")
        .withHeader("x-ratelimit-remaining-tokens", "29999985")
        .withHeader("x-ratelimit-reset-requests", "6ms")
        .withHeader("x-ratelimit-reset-tokens", "1m2.5s");
  }

  static final RateLimits OPENAI_LIMITS = new RateLimits(
      new RateLimit(10_000L, 9_999L, NOW.plusMillis(6)),
      new RateLimit(30_000_000L, 29_999_985L, NOW.plusMillis(62_500)),
      RateLimit.UNKNOWN,
      RateLimit.UNKNOWN);
  static final ResponseMetadata OPENAI_METADATA = ResponseMetadata.of("req_8f3e2c1d9b7a4e6f", OPENAI_LIMITS, null, null);

  static ResponseDefinitionBuilder json(String body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body);
  }

  static ResponseDefinitionBuilder eventStream(String body) {
    return aResponse().withHeader("Content-Type", "text/event-stream").withBody(body);
  }

  static ChatProvider openAi() {
    return providerAtNow(OPENAI, server);
  }

  static ChatResponse completed(ProviderFactory factory, String model) {
    return collect(providerAtNow(factory, server).stream(request(factory, model, HI))).completedEvent().response();
  }

  /**
   * Calls OpenAI as {@code how} says ({@code complete}, {@code completeAsync} or {@code stream}), answered
   * with a plain "ok" as JSON or as an event stream, plus whatever {@code reply} adds (headers).
   */
  static ChatResponse call(String how, UnaryOperator<ResponseDefinitionBuilder> reply) throws Exception {
    ProviderRequest hi = request(OPENAI, "gpt-4o", HI);
    switch (how) {
      case "complete":
        server.answer(reply.apply(json(RequestMappingTest.OK)));
        return openAi().complete(hi);
      case "completeAsync":
        server.answer(reply.apply(json(RequestMappingTest.OK)));
        return openAi().completeAsync(hi).get(10, TimeUnit.SECONDS);
      default:
        server.answer(reply.apply(eventStream(RequestMappingTest.STREAM_OK)));
        return completed(OPENAI, "gpt-4o");
    }
  }

  @Nested
  class RequestIdAndRateLimits {
    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"complete", "completeAsync", "stream"})
    void areRead(String how) throws Exception {
      // The whole metadata: also no retry hint (none was sent) and no provider cost.
      ChatResponse r = call(how, WireMetadataTest::withOpenAiHeaders);

      assertThat(r.metadata()).isEqualTo(OPENAI_METADATA);
      assertThat(r.text()).isEqualTo("ok");
    }

    @Test
    void onRespondAsTheEngineCallsIt() throws Exception {
      server.answer(withOpenAiHeaders(json(RequestMappingTest.OK)));

      ProviderResponse r = openAi().respond(request(OPENAI, "gpt-4o", HI));
      ProviderResponse async = openAi().respondAsync(request(OPENAI, "gpt-4o", HI)).get(10, TimeUnit.SECONDS);

      assertThat(r.metadata()).isEqualTo(OPENAI_METADATA);
      assertThat(async).isEqualTo(r);
      assertThat(r.model()).isEqualTo("gpt-4o-2024-08-06");
      assertThat(r.rawFinishReason()).isEqualTo("stop");
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
      assertThat(call(how, r -> r.withHeader("retry-after-ms", "1500")).metadata().retryAfter())
          .isEqualTo(Duration.ofMillis(1500));
    }
  }

  @Nested
  class ProviderCost {
    // More digits than a double holds: the cost must come from the JSON text, not a binary float.
    static final String EXACT = "0.000123456789012345678";

    static final String OPENROUTER_BODY = """
        {"id":"gen-1760000000-abc","provider":"OpenAI","model":"openai/gpt-4o","object":"chat.completion","created":1767225600,
         "choices":[{"index":0,"finish_reason":"stop","native_finish_reason":"stop",
           "message":{"role":"assistant","content":"ok","refusal":null,"reasoning":null}}],
         "usage":{"prompt_tokens":8,"completion_tokens":1,"total_tokens":9,"cost":%s,"is_byok":false,
           "prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}}
        """.formatted(EXACT);

    static final String OPENROUTER_STREAM = sse(
        "{\"id\":\"gen-1\",\"provider\":\"OpenAI\",\"model\":\"openai/gpt-4o\",\"object\":\"chat.completion.chunk\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":null}]}",
        "{\"id\":\"gen-1\",\"provider\":\"OpenAI\",\"model\":\"openai/gpt-4o\",\"object\":\"chat.completion.chunk\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"stop\"}]}",
        "{\"id\":\"gen-1\",\"provider\":\"OpenAI\",\"model\":\"openai/gpt-4o\",\"object\":\"chat.completion.chunk\","
            + "\"choices\":[],\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":1,\"total_tokens\":9,\"cost\":" + EXACT + "}}",
        "[DONE]");

    @Test
    void openRoutersUsageCostOnComplete() {
      server.answer(json(OPENROUTER_BODY));

      ChatResponse r = providerAtNow(OPENROUTER, server).complete(request(OPENROUTER, "openai/gpt-4o", HI));

      assertThat(r.metadata().providerCost()).isEqualTo(Cost.usd(EXACT));
      assertThat(r.cost()).as("the engine's own price stays the engine's").isNull();
    }

    @Test
    void openRoutersUsageCostOnCompleteAsync() throws Exception {
      server.answer(json(OPENROUTER_BODY));

      ChatResponse r = providerAtNow(OPENROUTER, server).completeAsync(request(OPENROUTER, "openai/gpt-4o", HI))
          .get(10, TimeUnit.SECONDS);

      assertThat(r.metadata().providerCost()).isEqualTo(Cost.usd(EXACT));
    }

    @Test
    void openRoutersUsageCostOnStream() {
      server.answer(eventStream(OPENROUTER_STREAM));

      assertThat(completed(OPENROUTER, "openai/gpt-4o").metadata().providerCost()).isEqualTo(Cost.usd(EXACT));
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"complete", "completeAsync", "stream"})
    void aLiteLlmProxysHeaderCost(String how) throws Exception {
      // Python proxies print small floats in scientific notation.
      assertThat(call(how, r -> r.withHeader("x-litellm-response-cost", "1.2e-05")).metadata().providerCost())
          .isEqualTo(Cost.usd("0.000012"));
    }

    @Test
    void theBodysCostWinsOverAHeaderCost() {
      server.answer(json(OPENROUTER_BODY).withHeader("x-litellm-response-cost", "9"));

      assertThat(providerAtNow(OPENROUTER, server).complete(request(OPENROUTER, "openai/gpt-4o", HI))
          .metadata().providerCost()).isEqualTo(Cost.usd(EXACT));
    }

    @Test
    void aNegativeCostIsNoCost() {
      server.answer(json(OPENROUTER_BODY.replace(EXACT, "-1")));

      assertThat(providerAtNow(OPENROUTER, server).complete(request(OPENROUTER, "openai/gpt-4o", HI))
          .metadata().providerCost()).isNull();
    }
  }
}
