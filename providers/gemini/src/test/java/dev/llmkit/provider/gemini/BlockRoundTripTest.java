package dev.llmkit.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.api.AssistantBlock;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.Message;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.ToolCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A model turn goes back part by part as it came, each {@code thoughtSignature} on the very part it
 * came on (Gemini 3 rejects a function-calling turn whose signatures moved or went missing). Each test
 * reads a response, replays its message and compares the sent parts with the received ones, JSON-equal.
 */
class BlockRoundTripTest {
  @RegisterExtension
  static final GeminiStub gemini = new GeminiStub();

  /** A signed thought, a text part with its own signature, then two parallel calls: only the second signed. */
  static final String PARTS = """
      [{"text": "Two lookups.", "thought": true, "thoughtSignature": "sig-thought=="},
       {"text": "Checking both.", "thoughtSignature": "sig-text=="},
       {"functionCall": {"name": "get_weather", "args": {"location": "Paris"}}},
       {"functionCall": {"name": "get_weather", "args": {"location": "Tokyo"}}, "thoughtSignature": "sig-second-call=="}]""";

  static String answer(String parts) {
    return "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":" + parts + "},\"finishReason\":\"STOP\","
        + "\"index\":0}],\"modelVersion\":\"gemini-3-pro-preview\",\"responseId\":\"r-1\"}";
  }

  private static AssistantMessage read(String parts) {
    gemini.answerJson(answer(parts));
    return Fixtures.provider(gemini.baseUrl()).complete(Fixtures.request("gemini-3-pro-preview",
        ChatRequest.builder().user("Weather in Paris and Tokyo?").build())).message();
  }

  private static JsonNode replayedParts(AssistantMessage previous) {
    gemini.reset();
    gemini.answerJson(answer("[{\"text\":\"ok\"}]"));
    ChatRequest.Builder next = ChatRequest.builder().user("Weather in Paris and Tokyo?").message(previous);
    previous.toolCalls().forEach(call -> next.message(Message.toolResult(call, "sunny")));
    Fixtures.provider(gemini.baseUrl()).complete(Fixtures.request("gemini-3-pro-preview", next.build()));
    JsonNode content = gemini.sentBody().at("/contents/1");
    assertThat(content.path("role").asText()).isEqualTo("model");
    return content.path("parts");
  }

  @Test
  void readsEachSignatureOntoTheBlockOfItsPart() {
    AssistantMessage m = read(PARTS);

    assertThat(m.blocks()).containsExactly(
        new Reasoning("Two lookups.", "sig-thought==", null),
        new AssistantBlock.Text("Checking both.", Map.of(GeminiProviderFactory.THOUGHT_SIGNATURE, "sig-text==")),
        new ToolCall("call_0", "get_weather", "{\"location\":\"Paris\"}"),
        new ToolCall("call_1", "get_weather", "{\"location\":\"Tokyo\"}",
            Map.of(GeminiProviderFactory.THOUGHT_SIGNATURE, "sig-second-call==")));
  }

  @Test
  void sendsThePartsBackInOrderWithEachSignatureOnItsOwnPart() {
    assertThat(replayedParts(read(PARTS))).isEqualTo(Fixtures.json(PARTS));
  }

  @Test
  void aCodeExecutionPartGoesBackVerbatimInItsPlace() {
    String parts = """
        [{"executableCode": {"language": "PYTHON", "code": "print(2 + 2)"}},
         {"codeExecutionResult": {"outcome": "OUTCOME_OK", "output": "4"}},
         {"text": "Four.", "thoughtSignature": "sig=="}]""";

    AssistantMessage m = read(parts);

    assertThat(m.text()).isEqualTo("Four.");
    assertThat(replayedParts(m)).isEqualTo(Fixtures.json(parts));
  }

  @Test
  void unsignedThoughtsAndOtherProvidersBlocksStayOut() {
    AssistantMessage mixed = AssistantMessage.ofBlocks(
        Reasoning.of("a summary for the reader"),
        new AssistantBlock.Opaque("anthropic", "server_tool_use", "{\"type\":\"server_tool_use\"}"),
        AssistantBlock.text("Answer."));

    assertThat(replayedParts(mixed)).isEqualTo(Fixtures.json("[{\"text\": \"Answer.\"}]"));
  }

  @Test
  void streamedEventsCarryTheBlockIndexOfTheirPart() {
    gemini.answerStream("data: " + answer(PARTS).replace("\n", "") + "\r\n\r\n");
    Drained d = Drained.from(Fixtures.provider(gemini.baseUrl()).stream(Fixtures.hi()));
    List<ChatEvent> events = d.events();

    assertThat(events).filteredOn(e -> e instanceof ChatEvent.ReasoningDelta r && !r.text().isEmpty())
        .containsExactly(new ChatEvent.ReasoningDelta("Two lookups.", null, 0));
    assertThat(events).filteredOn(e -> e instanceof ChatEvent.TextDelta)
        .containsExactly(new ChatEvent.TextDelta("Checking both.", 1));
    assertThat(events).filteredOn(e -> e instanceof ChatEvent.ToolCallDelta)
        .extracting(e -> ((ChatEvent.ToolCallDelta) e).blockIndex()).containsExactly(2, 3);
    assertThat(d.response().message()).isEqualTo(read(PARTS));
  }
}
