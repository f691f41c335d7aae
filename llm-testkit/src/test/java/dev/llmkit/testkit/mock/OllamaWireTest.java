package dev.llmkit.testkit.mock;

import static dev.llmkit.testkit.mock.WireClient.json;
import static dev.llmkit.testkit.mock.WireClient.lines;
import static dev.llmkit.testkit.mock.WireClient.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.api.Usage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OllamaWireTest extends WireTest {
  private static final String REQUEST =
      "{\"model\":\"qwen3\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"Hi there\"}]}";
  // Ollama streams unless the body says otherwise.
  private static final String STREAM_REQUEST = "{\"model\":\"qwen3\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi there\"}]}";

  private String url;

  @Override
  WireDialect dialect() {
    return WireDialects.ollama();
  }

  @BeforeAll
  void endpoint() {
    url = url("/api/chat");
  }

  @Nested
  class NonStreamed {
    @Test
    void aTextReplyIsTheDoneObjectWithStopAndTheCountsAndNoId() {
      mock.reply(MockReply.text("Hello").withUsage(Usage.of(18, 5)));

      HttpResponse<byte[]> response = post(url, REQUEST);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
      JsonNode body = json(response);
      assertThat(body.path("model").asText()).isEqualTo("qwen3");
      assertThat(body.path("created_at").asText()).endsWith("Z");
      assertThat(body.at("/message/role").asText()).isEqualTo("assistant");
      assertThat(body.at("/message/content").asText()).isEqualTo("Hello");
      assertThat(body.path("done").asBoolean()).isTrue();
      assertThat(body.path("done_reason").asText()).isEqualTo("stop");
      assertThat(body.path("prompt_eval_count").asLong()).isEqualTo(18);
      assertThat(body.path("eval_count").asLong()).isEqualTo(5);
      assertThat(body.has("id")).isFalse();
    }

    @Test
    void toolCallsHaveObjectArgumentsAndStillStopAndThinkingHasItsField() {
      MockToolCall lookup = MockToolCall.of("lookup", "{\"sku\":\"A-17\"}");
      mock.reply(MockReply.toolCalls(lookup).withReasoning("User wants stock."));

      JsonNode body = json(post(url, REQUEST));

      JsonNode call = body.at("/message/tool_calls/0");
      assertThat(call.path("id").asText()).isEqualTo(lookup.openAiId());
      assertThat(call.at("/function/index").asInt()).isZero();
      assertThat(call.at("/function/name").asText()).isEqualTo("lookup");
      assertThat(call.at("/function/arguments/sku").asText()).isEqualTo("A-17");
      assertThat(body.at("/message/thinking").asText()).isEqualTo("User wants stock.");
      assertThat(body.at("/message/content").asText()).isEmpty();
      assertThat(body.path("done_reason").asText()).isEqualTo("stop");
    }
  }

  @Nested
  class Streamed {
    @Test
    void piecesAreNdjsonLinesEndingInADoneLineWithTheCounts() {
      mock.reply(MockReply.text("Hello brave new world").withReasoning("Greet back.").inChunks(2)
          .withUsage(Usage.of(9, 4)));

      HttpResponse<byte[]> response = post(url, STREAM_REQUEST);

      assertThat(response.headers().firstValue("content-type")).contains("application/x-ndjson");
      List<JsonNode> lines = lines(response.body());
      assertThat(lines).hasSize(5);
      StringBuilder thinking = new StringBuilder();
      StringBuilder text = new StringBuilder();
      lines.forEach(l -> {
        thinking.append(l.at("/message/thinking").asText(""));
        text.append(l.at("/message/content").asText(""));
      });
      assertThat(thinking).hasToString("Greet back.");
      assertThat(text).hasToString("Hello brave new world");
      assertThat(lines.subList(0, 4)).allSatisfy(l -> assertThat(l.path("done").asBoolean()).isFalse());
      JsonNode last = lines.get(4);
      assertThat(last.path("done").asBoolean()).isTrue();
      assertThat(last.path("done_reason").asText()).isEqualTo("stop");
      assertThat(last.path("prompt_eval_count").asLong()).isEqualTo(9);
      assertThat(last.path("eval_count").asLong()).isEqualTo(4);
    }

    @Test
    void toolCallsArriveWholeEachInALineOfItsOwn() {
      MockToolCall a = MockToolCall.of("get_weather", "{\"city\":\"Paris\"}");
      MockToolCall b = MockToolCall.of("get_time", "{\"zone\":\"CET\"}");
      mock.reply(MockReply.toolCalls(a, b).inChunks(4));

      List<JsonNode> lines = lines(post(url, STREAM_REQUEST).body());

      assertThat(lines).hasSize(3);
      assertThat(lines.get(0).at("/message/tool_calls/0/function/arguments/city").asText()).isEqualTo("Paris");
      assertThat(lines.get(1).at("/message/tool_calls/0/function/index").asInt()).isEqualTo(1);
      assertThat(lines.get(1).at("/message/tool_calls/0/id").asText()).isEqualTo(b.openAiId());
    }

    @Test
    void aTruncatedStreamHasNoDoneLineAndAMidStreamErrorIsAnErrorLine() {
      mock.reply(MockReply.text("one two three four").inChunks(4).truncated(),
          MockReply.text("one two three four").inChunks(4).midStreamError());

      List<JsonNode> truncated = lines(post(url, STREAM_REQUEST).body());
      List<JsonNode> failed = lines(post(url, STREAM_REQUEST).body());

      assertThat(truncated).hasSize(2).noneSatisfy(l -> assertThat(l.path("done").asBoolean()).isTrue());
      assertThat(failed).hasSize(3);
      assertThat(failed.get(2).path("error").isTextual()).isTrue();
      assertThat(failed.get(2).has("done")).isFalse();
    }

    @Test
    void aStalledStreamKeepsTheConnectionWithBlankLines() {
      mock.reply(MockReply.text("one two three four").inChunks(4).stallMidStream().stallFor(Duration.ofMillis(300)));

      byte[] body = post(url, STREAM_REQUEST).body();

      assertThat(lines(body)).hasSize(2);
      assertThat(new String(body, java.nio.charset.StandardCharsets.UTF_8)).endsWith("\n\n"); // blank keep-alives
    }
  }

  @Nested
  class Errors {
    @Test
    void errorsAreAStringWithTheStatusAndNoRetryHint() {
      mock.reply(MockReply.modelNotFound(), MockReply.contextWindowExceeded(), MockReply.rateLimited(Duration.ofSeconds(7)),
          MockReply.error(529, "overloaded_error", "Overloaded"));

      HttpResponse<byte[]> missing = post(url, REQUEST);
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(json(missing).path("error").asText()).contains("not found");
      HttpResponse<byte[]> window = post(url, REQUEST);
      assertThat(window.statusCode()).isEqualTo(400);
      assertThat(json(window).path("error").asText()).contains("context length");
      HttpResponse<byte[]> limited = post(url, REQUEST);
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("retry-after")).isEmpty();
      HttpResponse<byte[]> custom = post(url, REQUEST);
      assertThat(custom.statusCode()).isEqualTo(529);
      assertThat(json(custom).path("error").asText()).isEqualTo("Overloaded");
    }
  }

  @Nested
  class ReadBack {
    @Test
    void aRequestIsReadBackWithSystemRawImagesObjectArgumentsNamedResultsAndStreamByDefault() {
      post(url, "{\"model\":\"qwen3\",\"messages\":["
          + "{\"role\":\"system\",\"content\":\"Answer tersely.\"},"
          + "{\"role\":\"user\",\"content\":\"What is this?\",\"images\":[\"iVBORw0KGgo=\"]},"
          + "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":{\"index\":0,\"name\":\"lookup\","
          + "\"arguments\":{\"sku\":\"A-17\"}}}]},"
          + "{\"role\":\"tool\",\"tool_name\":\"lookup\",\"content\":\"{\\\"stock\\\":4}\"}],"
          + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"parameters\":{\"type\":\"object\"}}}]}");

      WireView view = mock.lastRequest().view();

      assertThat(view.model()).isEqualTo("qwen3");
      assertThat(view.stream()).isTrue();
      assertThat(view.system()).isEqualTo("Answer tersely.");
      assertThat(view.transcript()).containsExactly("user: What is this?", "assistant: ", "tool: {\"stock\":4}");
      assertThat(view.turns().get(0).images()).containsExactly(new WireView.Image(null, "iVBORw0KGgo="));
      assertThat(view.turns().get(1).calls()).containsExactly(new WireView.Call("lookup", "lookup", "{\"sku\":\"A-17\"}"));
      assertThat(view.results()).containsExactly(new WireView.Result("lookup", "{\"stock\":4}"));
      assertThat(view.toolNames()).containsExactly("lookup");
      assertThat(view.apiKey()).isEqualTo("test-key");
      assertThat(view.problems()).isEmpty();
    }

    @Test
    void whatOllamaRefusesWhenItDecodesTheBodyIsAProblem() {
      post(url, "{\"messages\":["
          + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}],"
          + "\"images\":[\"data:image/png;base64,iVBORw0KGgo=\",\"https://example.com/cat.png\",\"iVBORw0KGgo\"]},"
          + "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":{\"name\":\"lookup\","
          + "\"arguments\":\"{\\\"sku\\\":\\\"A-17\\\"}\"}}]}],"
          + "\"think\":\"xhigh\",\"format\":\"yaml\",\"options\":{\"num_predict\":\"64\",\"stop\":\"END\",\"num_gpu\":1}}");

      WireView view = mock.lastRequest().view();

      assertThat(view.problems()).containsExactly(
          "model is required",
          "messages[0].content must be a string (Ollama has no content parts), was ARRAY",
          "messages[0].images[0] must be raw padded base64 (no data: prefix, no URL)",
          "messages[0].images[1] must be raw padded base64 (no data: prefix, no URL)",
          "messages[0].images[2] must be raw padded base64 (no data: prefix, no URL)",
          "messages[1].tool_calls[0].function.arguments must be a JSON object, was STRING",
          "think must be true, false or one of [low, medium, high, max], was \"xhigh\"",
          "format must be \"json\" or a JSON schema object, was \"yaml\"",
          "option \"num_predict\" must be a number, was \"64\"",
          "option \"stop\" must be an array of strings, was \"END\"");
    }

    @Test
    void aWellFormedRequestWithLevelsSchemaAndOptionsHasNoProblems() {
      post(url, "{\"model\":\"gpt-oss:20b\",\"stream\":false,\"think\":\"high\","
          + "\"format\":{\"type\":\"object\"},\"options\":{\"temperature\":0.2,\"num_predict\":512,"
          + "\"stop\":[\"END\"],\"num_ctx\":8192},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

      assertThat(mock.lastRequest().view().problems()).isEmpty();
    }

    @Test
    void aTrailingToolResultIsAnsweredByTheDemoResponder() {
      mock.fallback(MockResponder.demo());

      JsonNode body = json(post(url, "{\"model\":\"qwen3\",\"stream\":false,\"messages\":["
          + "{\"role\":\"user\",\"content\":\"Weather in Paris?\"},"
          + "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"call_1\",\"function\":{\"name\":\"get_weather\","
          + "\"arguments\":{}}}]},"
          + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"21 C\"}]}"));

      assertThat(body.at("/message/content").asText()).isEqualTo("Here is what get_weather says: 21 C");
    }
  }
}
