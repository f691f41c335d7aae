package dev.llmkit.testkit.mock;

import static dev.llmkit.testkit.mock.WireClient.data;
import static dev.llmkit.testkit.mock.WireClient.events;
import static dev.llmkit.testkit.mock.WireClient.json;
import static dev.llmkit.testkit.mock.WireClient.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.Usage;
import dev.llmkit.spi.support.SseEvent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AnthropicWireTest extends WireTest {
  private static final String REQUEST = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi there\"}]}";
  private static final String STREAM_REQUEST = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"stream\":true,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi there\"}]}";

  private String url;

  @Override
  WireDialect dialect() {
    return WireDialects.anthropic();
  }

  @BeforeAll
  void endpoint() {
    url = url("/v1/messages");
  }

  @Nested
  class NonStreamed {
    @Test
    void aTextReplyIsAMessageWithEndTurnAndUsageExcludingCacheFromInputTokens() {
      mock.reply(MockReply.text("Hello").withUsage(new Usage(100L, 20L, 60L, 30L, 5L)).withId("msg_01abc"));

      HttpResponse<byte[]> response = post(url, REQUEST);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("request-id")).hasValueSatisfying(v -> assertThat(v).startsWith("req_"));
      JsonNode body = json(response);
      assertThat(body.path("id").asText()).isEqualTo("msg_01abc");
      assertThat(body.path("type").asText()).isEqualTo("message");
      assertThat(body.path("role").asText()).isEqualTo("assistant");
      assertThat(body.path("model").asText()).isEqualTo("claude-sonnet-4-5");
      assertThat(body.at("/content/0/type").asText()).isEqualTo("text");
      assertThat(body.at("/content/0/text").asText()).isEqualTo("Hello");
      assertThat(body.path("stop_reason").asText()).isEqualTo("end_turn");
      assertThat(body.path("stop_sequence").isNull()).isTrue();
      JsonNode usage = body.path("usage");
      assertThat(usage.path("input_tokens").asLong()).isEqualTo(10);
      assertThat(usage.path("cache_read_input_tokens").asLong()).isEqualTo(60);
      assertThat(usage.path("cache_creation_input_tokens").asLong()).isEqualTo(30);
      assertThat(usage.path("output_tokens").asLong()).isEqualTo(20);
      assertThat(usage.at("/output_tokens_details/thinking_tokens").asLong()).isEqualTo(5);
    }

    @Test
    void reasoningTextAndToolCallsAreThinkingTextAndToolUseBlocks() {
      MockToolCall call = MockToolCall.of("lookup", "{\"sku\":\"B-2\"}");
      mock.reply(MockReply.toolCalls(call).withText("Checking.").withReasoning("Need stock for B-2.", "EqQBsig"));

      JsonNode body = json(post(url, REQUEST));

      JsonNode content = body.path("content");
      assertThat(content).hasSize(3);
      assertThat(content.at("/0/type").asText()).isEqualTo("thinking");
      assertThat(content.at("/0/thinking").asText()).isEqualTo("Need stock for B-2.");
      assertThat(content.at("/0/signature").asText()).isEqualTo("EqQBsig");
      assertThat(content.at("/1/text").asText()).isEqualTo("Checking.");
      assertThat(content.at("/2/type").asText()).isEqualTo("tool_use");
      assertThat(content.at("/2/id").asText()).isEqualTo(call.anthropicId()).startsWith("toolu_");
      assertThat(content.at("/2/name").asText()).isEqualTo("lookup");
      assertThat(content.at("/2/input/sku").asText()).isEqualTo("B-2");
      assertThat(body.path("stop_reason").asText()).isEqualTo("tool_use");
    }

    @Test
    void finishReasonsAreSpelledTheAnthropicWay() {
      mock.reply(MockReply.text("a").withFinishReason(FinishReason.LENGTH),
          MockReply.text("b").withFinishReason(FinishReason.CONTENT_FILTER));

      assertThat(json(post(url, REQUEST)).path("stop_reason").asText()).isEqualTo("max_tokens");
      assertThat(json(post(url, REQUEST)).path("stop_reason").asText()).isEqualTo("refusal");
    }

    @Test
    void countTokensAnswersAnEstimateWithoutTakingAScriptedReply() {
      mock.reply(MockReply.text("kept"));

      HttpResponse<byte[]> response = post(url + "/count_tokens", REQUEST);

      assertThat(json(response).path("input_tokens").asLong()).isPositive();
      assertThat(mock.pendingReplies()).isEqualTo(1);
      assertThat(mock.lastRequest().isTokenCount()).isTrue();
    }
  }

  @Nested
  class Streamed {
    @Test
    void eventsFollowTheMessageLifecycleWithThinkingSignatureTextAndToolInput() {
      MockToolCall call = MockToolCall.of("get_weather", "{\"city\":\"Paris\"}");
      mock.reply(MockReply.toolCalls(call).withText("Let me check.").withReasoning("The user wants weather.", "sig-1")
          .inChunks(2).withUsage(new Usage(50L, 30L, 10L, 0L, 12L)));

      HttpResponse<byte[]> response = post(url, STREAM_REQUEST);

      assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
      List<SseEvent> events = events(response.body());
      assertThat(events).allSatisfy(e -> assertThat(data(e).path("type").asText()).isEqualTo(e.event()));
      assertThat(events.stream().map(SseEvent::event).toList()).containsExactly(
          "message_start", "ping",
          "content_block_start", "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop",
          "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
          "content_block_start", "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop",
          "message_delta", "message_stop");
      JsonNode start = data(events.get(0)).path("message");
      assertThat(start.path("content")).isEmpty();
      assertThat(start.path("stop_reason").isNull()).isTrue();
      assertThat(start.at("/usage/input_tokens").asLong()).isEqualTo(40);
      assertThat(start.at("/usage/cache_read_input_tokens").asLong()).isEqualTo(10);

      assertThat(data(events.get(2)).at("/content_block/type").asText()).isEqualTo("thinking");
      assertThat(deltas(events, 0, "thinking")).isEqualTo("The user wants weather.");
      assertThat(data(events.get(5)).at("/delta/type").asText()).isEqualTo("signature_delta");
      assertThat(data(events.get(5)).at("/delta/signature").asText()).isEqualTo("sig-1");
      assertThat(deltas(events, 1, "text")).isEqualTo("Let me check.");
      JsonNode toolStart = data(events.get(11)).path("content_block");
      assertThat(toolStart.path("type").asText()).isEqualTo("tool_use");
      assertThat(toolStart.path("id").asText()).isEqualTo(call.anthropicId());
      assertThat(toolStart.path("name").asText()).isEqualTo("get_weather");
      assertThat(deltas(events, 2, "partial_json")).isEqualTo("{\"city\":\"Paris\"}");
      assertThat(data(events.get(12)).at("/delta/partial_json").asText()).isEmpty();

      JsonNode messageDelta = data(events.get(16));
      assertThat(messageDelta.at("/delta/stop_reason").asText()).isEqualTo("tool_use");
      assertThat(messageDelta.at("/usage/output_tokens").asLong()).isEqualTo(30);
    }

    @Test
    void aTruncatedStreamHasNoMessageDeltaAndNoMessageStop() {
      mock.reply(MockReply.text("one two three four").inChunks(4).truncated());

      List<SseEvent> events = events(post(url, STREAM_REQUEST).body());

      assertThat(events.stream().map(SseEvent::event).toList())
          .doesNotContain("message_delta", "message_stop")
          .startsWith("message_start", "ping", "content_block_start");
    }

    @Test
    void aMidStreamErrorIsAnErrorEventWithOverloadedErrorAndNothingAfterIt() {
      mock.reply(MockReply.text("one two three four").inChunks(4).midStreamError());

      List<SseEvent> events = events(post(url, STREAM_REQUEST).body());

      SseEvent last = events.get(events.size() - 1);
      assertThat(last.event()).isEqualTo("error");
      assertThat(data(last).at("/error/type").asText()).isEqualTo("overloaded_error");
      assertThat(events.stream().map(SseEvent::event)).doesNotContain("message_stop");
      assertThat(deltas(events, 0, "text")).isNotEmpty().isNotEqualTo("one two three four");
    }

    @Test
    void anErrorStreamRequestGetsAJsonErrorNotSse() {
      mock.reply(MockReply.overloaded());

      HttpResponse<byte[]> response = post(url, STREAM_REQUEST);

      assertThat(response.statusCode()).isEqualTo(529);
      assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
      JsonNode body = json(response);
      assertThat(body.path("type").asText()).isEqualTo("error");
      assertThat(body.at("/error/type").asText()).isEqualTo("overloaded_error");
      assertThat(body.path("request_id").asText()).startsWith("req_");
    }
  }

  @Nested
  class Errors {
    @Test
    void eachNamedErrorHasAnthropicsStatusAndType() {
      mock.reply(MockReply.authenticationError(), MockReply.rateLimited(Duration.ofSeconds(7)),
          MockReply.insufficientQuota(), MockReply.contextWindowExceeded(), MockReply.serverError(),
          MockReply.modelNotFound());

      assertError(post(url, REQUEST), 401, "authentication_error");
      HttpResponse<byte[]> limited = post(url, REQUEST);
      assertError(limited, 429, "rate_limit_error");
      assertThat(limited.headers().firstValue("retry-after")).contains("7");
      assertThat(limited.headers().firstValue("anthropic-ratelimit-requests-remaining")).contains("0");
      assertError(post(url, REQUEST), 402, "billing_error");
      HttpResponse<byte[]> tooLong = post(url, REQUEST);
      assertError(tooLong, 400, "invalid_request_error");
      assertThat(json(tooLong).at("/error/message").asText()).startsWith("prompt is too long");
      assertError(post(url, REQUEST), 500, "api_error");
      assertError(post(url, REQUEST), 404, "not_found_error");
    }

    private void assertError(HttpResponse<byte[]> response, int status, String type) {
      assertThat(response.statusCode()).isEqualTo(status);
      assertThat(json(response).path("type").asText()).isEqualTo("error");
      assertThat(json(response).at("/error/type").asText()).isEqualTo(type);
    }
  }

  /** The concatenated {@code field} of the deltas of content block {@code index}. */
  private static String deltas(List<SseEvent> events, int index, String field) {
    StringBuilder sb = new StringBuilder();
    events.stream()
        .filter(e -> Objects.equals(e.event(), "content_block_delta"))
        .map(WireClient::data)
        .filter(d -> d.path("index").asInt() == index)
        .forEach(d -> sb.append(d.at("/delta/" + field).asText("")));
    return sb.toString();
  }
}
