package dev.llmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import dev.llmkit.api.ResponseFormat;
import dev.llmkit.api.StructuredOutputException;
import dev.llmkit.api.SystemMessage;
import dev.llmkit.api.Usage;
import dev.llmkit.core.fake.FakeProvider;
import dev.llmkit.core.fake.FakeProviderFactory;
import dev.llmkit.spi.ProviderRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Structured output through the pipeline: native or emulated, and the reply checked on all three call shapes. */
class StructuredOutputTest {
  private static final Map<String, Object> PERSON = Map.of(
      "type", "object",
      "properties", Map.of("name", Map.of("type", "string"), "age", Map.of("type", "integer", "minimum", 0)),
      "required", List.of("name", "age"),
      "additionalProperties", false);
  private static final ResponseFormat FORMAT = ResponseFormat.jsonSchema("person", PERSON, true);
  private static final ModelFeatures PLAIN = ModelFeatures.of(ModelFeature.STOP_WORDS);
  private static final ModelFeatures STRUCTURED = ModelFeatures.of(ModelFeature.STOP_WORDS, ModelFeature.STRUCTURED_OUTPUT);

  private final FakeProvider provider = new FakeProvider();

  private Llm llm(ModelFeatures features) {
    return Llms.builder()
        .config(LlmConfig.builder().model("fake/m").numRetries(0).build())
        .registry(PluginRegistry.of(List.of(new FakeProviderFactory("fake", provider, features)), List.of()))
        .build();
  }

  private static ChatRequest asking(ResponseFormat format) {
    return ChatRequest.builder().system("You extract people.").user("Ann is 31.").responseFormat(format).build();
  }

  private void replies(String text) {
    provider.answer(r -> FakeProvider.reply(text, Usage.of(5, 5)));
    provider.streams(r -> FakeProvider.events(
        List.of(new ChatEvent.TextDelta(text), new ChatEvent.Completed(FakeProvider.reply(text, Usage.of(5, 5)))), null));
  }

  private ProviderRequest sent() {
    return provider.requests.get(provider.requests.size() - 1);
  }

  @Nested
  class Emulated {
    private final Llm llm = llm(PLAIN);

    @Test
    void the_format_leaves_the_request_and_the_system_prompt_asks_for_the_schema() {
      replies("{\"name\": \"Ann\", \"age\": 31}");

      llm.complete(asking(FORMAT));

      ChatRequest chat = sent().chat();
      assertThat(chat.responseFormat()).isNull();
      assertThat(chat.messages()).hasSize(2);
      String system = ((SystemMessage) chat.messages().get(0)).text();
      assertThat(system).startsWith("You extract people.\n\nRespond with a single JSON value that conforms to the JSON schema \"person\"");
      assertThat(system).contains("\"required\":[\"name\",\"age\"]");
    }

    @Test
    void without_a_system_prompt_the_instruction_becomes_one() {
      replies("{}");

      llm.complete(ChatRequest.builder().user("hi").responseFormat(ResponseFormat.jsonObject()).build());

      assertThat(sent().chat().messages().get(0)).isEqualTo(
          new SystemMessage("Respond with a single JSON object and nothing else: no prose, no code fences."));
    }

    @Test
    void a_conforming_reply_in_a_code_fence_comes_back_as_the_bare_json() {
      replies("```json\n{\"name\": \"Ann\", \"age\": 31}\n```");

      assertThat(llm.complete(asking(FORMAT)).text()).isEqualTo("{\"name\": \"Ann\", \"age\": 31}");
      assertThat(llm.completeAsync(asking(FORMAT)).join().text()).isEqualTo("{\"name\": \"Ann\", \"age\": 31}");
      assertThat(llm.stream(asking(FORMAT)).collect().text()).isEqualTo("{\"name\": \"Ann\", \"age\": 31}");
    }

    @Test
    void a_reply_that_breaks_the_schema_fails_naming_the_paths_on_every_call_shape() {
      replies("{\"name\": \"Ann\", \"age\": -3, \"city\": \"Oslo\"}");

      for (Throwable t : List.of(
          catchThrowable(() -> llm.complete(asking(FORMAT))),
          unwrap(catchThrowable(() -> llm.completeAsync(asking(FORMAT)).join())),
          catchThrowable(() -> llm.stream(asking(FORMAT)).collect()))) {
        assertThat(t).isInstanceOfSatisfying(StructuredOutputException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
          assertThat(e.formatName()).isEqualTo("person");
          assertThat(e.schemaPaths()).containsExactlyInAnyOrder("$", "$.age");
          assertThat(e.getMessage()).contains("fake/m answered outside the response format 'person' (emulated by instruction)")
              .contains("$.age: ").contains("city");
          assertThat(e.partialResponse()).map(ChatResponse::text).contains("{\"name\": \"Ann\", \"age\": -3, \"city\": \"Oslo\"}");
        });
      }
    }

    @Test
    void a_reply_that_is_not_json_fails_at_the_root() {
      replies("Ann is 31 years old.");

      assertThatThrownBy(() -> llm.complete(asking(FORMAT)))
          .isInstanceOfSatisfying(StructuredOutputException.class, e -> {
            assertThat(e.schemaPaths()).containsExactly("$");
            assertThat(e.getMessage()).endsWith("the reply is not JSON");
          });
    }

    @Test
    void a_json_object_format_refuses_an_array() {
      replies("[1, 2]");

      assertThatThrownBy(() -> llm.complete(ChatRequest.builder().user("hi").responseFormat(ResponseFormat.jsonObject()).build()))
          .isInstanceOfSatisfying(StructuredOutputException.class, e -> assertThat(e.formatName()).isEqualTo("json_object"));
    }

    @Test
    void a_schema_that_is_not_a_json_schema_is_refused_before_sending() {
      ResponseFormat broken = ResponseFormat.jsonSchema("broken", Map.of("type", 42), false);

      assertThatThrownBy(() -> llm.complete(asking(broken)))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("responseFormat 'broken' is not a valid JSON schema: $.type: ");
      assertThat(provider.requests).isEmpty();
    }

    @Test
    void a_schema_that_refers_outside_is_refused_without_reaching_out() {
      ResponseFormat remote = ResponseFormat.jsonSchema("remote", Map.of("$ref", "https://schemas.example.invalid/p.json"), false);
      replies("{}");

      Throwable t = catchThrowable(() -> llm.complete(asking(remote)));

      assertThat(t).isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("responseFormat 'remote' is not a usable JSON schema")
          .hasMessageContaining("llmkit loads no schema from outside");
      assertThat(provider.requests).isEmpty();
    }

    @Test
    void a_reply_with_tool_calls_is_not_checked() {
      provider.answer(r -> FakeProvider.reply("", Usage.of(1, 1)).withMessage(
          dev.llmkit.api.AssistantMessage.ofToolCalls(List.of(new dev.llmkit.api.ToolCall("c1", "f", "{}", Map.of()))),
          dev.llmkit.api.FinishReason.TOOL_CALLS));

      assertThat(llm.complete(asking(FORMAT)).hasToolCalls()).isTrue();
    }
  }

  @Nested
  class Native {
    private final Llm llm = llm(STRUCTURED);

    @Test
    void the_format_goes_to_the_provider_and_the_prompt_is_left_alone() {
      replies("{\"name\": \"Ann\", \"age\": 31}");

      ChatResponse r = llm.complete(asking(FORMAT));

      assertThat(sent().chat().responseFormat()).isEqualTo(FORMAT);
      assertThat(((SystemMessage) sent().chat().messages().get(0)).text()).isEqualTo("You extract people.");
      assertThat(r.text()).isEqualTo("{\"name\": \"Ann\", \"age\": 31}");
    }

    @Test
    void a_native_reply_is_checked_to_be_json_only() {
      replies("{\"name\": \"Ann\"}"); // misses "age": the provider's constraint is trusted

      assertThat(llm.complete(asking(FORMAT)).text()).isEqualTo("{\"name\": \"Ann\"}");
    }

    @Test
    void a_native_reply_that_is_not_json_fails() {
      replies("Sorry, I can't help with that.");

      assertThatThrownBy(() -> llm.stream(asking(FORMAT)).collect())
          .isInstanceOfSatisfying(StructuredOutputException.class, e -> {
            assertThat(e.schemaPaths()).containsExactly("$");
            assertThat(e.getMessage()).contains("(native)");
          });
    }
  }

  @Test
  void a_text_format_changes_nothing() {
    replies("plain words");

    assertThat(llm(PLAIN).complete(asking(ResponseFormat.text())).text()).isEqualTo("plain words");
    assertThat(sent().chat().responseFormat()).isEqualTo(ResponseFormat.text());
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }
}
