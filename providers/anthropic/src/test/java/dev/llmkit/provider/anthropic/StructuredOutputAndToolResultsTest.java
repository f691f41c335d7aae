package dev.llmkit.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ReasoningEffort;
import dev.llmkit.api.ResponseFormat;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolMessage;
import dev.llmkit.api.ToolSpec;
import dev.llmkit.spi.ProviderRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Response formats (native or as a forced tool), tool results with images, and the cache mark on the tools. */
class StructuredOutputAndToolResultsTest {
  @RegisterExtension
  static final StubServer server = new StubServer();

  private static final Map<String, Object> PERSON = Map.of("type", "object",
      "properties", Map.of("name", Map.of("type", "string")), "required", List.of("name"), "additionalProperties", false);
  private static final ResponseFormat FORMAT = ResponseFormat.jsonSchema("person", PERSON, true);
  private static final ToolSpec WEATHER = ToolSpec.of("get_weather", "Weather", Map.of("type", "object"));
  private static final String TOOL_USE_REPLY = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
      + "\"model\":\"claude-3-5-sonnet-20241022\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"person\","
      + "\"input\":{\"name\":\"Ann\"}}],\"stop_reason\":\"tool_use\",\"usage\":{\"input_tokens\":5,\"output_tokens\":7}}";

  private static JsonNode send(ProviderRequest request) {
    server.answerJson(Fixtures.read("message-text.json"));
    Fixtures.provider(server.baseUrl()).complete(request);
    return server.sentBody();
  }

  private static ChatRequest.Builder asking() {
    return ChatRequest.builder().user("Ann is 31.").responseFormat(FORMAT);
  }

  @Nested
  class NativeFormat {
    @Test
    void claude_4_5_gets_the_schema_as_output_config_format_and_no_tool() {
      JsonNode body = send(Fixtures.request("claude-sonnet-4-5", asking().build()));

      assertThat(body.get("output_config")).isEqualTo(Fixtures.json(
          "{\"format\":{\"type\":\"json_schema\",\"schema\":" + Fixtures.MAPPER.valueToTree(PERSON) + "}}"));
      assertThat(body.has("tools")).isFalse();
      assertThat(body.has("tool_choice")).isFalse();
    }

    @Test
    void the_format_sits_beside_an_adaptive_thinking_effort() {
      JsonNode body = send(Fixtures.request("claude-opus-4-6", asking().reasoningEffort(ReasoningEffort.HIGH).build()));

      assertThat(body.path("thinking").path("type").asText()).isEqualTo("adaptive");
      assertThat(body.path("output_config").path("effort").asText()).isEqualTo("high");
      assertThat(body.path("output_config").path("format").path("type").asText()).isEqualTo("json_schema");
    }

    @Test
    void every_claude_with_tools_is_described_with_structured_output() {
      assertThat(Fixtures.FACTORY.describeModel("claude-3-5-sonnet-20241022").features().has(ModelFeature.STRUCTURED_OUTPUT)).isTrue();
      assertThat(Fixtures.FACTORY.describeModel("claude-2.1").features().has(ModelFeature.STRUCTURED_OUTPUT)).isFalse();
    }
  }

  @Nested
  class ForcedTool {
    @Test
    void an_older_claude_gets_the_schema_as_a_forced_tool_after_the_callers_tools() {
      JsonNode body = send(Fixtures.request("claude-3-5-sonnet-20241022", asking().tool(WEATHER).build()));

      assertThat(body.get("tools")).hasSize(2);
      assertThat(body.get("tools").get(0).path("name").asText()).isEqualTo("get_weather");
      JsonNode tool = body.get("tools").get(1);
      assertThat(tool.path("name").asText()).isEqualTo("person");
      assertThat(tool.get("input_schema")).isEqualTo(Fixtures.MAPPER.valueToTree(PERSON));
      assertThat(body.get("tool_choice")).isEqualTo(Fixtures.json("{\"type\":\"tool\",\"name\":\"person\"}"));
      assertThat(body.has("output_config")).isFalse();
    }

    @Test
    void a_json_object_format_is_a_forced_tool_taking_any_object_even_on_claude_4_5() {
      JsonNode body = send(Fixtures.request("claude-sonnet-4-5",
          ChatRequest.builder().user("hi").responseFormat(ResponseFormat.jsonObject()).build()));

      assertThat(body.get("tools").get(0).path("name").asText()).isEqualTo("json_object");
      assertThat(body.get("tools").get(0).get("input_schema")).isEqualTo(Fixtures.json("{\"type\":\"object\"}"));
      assertThat(body.path("tool_choice").path("name").asText()).isEqualTo("json_object");
    }

    @Test
    void thinking_is_left_off_because_the_api_refuses_it_with_a_forced_tool() {
      JsonNode body = send(Fixtures.request("claude-3-7-sonnet-20250219", asking().reasoningEffort(ReasoningEffort.HIGH).build()));

      assertThat(body.has("thinking")).isFalse();
      assertThat(body.path("tool_choice").path("type").asText()).isEqualTo("tool");
    }

    @Test
    void the_forced_tool_call_comes_back_as_the_answer_text() {
      server.answerJson(TOOL_USE_REPLY);

      ChatResponse r = Fixtures.provider(server.baseUrl())
          .complete(Fixtures.request("claude-3-5-sonnet-20241022", asking().build()));

      assertThat(r.text()).isEqualTo("{\"name\":\"Ann\"}");
      assertThat(r.toolCalls()).isEmpty();
      assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void streamed_the_forced_tool_input_arrives_as_text_deltas() {
      server.answerStream("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"usage\":{}}}\n\n"
          + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
          + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"person\",\"input\":{}}}\n\n"
          + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
          + "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"name\\\": \"}}\n\n"
          + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
          + "{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"Ann\\\"}\"}}\n\n"
          + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
          + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":9}}\n\n"
          + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");

      EventCollector c = EventCollector.drain(Fixtures.provider(server.baseUrl())
          .stream(Fixtures.request("claude-3-5-sonnet-20241022", asking().build())));

      assertThat(c.events).noneMatch(e -> e instanceof ChatEvent.ToolCallDelta);
      String streamed = c.events.stream().filter(e -> e instanceof ChatEvent.TextDelta)
          .map(e -> ((ChatEvent.TextDelta) e).text()).reduce("", String::concat);
      assertThat(streamed).isEqualTo("{\"name\": \"Ann\"}");
      ChatResponse done = ((ChatEvent.Completed) c.events.get(c.events.size() - 1)).response();
      assertThat(done.text()).isEqualTo("{\"name\": \"Ann\"}");
      assertThat(done.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void a_caller_tool_named_like_the_format_is_refused() {
      ChatRequest clash = asking().tool(ToolSpec.of("person", "", Map.of())).build();

      assertThatThrownBy(() -> send(Fixtures.request("claude-3-5-sonnet-20241022", clash)))
          .isInstanceOf(InvalidRequestException.class).hasMessageContaining("tool 'person' has the name of the responseFormat");
    }
  }

  @Nested
  class ToolResults {
    private final ToolCall call = new ToolCall("toolu_1", "screenshot", "{}", Map.of());

    private ChatRequest withResult(ToolMessage result) {
      return ChatRequest.builder().user("Look").message(AssistantMessage.ofToolCalls(List.of(call))).message(result).build();
    }

    @Test
    void a_text_result_stays_a_string() {
      JsonNode body = send(Fixtures.request("claude-sonnet-4-5", withResult(new ToolMessage("toolu_1", "screenshot", "done", false))));

      assertThat(body.at("/messages/2/content/0/content").asText()).isEqualTo("done");
    }

    @Test
    void a_result_with_an_image_is_text_and_image_blocks() {
      ToolMessage result = ToolMessage.of("toolu_1", "screenshot",
          List.of(ContentPart.text("page loaded"), ContentPart.Image.ofBytes(new byte[] {1, 2}, "image/png")));

      JsonNode body = send(Fixtures.request("claude-sonnet-4-5", withResult(result)));

      assertThat(body.at("/messages/2/content/0")).isEqualTo(Fixtures.json("{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\","
          + "\"content\":[{\"type\":\"text\",\"text\":\"page loaded\"},"
          + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"AQI=\"}}]}"));
    }
  }

  @Nested
  class CacheMarks {
    @Test
    void the_last_tool_is_marked_and_the_messages_keep_at_most_three_marks() {
      ChatRequest chat = ChatRequest.builder().system("Be brief.").user("a").message(AssistantMessage.of("b")).user("c")
          .message(AssistantMessage.of("d")).user("e").tool(WEATHER).tool(ToolSpec.of("now", "Time", Map.of())).build();
      ProviderRequest request = new ProviderRequest(Fixtures.FACTORY.describeModel("claude-sonnet-4-5"), chat,
          Set.of(0, 1, 3, 5), "1h", true);

      JsonNode body = send(request);

      assertThat(body.at("/tools/1/cache_control")).isEqualTo(Fixtures.json("{\"type\":\"ephemeral\",\"ttl\":\"1h\"}"));
      assertThat(body.at("/tools/0/cache_control").isMissingNode()).isTrue();
      assertThat(body.toString().split("cache_control", -1)).hasSize(5); // four marks in all
      assertThat(body.at("/system/0/cache_control").isMissingNode()).isTrue(); // the oldest mark gave way
    }

    @Test
    void no_tools_no_tool_mark() {
      ProviderRequest request = new ProviderRequest(Fixtures.FACTORY.describeModel("claude-sonnet-4-5"),
          ChatRequest.builder().user("a").build(), Set.of(0), null, true);

      JsonNode body = send(request);

      assertThat(body.has("tools")).isFalse();
      assertThat(body.at("/messages/0/content/0/cache_control/type").asText()).isEqualTo("ephemeral");
    }
  }
}
