package dev.llmkit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssistantMessageTest {
  static final ToolCall CALL_A = new ToolCall("a", "f", "{}");
  static final ToolCall CALL_B = new ToolCall("b", "g", "{\"x\":1}", Map.of("gemini.thoughtSignature", "s"));

  @Test
  void theThreePartFormOrdersReasoningTextThenCalls() {
    AssistantMessage m = new AssistantMessage("hi", List.of(CALL_A), List.of(Reasoning.of("think")));

    assertThat(m.blocks()).containsExactly(Reasoning.of("think"), AssistantBlock.text("hi"), CALL_A);
    assertThat(m).isEqualTo(AssistantMessage.ofBlocks(Reasoning.of("think"), AssistantBlock.text("hi"), CALL_A));
  }

  @Test
  void accessorsAreViewsOfInterleavedBlocks() {
    AssistantMessage m = AssistantMessage.ofBlocks(
        new Reasoning("one ", "s1", null), CALL_A, Reasoning.redacted("r"),
        new AssistantBlock.Opaque("anthropic", "web_search_tool_result", "{\"text\":\"not the answer\"}"),
        AssistantBlock.text("Hello, "), CALL_B, AssistantBlock.text("world."));

    assertThat(m.text()).isEqualTo("Hello, world.");
    assertThat(m.textOrEmpty()).isEqualTo("Hello, world.");
    assertThat(m.toolCalls()).containsExactly(CALL_A, CALL_B);
    assertThat(m.reasoning()).containsExactly(new Reasoning("one ", "s1", null), Reasoning.redacted("r"));
    assertThat(m.reasoningText()).isEqualTo("one ");
    assertThat(m.opaqueBlocks()).extracting(AssistantBlock.Opaque::type).containsExactly("web_search_tool_result");
  }

  @Test
  void noTextBlockMeansNoTextAndACallOnlyTurnHasEmptyText() {
    AssistantMessage m = AssistantMessage.ofToolCalls(List.of(CALL_A));

    assertThat(m.text()).isNull();
    assertThat(m.textOrEmpty()).isEmpty();
    assertThat(m.blocks()).containsExactly(CALL_A);
    assertThat(AssistantMessage.of("").text()).isEmpty();
  }

  @Test
  void blocksAreAnImmutableCopy() {
    List<AssistantBlock> source = new java.util.ArrayList<>(List.of(AssistantBlock.text("a")));
    AssistantMessage m = AssistantMessage.ofBlocks(source);
    source.add(CALL_A);

    assertThat(m.blocks()).containsExactly(AssistantBlock.text("a"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.blocks().add(CALL_A))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
