package dev.llmkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChatRequestTest {
  private static final ToolSpec LOOKUP = ToolSpec.of("lookup", "Stock level for a SKU",
      Map.of("type", "object", "properties", Map.of("sku", Map.of("type", "string"))));

  private static ChatRequest full() {
    return ChatRequest.builder()
        .system("Answer tersely.")
        .user("What is in stock?")
        .message(Message.assistant("Let me check."))
        .tool(LOOKUP)
        .toolChoice(ToolChoice.tool("lookup"))
        .parallelToolCalls(false)
        .temperature(0.2)
        .topP(0.9)
        .topK(40)
        .maxOutputTokens(800)
        .stop(List.of("\n\nEND"))
        .seed(42L)
        .reasoningEffort(ReasoningEffort.LOW)
        .responseFormat(ResponseFormat.jsonObject())
        .extraParam("service_tier", "flex")
        .build();
  }

  @Nested
  class Building {

    @Test
    void theBuilderSetsEveryField() {
      ChatRequest r = full();

      assertThat(r.messages()).extracting(Message::role).containsExactly("system", "user", "assistant");
      assertThat(((SystemMessage) r.messages().get(0)).text()).isEqualTo("Answer tersely.");
      assertThat(((UserMessage) r.messages().get(1)).text()).isEqualTo("What is in stock?");
      assertThat(r.tools()).containsExactly(LOOKUP);
      assertThat(r.toolChoice()).isEqualTo(ToolChoice.tool("lookup"));
      assertThat(r.parallelToolCalls()).isFalse();
      assertThat(r.temperature()).isEqualTo(0.2);
      assertThat(r.topP()).isEqualTo(0.9);
      assertThat(r.topK()).isEqualTo(40);
      assertThat(r.maxOutputTokens()).isEqualTo(800);
      assertThat(r.stop()).containsExactly("\n\nEND");
      assertThat(r.seed()).isEqualTo(42L);
      assertThat(r.reasoningEffort()).isEqualTo(ReasoningEffort.LOW);
      assertThat(r.responseFormat()).isEqualTo(ResponseFormat.jsonObject());
      assertThat(r.extraParams()).containsExactly(Map.entry("service_tier", "flex"));
    }

    @Test
    void unsetSettingsAreNullAndCollectionsEmpty() {
      ChatRequest r = ChatRequest.of(Message.user("hi"));

      assertThat(r.tools()).isEmpty();
      assertThat(r.stop()).isEmpty();
      assertThat(r.extraParams()).isEmpty();
      assertThat(r.toolChoice()).isNull();
      assertThat(r.temperature()).isNull();
      assertThat(r.maxOutputTokens()).isNull();
      assertThat(r.responseFormat()).isNull();
    }

    @Test
    void listSettersReplaceWhileSingleSettersAppend() {
      ChatRequest r = ChatRequest.builder()
          .user("dropped")
          .messages(List.of(Message.user("kept")))
          .user("appended")
          .tool(LOOKUP)
          .tools(List.of())
          .extraParam("a", 1)
          .extraParams(Map.of("b", 2))
          .build();

      assertThat(r.messages()).extracting(m -> ((UserMessage) m).text()).containsExactly("kept", "appended");
      assertThat(r.tools()).isEmpty();
      assertThat(r.extraParams()).containsOnlyKeys("b");
    }

    @Test
    void nullMessagesAndToolsAreRejected() {
      assertThatThrownBy(() -> ChatRequest.builder().message(null)).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> ChatRequest.builder().tool(null)).isInstanceOf(NullPointerException.class);
    }
  }

  @Nested
  class Copies {

    @Test
    void toBuilderRoundTripsEveryField() {
      ChatRequest original = full();

      ChatRequest copy = original.toBuilder().build();

      assertThat(copy).isEqualTo(original);
      assertThat(copy.hashCode()).isEqualTo(original.hashCode());
    }

    @Test
    void changingACopyLeavesTheOriginalAlone() {
      ChatRequest original = full();

      ChatRequest changed = original.toBuilder().user("one more").temperature(1.0).extraParam("x", true).build();

      assertThat(original).isEqualTo(full());
      assertThat(changed.messages()).hasSize(4);
      assertThat(changed.temperature()).isEqualTo(1.0);
      assertThat(changed.extraParams()).containsKeys("service_tier", "x");
    }

    @Test
    void withMessagesReplacesOnlyTheMessages() {
      ChatRequest original = full();

      ChatRequest replaced = original.withMessages(List.of(Message.user("only")));

      assertThat(replaced.messages()).hasSize(1);
      assertThat(replaced.toBuilder().messages(original.messages()).build()).isEqualTo(original);
    }

    @Test
    void aBuilderCanBeReusedWithoutAffectingWhatItBuilt() {
      ChatRequest.Builder b = ChatRequest.builder().user("first");
      ChatRequest first = b.build();

      b.user("second").stop(List.of("x"));

      assertThat(first.messages()).hasSize(1);
      assertThat(first.stop()).isEmpty();
    }
  }

  @Nested
  class Immutability {

    @Test
    void everyCollectionIsUnmodifiable() {
      ChatRequest r = full();

      assertThatThrownBy(() -> r.messages().add(Message.user("x"))).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> r.tools().clear()).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> r.stop().add("y")).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> r.extraParams().put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void changingTheInputCollectionsAfterwardsChangesNothing() {
      List<Message> messages = new ArrayList<>(List.of(Message.user("a")));
      List<String> stop = new ArrayList<>(List.of("s"));
      Map<String, Object> extra = new HashMap<>(Map.of("k", 1));
      ChatRequest r = ChatRequest.builder().messages(messages).stop(stop).extraParams(extra).build();

      messages.add(Message.user("b"));
      stop.add("t");
      extra.put("j", 2);

      assertThat(r.messages()).hasSize(1);
      assertThat(r.stop()).containsExactly("s");
      assertThat(r.extraParams()).containsOnlyKeys("k");
    }

    @Test
    void theRecordConstructorCopiesToo() {
      List<Message> messages = new ArrayList<>(List.of(Message.user("a")));
      ChatRequest r = new ChatRequest(messages, List.of(), null, null, null, null, null, null, List.of(), null, null,
          null, Map.of());

      messages.clear();

      assertThat(r.messages()).hasSize(1);
    }

    @Test
    void nullElementsAreRejected() {
      List<String> stop = new ArrayList<>();
      stop.add(null);

      assertThatThrownBy(() -> ChatRequest.builder().user("x").stop(stop).build())
          .isInstanceOf(NullPointerException.class);
    }
  }

  @Test
  void hasImagesLooksAtUserMessagesOnly() {
    ChatRequest text = ChatRequest.of(Message.system("s"), Message.user("u"));
    ChatRequest image = ChatRequest.of(Message.user(ContentPart.Image.ofUrl("https://x/y.png")));

    assertThat(text.hasImages()).isFalse();
    assertThat(image.hasImages()).isTrue();
  }
}
