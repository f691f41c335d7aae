package dev.llmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.FunctionCallValidationException;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.Message;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.SystemMessage;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolChoice;
import dev.llmkit.api.ToolMessage;
import dev.llmkit.api.ToolSpec;
import dev.llmkit.api.Usage;
import dev.llmkit.api.UserMessage;
import dev.llmkit.core.fake.FakeProvider;
import dev.llmkit.core.fake.FakeProviderFactory;
import dev.llmkit.spi.ProviderRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The function-calling stage through a whole {@code Llm}, for complete, completeAsync and stream. */
class FunctionCallingStageTest {
  private static final ToolSpec WEATHER = ToolSpec.of("get_weather", "Current weather in a city.", Map.of(
      "type", "object", "properties", Map.of("city", Map.of("type", "string", "description", "The city.")),
      "required", List.of("city")));
  private static final String CALL_REPLY = "Let me check.\n<function=get_weather>\n<parameter=city>Paris</parameter>\n";
  private static final ToolCall EXPECTED_CALL = new ToolCall("toolu_01", "get_weather", "{\"city\": \"Paris\"}");

  private final FakeProvider provider = new FakeProvider();

  private Llm llm(ModelFeatures features, LlmConfig.Builder config) {
    return Llms.builder().config(config.model("fake/m").numRetries(0).build())
        .registry(PluginRegistry.of(List.of(new FakeProviderFactory("fake", provider, features)), List.of()))
        .build();
  }

  private static ChatRequest weatherRequest(Message... history) {
    ChatRequest.Builder b = ChatRequest.builder().system("You are terse.").user("Weather in Paris?")
        .tool(WEATHER).toolChoice(ToolChoice.auto()).parallelToolCalls(true);
    for (Message m : history) {
      b.message(m);
    }
    return b.build();
  }

  private static ChatResponse reply(String text) {
    return new ChatResponse("r1", "fake", "m", AssistantMessage.of(text), FinishReason.STOP, "stop", Usage.of(10, 5),
        null, Duration.ZERO);
  }

  private static Function<ProviderRequest, ChatResponse> answering(String text) {
    return r -> reply(text);
  }

  @Nested
  class Emulated {
    private final Llm llm = llm(ModelFeatures.of(ModelFeature.STOP_WORDS), LlmConfig.builder());

    @Test
    void the_request_is_sent_without_tools_and_the_reply_comes_back_as_a_tool_call() {
      provider.answer(answering(CALL_REPLY));

      ChatResponse response = llm.complete(weatherRequest());

      ChatRequest sent = provider.requests.get(0).chat();
      assertThat(sent.tools()).isEmpty();
      assertThat(sent.toolChoice()).isNull();
      assertThat(sent.parallelToolCalls()).isNull();
      assertThat(sent.stop()).containsExactly("</function");
      assertThat(((SystemMessage) sent.messages().get(0)).text()).startsWith("You are terse.\nYou have access to the following functions:")
          .contains("---- BEGIN FUNCTION #1: get_weather ----\nDescription: Current weather in a city.\nParameters:\n"
              + "  (1) city (string, required): The city.\n---- END FUNCTION #1 ----");
      assertThat(sent.messages().get(1)).isEqualTo(Message.user("Weather in Paris?")); // no OpenHands tool, no example
      assertThat(response.toolCalls()).containsExactly(EXPECTED_CALL);
      assertThat(response.message().text()).isEqualTo("Let me check.");
      assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
      assertThat(response.rawFinishReason()).isEqualTo("stop");
    }

    @Test
    void completeAsync_gives_the_same_call() throws Exception {
      provider.answer(answering(CALL_REPLY));

      ChatResponse response = llm.completeAsync(weatherRequest()).get(5, TimeUnit.SECONDS);

      assertThat(response.toolCalls()).containsExactly(EXPECTED_CALL);
      assertThat(provider.requests.get(0).chat().tools()).isEmpty();
    }

    @Test
    void the_next_turn_renders_the_call_and_its_result_and_numbers_the_new_call_after_it() {
      provider.answer(answering("<function=get_weather>\n<parameter=city>Lyon</parameter>\n</function>"));
      ChatRequest next = weatherRequest(new AssistantMessage("Let me check.", List.of(EXPECTED_CALL), List.of()),
          new ToolMessage("toolu_01", "get_weather", "Sunny, 21 C", false));

      ChatResponse response = llm.complete(next);

      List<Message> sent = provider.requests.get(0).chat().messages();
      assertThat(((AssistantMessage) sent.get(2)).text())
          .isEqualTo("Let me check.\n\n<function=get_weather>\n<parameter=city>Paris</parameter>\n</function>");
      assertThat(((AssistantMessage) sent.get(2)).toolCalls()).isEmpty();
      assertThat(sent.get(3)).isEqualTo(Message.user("EXECUTION RESULT of [get_weather]:\nSunny, 21 C"));
      assertThat(response.toolCalls()).containsExactly(new ToolCall("toolu_02", "get_weather", "{\"city\": \"Lyon\"}"));
      assertThat(response.message().text()).isNull();
      assertThat(llm.complete(next).toolCalls()).as("a replayed conversation gets the same id")
          .containsExactly(response.toolCalls().get(0));
    }

    @Test
    void an_invalid_call_fails_every_call_shape_with_the_openhands_message_and_the_raw_reply() {
      String bad = "<function=get_weather>\n<parameter=town>Paris</parameter>\n</function>";
      provider.answer(answering(bad));
      String message = "Parameter 'town' is not allowed for function 'get_weather'. Allowed parameters: {'city'}";

      assertThatThrownBy(() -> llm.complete(weatherRequest()))
          .isInstanceOf(FunctionCallValidationException.class).hasMessage(message)
          .satisfies(e -> assertThat(((FunctionCallValidationException) e).partialResponse().orElseThrow().text()).isEqualTo(bad));
      assertThatThrownBy(() -> llm.completeAsync(weatherRequest()).join())
          .isInstanceOf(CompletionException.class).cause()
          .isInstanceOf(FunctionCallValidationException.class).hasMessage(message);
      provider.streams(r -> FakeProvider.events(List.of(new ChatEvent.TextDelta(bad), new ChatEvent.Completed(reply(bad))), null));
      assertThatThrownBy(() -> llm.stream(weatherRequest()).collect())
          .isInstanceOf(FunctionCallValidationException.class).hasMessage(message)
          .satisfies(e -> assertThat(((FunctionCallValidationException) e).midStream()).isTrue());
    }

    @Test
    void a_stream_passes_text_until_the_tag_and_emits_the_call_at_the_end_whatever_the_split() {
      provider.answer(answering(CALL_REPLY));
      ChatResponse complete = llm.complete(weatherRequest());
      List<String> fragments = List.of("Let me", " check.\n<fun", "ction=get_wea", "ther>\n<parameter=city>Par", "is</parameter>\n");
      provider.streams(r -> FakeProvider.events(events(fragments, CALL_REPLY), null));

      List<ChatEvent> seen = new ArrayList<>();
      try (ChatStream stream = llm.stream(weatherRequest())) {
        stream.forEach(seen::add);
      }

      assertThat(seen).hasSize(4);
      assertThat(seen.subList(0, 3)).containsExactly(new ChatEvent.TextDelta("Let me"), new ChatEvent.TextDelta(" check."),
          new ChatEvent.ToolCallDelta(0, "toolu_01", "get_weather", "{\"city\": \"Paris\"}", 1)); // block 1: after the text
      ChatResponse streamed = ((ChatEvent.Completed) seen.get(3)).response();
      assertThat(streamed.message()).isEqualTo(complete.message());
      assertThat(streamed.message().blocks().get(1)).as("the call's event names its block").isEqualTo(streamed.toolCalls().get(0));
      assertThat(streamed.finishReason()).isEqualTo(complete.finishReason());
      assertThat(provider.requests.get(1).chat().tools()).isEmpty();
    }

    @Test
    void every_split_of_a_reply_streams_the_same_text_and_call() {
      String full = "Sure <b>bold</b> <func not a call\n\n<function=get_weather>\n<parameter=city>Paris</parameter>\n";
      for (int at = 1; at < full.length(); at++) {
        List<String> fragments = List.of(full.substring(0, at), full.substring(at));
        provider.streams(r -> FakeProvider.events(events(fragments, full), null));

        List<ChatEvent> seen = new ArrayList<>();
        try (ChatStream stream = llm.stream(weatherRequest())) {
          stream.forEach(seen::add);
        }

        StringBuilder text = new StringBuilder();
        seen.stream().filter(e -> e instanceof ChatEvent.TextDelta).forEach(e -> text.append(((ChatEvent.TextDelta) e).text()));
        assertThat(text.toString()).as("split at %d", at).isEqualTo("Sure <b>bold</b> <func not a call");
        assertThat(seen).filteredOn(e -> e instanceof ChatEvent.ToolCallDelta).as("split at %d", at)
            .containsExactly(new ChatEvent.ToolCallDelta(0, "toolu_01", "get_weather", "{\"city\": \"Paris\"}", 1));
      }
    }

    @Test
    void a_reply_that_only_looks_like_a_call_streams_all_its_text() {
      String full = "Use <function=name> tags";
      provider.streams(r -> FakeProvider.events(events(List.of("Use <func", "tion=name> tags"), full), null));

      List<ChatEvent> seen = new ArrayList<>();
      try (ChatStream stream = llm.stream(weatherRequest())) {
        stream.forEach(seen::add);
      }

      StringBuilder text = new StringBuilder();
      seen.stream().filter(e -> e instanceof ChatEvent.TextDelta).forEach(e -> text.append(((ChatEvent.TextDelta) e).text()));
      assertThat(text.toString()).isEqualTo(full);
      assertThat(((ChatEvent.Completed) seen.get(seen.size() - 1)).response().text()).isEqualTo(full);
    }

    @Test
    void token_counting_counts_the_prompt_as_it_is_sent() {
      llm.countInputTokens(weatherRequest());

      ChatRequest counted = provider.requests.get(0).chat();
      assertThat(counted.tools()).isEmpty();
      assertThat(((SystemMessage) counted.messages().get(0)).text()).contains("---- BEGIN FUNCTION #1: get_weather ----");
    }

    @Test
    void a_request_without_tools_passes_untouched() {
      ChatRequest plain = ChatRequest.builder().system("s").user("hi").build();

      llm.complete(plain);

      assertThat(provider.requests.get(0).chat().messages()).isEqualTo(plain.messages());
      assertThat(provider.requests.get(0).chat().stop()).isEmpty();
    }

    @Test
    void a_model_without_stop_words_gets_none_and_a_system_message_is_added_when_missing() {
      Llm noStop = llm(ModelFeatures.none(), LlmConfig.builder());
      provider.answer(answering(CALL_REPLY));

      ChatResponse response = noStop.complete(ChatRequest.builder().user("Weather in Paris?").tool(WEATHER).build());

      ChatRequest sent = provider.requests.get(0).chat();
      assertThat(sent.stop()).isEmpty();
      assertThat(((SystemMessage) sent.messages().get(0)).text()).startsWith("\nYou have access to the following functions:");
      assertThat(response.toolCalls()).containsExactly(EXPECTED_CALL);
    }

    @Test
    void native_tool_calling_forced_off_in_config_emulates_for_a_native_model() {
      Llm forced = llm(ModelFeatures.of(ModelFeature.NATIVE_TOOL_CALLING, ModelFeature.STOP_WORDS),
          LlmConfig.builder().nativeToolCalling(false));
      provider.answer(answering(CALL_REPLY));

      assertThat(forced.complete(weatherRequest()).toolCalls()).containsExactly(EXPECTED_CALL);
      assertThat(provider.requests.get(0).chat().tools()).isEmpty();
    }

    private static List<ChatEvent> events(List<String> fragments, String full) {
      List<ChatEvent> events = new ArrayList<>();
      fragments.forEach(f -> events.add(new ChatEvent.TextDelta(f)));
      events.add(new ChatEvent.Completed(reply(full)));
      return events;
    }
  }

  @Nested
  class NativeArguments {
    private final Llm llm = llm(ModelFeatures.of(ModelFeature.NATIVE_TOOL_CALLING), LlmConfig.builder());

    private ChatResponse calling(String arguments) {
      return new ChatResponse("r1", "fake", "m", AssistantMessage.ofToolCalls(List.of(new ToolCall("call_1", "get_weather",
          arguments, Map.of("fake.sig", "s")))), FinishReason.TOOL_CALLS, "tool_calls", Usage.of(10, 5), null, Duration.ZERO);
    }

    private void streaming(String arguments) {
      provider.streams(r -> FakeProvider.events(List.of(new ChatEvent.ToolCallDelta(0, "call_1", "get_weather", arguments),
          new ChatEvent.Completed(calling(arguments))), null));
    }

    @Test
    void the_tools_are_sent_natively() {
      provider.answer(r -> calling("{\"city\": \"Paris\"}"));

      assertThat(llm.complete(weatherRequest()).toolCalls().get(0).arguments()).isEqualTo("{\"city\": \"Paris\"}");
      assertThat(provider.requests.get(0).chat().tools()).containsExactly(WEATHER);
    }

    @Test
    void truncated_arguments_are_repaired_on_every_call_shape() throws Exception {
      String truncated = "{\"city\": \"Paris\",";
      ToolCall repaired = new ToolCall("call_1", "get_weather", "{\"city\": \"Paris\"}", Map.of("fake.sig", "s"));
      provider.answer(r -> calling(truncated));
      streaming(truncated);

      assertThat(llm.complete(weatherRequest()).toolCalls()).containsExactly(repaired);
      assertThat(llm.completeAsync(weatherRequest()).get(5, TimeUnit.SECONDS).toolCalls()).containsExactly(repaired);
      assertThat(llm.stream(weatherRequest()).collect().toolCalls()).containsExactly(repaired);
    }

    @Test
    void broken_arguments_are_refused_on_every_call_shape() {
      String broken = "{\"city\": \"Paris\", oops";
      provider.answer(r -> calling(broken));
      streaming(broken);

      assertThatThrownBy(() -> llm.complete(weatherRequest()))
          .isInstanceOf(FunctionCallValidationException.class)
          .hasMessageContaining("tool call 'get_weather' (id call_1) are not valid JSON")
          .satisfies(e -> assertThat(((FunctionCallValidationException) e).partialResponse().orElseThrow().toolCalls().get(0)
              .arguments()).isEqualTo(broken));
      assertThatThrownBy(() -> llm.completeAsync(weatherRequest()).join()).cause()
          .isInstanceOf(FunctionCallValidationException.class);
      assertThatThrownBy(() -> llm.stream(weatherRequest()).collect())
          .isInstanceOf(FunctionCallValidationException.class);
    }
  }
}
