package dev.llmkit.provider.openai;

import static dev.llmkit.provider.openai.Fixtures.collect;
import static dev.llmkit.provider.openai.Fixtures.json;
import static dev.llmkit.provider.openai.Fixtures.provider;
import static dev.llmkit.provider.openai.Fixtures.request;
import static dev.llmkit.provider.openai.Fixtures.sentBody;
import static dev.llmkit.provider.openai.Fixtures.sse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.api.AssistantBlock;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.Message;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.ToolCall;
import dev.llmkit.spi.ProviderFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reasoning of OpenAI-compatible servers is read into blocks and goes back only where the server takes it:
 * DeepSeek's {@code reasoning_content} on turns that called tools (required there, a 400 without it),
 * OpenRouter's {@code reasoning_details} as received; OpenAI itself gets none.
 */
class ReasoningRoundTripTest {
  @RegisterExtension
  static final StubServer server = new StubServer();

  static final String DEEPSEEK_TOOL_TURN = """
      {"id":"c1","object":"chat.completion","model":"deepseek-chat","choices":[{"index":0,"message":{
        "role":"assistant","content":"","reasoning_content":"Need the stock first.",
        "tool_calls":[{"id":"call_1","type":"function","function":{"name":"lookup","arguments":"{\\"sku\\":\\"A-17\\"}"}}]},
        "finish_reason":"tool_calls"}]}""";

  static final String DETAILS = """
      [{"type":"reasoning.text","text":"Check the SKU.","signature":"sig-or==","format":"anthropic-claude-v1","index":0},
       {"type":"reasoning.encrypted","data":"ZW5jcnlwdGVk","format":"anthropic-claude-v1","index":1}]""";

  static final String OPENROUTER_TOOL_TURN = """
      {"id":"c2","object":"chat.completion","model":"anthropic/claude-sonnet-4.5","choices":[{"index":0,"message":{
        "role":"assistant","content":null,"reasoning":"Check the SKU.","reasoning_details":""" + DETAILS + """
      ,
        "tool_calls":[{"id":"call_2","type":"function","function":{"name":"lookup","arguments":"{}"}}]},
        "finish_reason":"tool_calls"}]}""";

  static final String OK = """
      {"id":"c9","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},
       "finish_reason":"stop"}]}""";

  private static AssistantMessage read(ProviderFactory factory, String model, String body) {
    server.answerJson(body);
    return provider(factory, server).complete(request(factory, model, ChatRequest.builder().user("Stock?").build())).message();
  }

  /** The assistant message at index 1 as sent in the next request, after the turn and its tool results. */
  private static JsonNode replayed(ProviderFactory factory, String model, AssistantMessage turn) {
    server.resetAll();
    server.answerJson(OK);
    ChatRequest.Builder next = ChatRequest.builder().user("Stock?").message(turn);
    turn.toolCalls().forEach(c -> next.message(Message.toolResult(c, "12")));
    if (turn.toolCalls().isEmpty()) {
      next.user("Thanks");
    }
    provider(factory, server).complete(request(factory, model, next.build()));
    return sentBody(server).path("messages").get(1);
  }

  @Test
  void deepSeekReadsReasoningBeforeTheCallsAndSendsItBackOnTheToolCallTurn() {
    AssistantMessage turn = read(new DeepSeekProviderFactory(), "deepseek-chat", DEEPSEEK_TOOL_TURN);

    assertThat(turn.blocks()).containsExactly(
        Reasoning.of("Need the stock first."),
        new ToolCall("call_1", "lookup", "{\"sku\":\"A-17\"}"));
    assertThat(replayed(new DeepSeekProviderFactory(), "deepseek-chat", turn)).isEqualTo(json("""
        {"role":"assistant","content":null,
         "tool_calls":[{"id":"call_1","type":"function","function":{"name":"lookup","arguments":"{\\"sku\\":\\"A-17\\"}"}}],
         "reasoning_content":"Need the stock first."}"""));
  }

  @Test
  void deepSeekLeavesReasoningOutOfATurnWithoutToolCalls() {
    AssistantMessage turn = new AssistantMessage("Twelve.", List.of(), List.of(Reasoning.of("Counted.")));

    assertThat(replayed(new DeepSeekProviderFactory(), "deepseek-chat", turn))
        .isEqualTo(json("{\"role\":\"assistant\",\"content\":\"Twelve.\"}"));
  }

  @Test
  void openRouterKeepsReasoningDetailsAndSendsThemBackAsReceived() {
    AssistantMessage turn = read(new OpenRouterProviderFactory(), "anthropic/claude-sonnet-4.5", OPENROUTER_TOOL_TURN);

    assertThat(turn.reasoningText()).isEqualTo("Check the SKU.");
    assertThat(turn.opaqueBlocks()).singleElement().satisfies(o -> {
      assertThat(o.provider()).isEqualTo("openrouter");
      assertThat(o.type()).isEqualTo("reasoning_details");
      assertThat(json(o.json())).isEqualTo(json(DETAILS));
    });
    assertThat(turn.text()).isNull();

    JsonNode sent = replayed(new OpenRouterProviderFactory(), "anthropic/claude-sonnet-4.5", turn);
    assertThat(sent.get("reasoning_details")).isEqualTo(json(DETAILS));
    assertThat(sent.has("reasoning_content")).isFalse();
    assertThat(sent.has("reasoning")).isFalse();
  }

  @Test
  void openAiGetsNoReasoningBack() {
    AssistantMessage turn = AssistantMessage.ofBlocks(Reasoning.of("hidden"),
        new AssistantBlock.Opaque("openrouter", "reasoning_details", DETAILS), new ToolCall("call_3", "lookup", "{}"));

    JsonNode sent = replayed(new OpenAiProviderFactory(), "gpt-4o", turn);

    assertThat(sent.has("reasoning_content")).isFalse();
    assertThat(sent.has("reasoning_details")).isFalse();
  }

  @Test
  void streamedReasoningDetailsAreJoinedByIndexAndEventsCarryTheBlockIndex() {
    server.answer(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
        .withHeader("content-type", "text/event-stream").withBody(sse(
            "{\"id\":\"s\",\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\"Check \",\"reasoning_details\":"
                + "[{\"type\":\"reasoning.text\",\"text\":\"Check \",\"format\":\"anthropic-claude-v1\",\"index\":0}]}}]}",
            "{\"id\":\"s\",\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\"the SKU.\",\"reasoning_details\":"
                + "[{\"type\":\"reasoning.text\",\"text\":\"the SKU.\",\"signature\":\"sig-or==\",\"index\":0}]}}]}",
            "{\"id\":\"s\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Twelve.\"},\"finish_reason\":\"stop\"}]}",
            "[DONE]")));
    OpenRouterProviderFactory factory = new OpenRouterProviderFactory();

    Fixtures.Collected c = collect(provider(factory, server).stream(
        request(factory, "anthropic/claude-sonnet-4.5", ChatRequest.builder().user("Stock?").build())));

    assertThat(c.eventsOf(ChatEvent.ReasoningDelta.class)).extracting(ChatEvent.ReasoningDelta::blockIndex)
        .containsOnly(0);
    assertThat(c.eventsOf(ChatEvent.TextDelta.class)).containsExactly(new ChatEvent.TextDelta("Twelve.", 1));
    assertThat(c.eventsOf(ChatEvent.BlockDelta.class)).extracting(ChatEvent.BlockDelta::blockIndex).containsExactly(2);
    AssistantMessage m = c.completedEvent().response().message();
    assertThat(m.blocks()).hasSize(3);
    assertThat(json(m.opaqueBlocks().get(0).json())).isEqualTo(json(
        "[{\"type\":\"reasoning.text\",\"text\":\"Check the SKU.\",\"format\":\"anthropic-claude-v1\",\"index\":0,"
            + "\"signature\":\"sig-or==\"}]"));
  }
}
