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
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OpenAiWireTest extends WireTest {
  private static final String REQUEST = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi there\"}]}";
  private static final String STREAM_REQUEST = "{\"model\":\"gpt-4o\",\"stream\":true,"
      + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"Hi there\"}]}";

  private String url;

  @Override
  WireDialect dialect() {
    return WireDialects.openAi();
  }

  @BeforeAll
  void endpoint() {
    url = url("/chat/completions");
  }

  @Nested
  class NonStreamed {
    @Test
    void aTextReplyIsAChatCompletionWithUsageAndStop() {
      mock.reply(MockReply.text("Hello").withUsage(new Usage(20L, 5L, 8L, null, 2L)).withId("chatcmpl-abc"));

      HttpResponse<byte[]> response = post(url, REQUEST);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
      assertThat(response.headers().firstValue("x-request-id")).hasValueSatisfying(v -> assertThat(v).startsWith("req_"));
      JsonNode body = json(response);
      assertThat(body.path("id").asText()).isEqualTo("chatcmpl-abc");
      assertThat(body.path("object").asText()).isEqualTo("chat.completion");
      assertThat(body.path("model").asText()).isEqualTo("gpt-4o");
      JsonNode choice = body.at("/choices/0");
      assertThat(choice.at("/message/role").asText()).isEqualTo("assistant");
      assertThat(choice.at("/message/content").asText()).isEqualTo("Hello");
      assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
      JsonNode usage = body.path("usage");
      assertThat(usage.path("prompt_tokens").asLong()).isEqualTo(20);
      assertThat(usage.path("completion_tokens").asLong()).isEqualTo(5);
      assertThat(usage.path("total_tokens").asLong()).isEqualTo(25);
      assertThat(usage.at("/prompt_tokens_details/cached_tokens").asLong()).isEqualTo(8);
      assertThat(usage.at("/prompt_tokens_details/cache_write_tokens").isMissingNode()).isTrue();
      assertThat(usage.at("/completion_tokens_details/reasoning_tokens").asLong()).isEqualTo(2);
    }

    @Test
    void parallelToolCallsCarryIdsNamesAndArgumentStringsWithContentNull() {
      MockToolCall paris = MockToolCall.of("get_weather", "{\"city\":\"Paris\"}");
      MockToolCall rome = MockToolCall.of("get_weather", "{\"city\":\"Rome\"}");
      mock.reply(MockReply.toolCalls(paris, rome));

      JsonNode message = json(post(url, REQUEST)).at("/choices/0/message");

      assertThat(message.path("content").isNull()).isTrue();
      assertThat(message.path("tool_calls")).hasSize(2);
      assertThat(message.at("/tool_calls/0/id").asText()).isEqualTo(paris.openAiId()).startsWith("call_");
      assertThat(message.at("/tool_calls/0/type").asText()).isEqualTo("function");
      assertThat(message.at("/tool_calls/0/function/name").asText()).isEqualTo("get_weather");
      assertThat(message.at("/tool_calls/0/function/arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
      assertThat(message.at("/tool_calls/1/function/arguments").asText()).isEqualTo("{\"city\":\"Rome\"}");
    }

    @Test
    void theFinishReasonOfToolCallsIsToolCalls() {
      mock.reply(MockReply.toolCall("lookup", "{}"));

      assertThat(json(post(url, REQUEST)).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void aScriptedFinishReasonIsSpelledTheOpenAiWay() {
      mock.reply(MockReply.text("cut").withFinishReason(FinishReason.LENGTH),
          MockReply.toolCall("lookup", "{}").withRawFinishReason("stop"));

      assertThat(json(post(url, REQUEST)).at("/choices/0/finish_reason").asText()).isEqualTo("length");
      assertThat(json(post(url, REQUEST)).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void withoutScriptedUsageEveryCountIsEstimatedAndReported() {
      mock.reply(MockReply.text("Hello"));

      JsonNode usage = json(post(url, REQUEST)).path("usage");

      assertThat(usage.path("prompt_tokens").asLong()).isPositive();
      assertThat(usage.path("completion_tokens").asLong()).isPositive();
      assertThat(usage.at("/prompt_tokens_details/cached_tokens").isNumber()).isTrue();
      assertThat(usage.at("/completion_tokens_details/reasoning_tokens").isNumber()).isTrue();
    }

    @Test
    void aTruncatedReplyIsHalfAJsonBody() {
      mock.reply(MockReply.text("Hello").truncated());

      byte[] body = post(url, REQUEST).body();

      assertThat(new String(body, java.nio.charset.StandardCharsets.UTF_8)).startsWith("{\"id\"").doesNotEndWith("}");
    }
  }

  @Nested
  class Streamed {
    @Test
    void textIsSentAsChunksThenFinishThenUsageThenDone() {
      mock.reply(MockReply.text("Hello world").inChunks(3).withUsage(Usage.of(9, 4)));

      HttpResponse<byte[]> response = post(url, STREAM_REQUEST);

      assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
      List<SseEvent> events = events(response.body());
      assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
      List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(WireClient::data).toList();
      assertThat(chunks).allSatisfy(c -> assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk"));
      assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
      StringBuilder text = new StringBuilder();
      chunks.forEach(c -> text.append(c.at("/choices/0/delta/content").asText("")));
      assertThat(text).hasToString("Hello world");
      assertThat(chunks.stream().filter(c -> c.at("/choices/0/delta/content").asText("").length() > 0)).hasSize(3);
      JsonNode finish = chunks.get(chunks.size() - 2);
      assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
      assertThat(finish.path("usage").isNull()).isTrue();
      JsonNode usageChunk = chunks.get(chunks.size() - 1);
      assertThat(usageChunk.path("choices")).isEmpty();
      assertThat(usageChunk.at("/usage/prompt_tokens").asLong()).isEqualTo(9);
      assertThat(usageChunk.at("/usage/completion_tokens").asLong()).isEqualTo(4);
    }

    @Test
    void withoutIncludeUsageThereIsNoUsageChunk() {
      mock.reply(MockReply.text("Hello"));

      List<SseEvent> events = events(post(url, "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[]}").body());

      assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
      JsonNode last = data(events.get(events.size() - 2));
      assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
      assertThat(last.has("usage")).isFalse();
    }

    @Test
    void toolCallsStartWithIdAndNameThenArgumentFragmentsKeyedByIndex() {
      MockToolCall a = MockToolCall.of("get_weather", "{\"city\":\"Paris\"}");
      MockToolCall b = MockToolCall.of("get_time", "{\"zone\":\"CET\"}");
      mock.reply(MockReply.toolCalls(a, b).inChunks(4));

      List<SseEvent> events = events(post(url, STREAM_REQUEST).body());

      StringBuilder[] args = {new StringBuilder(), new StringBuilder()};
      String[] ids = new String[2];
      String[] names = new String[2];
      for (SseEvent e : events) {
        if (e.data().equals("[DONE]")) {
          continue;
        }
        for (JsonNode call : data(e).at("/choices/0/delta/tool_calls")) {
          int i = call.path("index").asInt();
          if (call.has("id")) {
            ids[i] = call.path("id").asText();
            names[i] = call.at("/function/name").asText();
          }
          args[i].append(call.at("/function/arguments").asText(""));
        }
      }
      assertThat(ids).containsExactly(a.openAiId(), b.openAiId());
      assertThat(names).containsExactly("get_weather", "get_time");
      assertThat(args[0]).hasToString("{\"city\":\"Paris\"}");
      assertThat(args[1]).hasToString("{\"zone\":\"CET\"}");
      JsonNode finish = data(events.get(events.size() - 3));
      assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void aTruncatedStreamHasNoFinishReasonAndNoDone() {
      mock.reply(MockReply.text("one two three four").inChunks(4).truncated());

      List<SseEvent> events = events(post(url, STREAM_REQUEST).body());

      assertThat(events).hasSize(3); // role chunk + 2 of 4 content chunks
      assertThat(events).noneSatisfy(e -> assertThat(e.data()).isEqualTo("[DONE]"));
      assertThat(events).allSatisfy(e -> assertThat(data(e).at("/choices/0/finish_reason").isNull()).isTrue());
    }

    @Test
    void aMidStreamErrorIsAChunkWithATopLevelErrorAndNothingAfterIt() {
      mock.reply(MockReply.text("one two three four").inChunks(4).midStreamError());

      List<SseEvent> events = events(post(url, STREAM_REQUEST).body());

      assertThat(events).hasSize(4);
      JsonNode error = data(events.get(3));
      assertThat(error.has("choices")).isFalse();
      assertThat(error.at("/error/type").asText()).isEqualTo("server_error");
      assertThat(error.at("/error/message").asText()).isNotEmpty();
    }

    @Test
    void aMidStreamErrorOnANonStreamedRequestIsAnHttpError() {
      mock.reply(MockReply.text("x").midStreamError("overloaded_error", "Overloaded"));

      HttpResponse<byte[]> response = post(url, REQUEST);

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(json(response).at("/error/type").asText()).isEqualTo("overloaded_error");
    }
  }

  @Nested
  class Errors {
    @Test
    void anAuthenticationErrorIsA401WithInvalidApiKey() {
      mock.reply(MockReply.authenticationError());

      HttpResponse<byte[]> response = post(url, STREAM_REQUEST);

      assertThat(response.statusCode()).isEqualTo(401);
      JsonNode error = json(response).path("error");
      assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
      assertThat(error.path("code").asText()).isEqualTo("invalid_api_key");
      assertThat(error.has("param")).isTrue();
      assertThat(error.path("message").asText()).doesNotContain("test-key");
    }

    @Test
    void aRateLimitCarriesRetryAfterAndRateLimitHeaders() {
      mock.reply(MockReply.rateLimited(java.time.Duration.ofSeconds(7)));

      HttpResponse<byte[]> response = post(url, REQUEST);

      assertThat(response.statusCode()).isEqualTo(429);
      assertThat(response.headers().firstValue("retry-after")).contains("7");
      assertThat(response.headers().firstValue("x-ratelimit-remaining-requests")).contains("0");
      assertThat(response.headers().firstValue("anthropic-ratelimit-requests-remaining")).isEmpty();
      assertThat(json(response).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
    }

    @Test
    void theContextWindowErrorUsesOpenAisCodeAndWording() {
      mock.reply(MockReply.contextWindowExceeded());

      HttpResponse<byte[]> response = post(url, REQUEST);

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(json(response).at("/error/code").asText()).isEqualTo("context_length_exceeded");
      assertThat(json(response).at("/error/message").asText()).contains("maximum context length");
    }

    @Test
    void aGenericErrorPutsTheTypeInTypeAndCode() {
      mock.reply(MockReply.error(529, "overloaded_error", "Overloaded").header("x-should-retry", "true"));

      HttpResponse<byte[]> response = post(url, REQUEST);

      assertThat(response.statusCode()).isEqualTo(529);
      assertThat(response.headers().firstValue("x-should-retry")).contains("true");
      assertThat(json(response).at("/error/type").asText()).isEqualTo("overloaded_error");
      assertThat(json(response).at("/error/code").asText()).isEqualTo("overloaded_error");
    }

    @Test
    void overloadedIsA503AndQuotaIsA429WithInsufficientQuota() {
      mock.reply(MockReply.overloaded(), MockReply.insufficientQuota(), MockReply.serverError(), MockReply.modelNotFound());

      assertThat(post(url, REQUEST).statusCode()).isEqualTo(503);
      HttpResponse<byte[]> quota = post(url, REQUEST);
      assertThat(quota.statusCode()).isEqualTo(429);
      assertThat(json(quota).at("/error/code").asText()).isEqualTo("insufficient_quota");
      assertThat(post(url, REQUEST).statusCode()).isEqualTo(500);
      HttpResponse<byte[]> missing = post(url, REQUEST);
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(json(missing).at("/error/code").asText()).isEqualTo("model_not_found");
    }
  }
}
