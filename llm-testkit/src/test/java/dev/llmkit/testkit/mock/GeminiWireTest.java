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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GeminiWireTest extends WireTest {
  private static final String REQUEST = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi there\"}]}]}";

  private String generate;
  private String stream;

  @Override
  WireDialect dialect() {
    return WireDialects.gemini();
  }

  @BeforeAll
  void endpoints() {
    generate = url("/models/gemini-2.5-flash:generateContent");
    stream = url("/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
  }

  private static HttpResponse<byte[]> call(String url, String body) {
    return post(url, body, "x-goog-api-key", "test-key");
  }

  @Nested
  class NonStreamed {
    @Test
    void aTextReplyIsACandidateWithStopAndUsageWhoseCandidatesExcludeThoughts() {
      mock.reply(MockReply.text("Hello").withUsage(new Usage(100L, 30L, 60L, null, 12L)).withId("resp-1"));

      HttpResponse<byte[]> response = call(generate, REQUEST);

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode body = json(response);
      JsonNode candidate = body.at("/candidates/0");
      assertThat(candidate.at("/content/role").asText()).isEqualTo("model");
      assertThat(candidate.at("/content/parts/0/text").asText()).isEqualTo("Hello");
      assertThat(candidate.path("finishReason").asText()).isEqualTo("STOP");
      assertThat(body.path("responseId").asText()).isEqualTo("resp-1");
      assertThat(body.path("modelVersion").asText()).isEqualTo("gemini-2.5-flash");
      JsonNode usage = body.path("usageMetadata");
      assertThat(usage.path("promptTokenCount").asLong()).isEqualTo(100);
      assertThat(usage.path("cachedContentTokenCount").asLong()).isEqualTo(60);
      assertThat(usage.path("candidatesTokenCount").asLong()).isEqualTo(18);
      assertThat(usage.path("thoughtsTokenCount").asLong()).isEqualTo(12);
      assertThat(usage.path("totalTokenCount").asLong()).isEqualTo(130);
    }

    @Test
    void aToolCallIsAFunctionCallPartWithObjectArgsNoIdAndStopAfterASignedThought() {
      MockToolCall lookup = MockToolCall.of("lookup", "{\"sku\":\"A-17\"}");
      mock.reply(MockReply.toolCalls(lookup).withReasoning("Need the stock.", "CiQBsig"));

      JsonNode body = json(call(generate, REQUEST));

      JsonNode parts = body.at("/candidates/0/content/parts");
      assertThat(parts).hasSize(2);
      assertThat(parts.at("/0/thought").asBoolean()).isTrue();
      assertThat(parts.at("/0/text").asText()).isEqualTo("Need the stock.");
      assertThat(parts.at("/0/thoughtSignature").asText()).isEqualTo("CiQBsig");
      assertThat(parts.at("/1/functionCall/name").asText()).isEqualTo("lookup");
      assertThat(parts.at("/1/functionCall/args/sku").asText()).isEqualTo("A-17");
      assertThat(parts.at("/1/functionCall").has("id")).isFalse();
      assertThat(body.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
      assertThat(WireDialects.gemini().toolCallId(lookup)).isEmpty();
    }

    @Test
    void finishReasonsAreSpelledTheGeminiWay() {
      mock.reply(MockReply.text("a").withFinishReason(FinishReason.LENGTH),
          MockReply.text("b").withFinishReason(FinishReason.CONTENT_FILTER));

      assertThat(json(call(generate, REQUEST)).at("/candidates/0/finishReason").asText()).isEqualTo("MAX_TOKENS");
      assertThat(json(call(generate, REQUEST)).at("/candidates/0/finishReason").asText()).isEqualTo("SAFETY");
    }

    @Test
    void countTokensAnswersTotalTokensWithoutTakingAScriptedReply() {
      mock.reply(MockReply.text("kept"));

      JsonNode body = json(call(generate.replace(":generateContent", ":countTokens"), REQUEST));

      assertThat(body.path("totalTokens").asLong()).isPositive();
      assertThat(mock.pendingReplies()).isEqualTo(1);
      assertThat(mock.lastRequest().isTokenCount()).isTrue();
      assertThat(mock.lastRequest().model()).isEqualTo("gemini-2.5-flash");
    }
  }

  @Nested
  class Streamed {
    @Test
    void chunksAreCrlfSseWithTheFinishReasonAndFullUsageOnTheLast() {
      mock.reply(MockReply.text("Hello brave new world").inChunks(3).withUsage(Usage.of(9, 4)));

      HttpResponse<byte[]> response = call(stream, REQUEST);

      assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
      assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\r\n\r\n").doesNotContain("[DONE]");
      List<JsonNode> chunks = events(response.body()).stream().map(WireClient::data).toList();
      assertThat(chunks).hasSize(4);
      StringBuilder text = new StringBuilder();
      chunks.forEach(c -> text.append(c.at("/candidates/0/content/parts/0/text").asText("")));
      assertThat(text).hasToString("Hello brave new world");
      assertThat(chunks.subList(0, 3)).allSatisfy(c -> {
        assertThat(c.at("/candidates/0").has("finishReason")).isFalse();
        assertThat(c.at("/usageMetadata/candidatesTokenCount").isMissingNode()).isTrue();
      });
      JsonNode last = chunks.get(3);
      assertThat(last.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
      assertThat(last.at("/usageMetadata/promptTokenCount").asLong()).isEqualTo(9);
      assertThat(last.at("/usageMetadata/candidatesTokenCount").asLong()).isEqualTo(4);
    }

    @Test
    void toolCallsArriveWholeOnePartAChunk() {
      MockToolCall a = MockToolCall.of("get_weather", "{\"city\":\"Paris\"}");
      MockToolCall b = MockToolCall.of("get_time", "{\"zone\":\"CET\"}");
      mock.reply(MockReply.toolCalls(a, b).inChunks(4));

      List<SseEvent> events = events(call(stream, REQUEST).body());

      assertThat(events).hasSize(3);
      assertThat(data(events.get(0)).at("/candidates/0/content/parts/0/functionCall/args/city").asText()).isEqualTo("Paris");
      assertThat(data(events.get(1)).at("/candidates/0/content/parts/0/functionCall/name").asText()).isEqualTo("get_time");
      assertThat(data(events.get(2)).at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
    }

    @Test
    void aTruncatedStreamHasNoFinishReason() {
      mock.reply(MockReply.text("one two three four").inChunks(4).truncated());

      List<SseEvent> events = events(call(stream, REQUEST).body());

      assertThat(events).hasSize(2);
      assertThat(events).noneSatisfy(e -> assertThat(data(e).at("/candidates/0").has("finishReason")).isTrue());
    }

    @Test
    void aMidStreamErrorIsAnErrorObjectAndNothingAfterIt() {
      mock.reply(MockReply.text("one two three four").inChunks(4).midStreamError());

      List<SseEvent> events = events(call(stream, REQUEST).body());

      assertThat(events).hasSize(3);
      JsonNode error = data(events.get(2)).path("error");
      assertThat(error.path("code").asInt()).isEqualTo(503);
      assertThat(error.path("status").asText()).isEqualTo("UNAVAILABLE");
    }
  }

  @Nested
  class Errors {
    @Test
    void aRateLimitIsResourceExhaustedWithTheWaitInRetryInfo() {
      mock.reply(MockReply.rateLimited(Duration.ofMillis(6200)));

      HttpResponse<byte[]> response = call(generate, REQUEST);

      assertThat(response.statusCode()).isEqualTo(429);
      assertThat(response.headers().firstValue("retry-after")).isEmpty();
      JsonNode error = json(response).path("error");
      assertThat(error.path("code").asInt()).isEqualTo(429);
      assertThat(error.path("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
      assertThat(error.path("details")).anySatisfy(d -> {
        assertThat(d.path("@type").asText()).endsWith("google.rpc.RetryInfo");
        assertThat(d.path("retryDelay").asText()).isEqualTo("7s");
      });
    }

    @Test
    void aWrongKeyIs400ApiKeyInvalidAndTheContextWindowHasGeminisWording() {
      mock.reply(MockReply.authenticationError(), MockReply.contextWindowExceeded(), MockReply.insufficientQuota());

      HttpResponse<byte[]> auth = call(generate, REQUEST);
      assertThat(auth.statusCode()).isEqualTo(400);
      assertThat(json(auth).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
      assertThat(json(auth).at("/error/details/0/reason").asText()).isEqualTo("API_KEY_INVALID");
      HttpResponse<byte[]> window = call(generate, REQUEST);
      assertThat(window.statusCode()).isEqualTo(400);
      assertThat(json(window).at("/error/message").asText()).contains("input token count").contains("exceeds the maximum");
      JsonNode quota = json(call(generate, REQUEST)).path("error");
      assertThat(quota.path("details")).noneSatisfy(d -> assertThat(d.path("@type").asText()).endsWith("RetryInfo"));
    }

    @Test
    void aGenericErrorUsesItsTypeAsTheStatus() {
      mock.reply(MockReply.error(529, "overloaded_error", "Overloaded"));

      HttpResponse<byte[]> response = call(generate, REQUEST);

      assertThat(response.statusCode()).isEqualTo(529);
      assertThat(json(response).at("/error/status").asText()).isEqualTo("overloaded_error");
      assertThat(json(response).at("/error/message").asText()).isEqualTo("Overloaded");
    }
  }

  @Nested
  class ReadBack {
    @Test
    void aRequestIsReadBackWithModelStreamSystemTurnsImagesCallsResultsToolsAndKey() {
      call(stream, "{\"systemInstruction\":{\"parts\":[{\"text\":\"Answer tersely.\"}]},\"contents\":["
          + "{\"role\":\"user\",\"parts\":[{\"text\":\"What is this?\"},"
          + "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"iVBORw0KGgo\"}}]},"
          + "{\"role\":\"model\",\"parts\":[{\"text\":\"Thinking\",\"thought\":true},"
          + "{\"functionCall\":{\"name\":\"lookup\",\"args\":{\"sku\":\"A-17\"}}}]},"
          + "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"lookup\",\"response\":{\"result\":\"4 left\"}}}]}],"
          + "\"tools\":[{\"functionDeclarations\":[{\"name\":\"lookup\",\"parameters\":{\"type\":\"OBJECT\"}}]}]}");

      WireView view = mock.lastRequest().view();

      assertThat(view.model()).isEqualTo("gemini-2.5-flash");
      assertThat(view.stream()).isTrue();
      assertThat(mock.lastRequest().query()).isEqualTo("alt=sse");
      assertThat(view.system()).isEqualTo("Answer tersely.");
      assertThat(view.transcript()).containsExactly("user: What is this?", "assistant: ", "user: ");
      assertThat(view.turns().get(0).images()).containsExactly(new WireView.Image("image/png", "iVBORw0KGgo"));
      assertThat(view.turns().get(1).calls()).containsExactly(new WireView.Call("lookup", "lookup", "{\"sku\":\"A-17\"}"));
      assertThat(view.results()).containsExactly(new WireView.Result("lookup", "4 left"));
      assertThat(view.toolNames()).containsExactly("lookup");
      assertThat(view.apiKey()).isEqualTo("test-key");
      assertThat(view.problems()).isEmpty();
    }

    @Test
    void aCountTokensRequestIsReadThroughItsWrappedRequestAndAnEmptyOneIsAProblem() {
      call(generate.replace(":generateContent", ":countTokens"), "{\"generateContentRequest\":{"
          + "\"systemInstruction\":{\"parts\":[{\"text\":\"Be brief.\"}]},\"contents\":[{\"role\":\"user\","
          + "\"parts\":[{\"text\":\"Count me\"}]}]}}");
      WireView counted = mock.lastRequest().view();
      call(generate, "{}");

      assertThat(counted.system()).isEqualTo("Be brief.");
      assertThat(counted.transcript()).containsExactly("user: Count me");
      assertThat(mock.lastRequest().view().problems()).containsExactly("contents is missing or empty");
    }
  }
}
