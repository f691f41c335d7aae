package dev.llmkit.core.fncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.FunctionCallValidationException;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.Message;
import dev.llmkit.api.SystemMessage;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolMessage;
import dev.llmkit.api.UserMessage;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConversationRendererTest {
  private final ConversationRenderer renderer =
      new ConversationRenderer(OpenHandsGolden.schemas(), OpenHandsGolden.MODEL, true);

  @Test
  void the_openhands_conversation_is_written_as_openhands_writes_it() {
    ConversationRenderer.Rendered rendered = renderer.render(OpenHandsGolden.fncallMessages(), Set.of());

    List<String[]> expected = OpenHandsGolden.nonFncallMessages();
    assertThat(rendered.messages()).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      Message m = rendered.messages().get(i);
      assertThat(m.role()).as("role of message %d", i).isEqualTo(expected.get(i)[0]);
      assertThat(text(m)).as("text of message %d", i).isEqualTo(expected.get(i)[1]);
    }
    assertThat(rendered.priorCalls()).isEqualTo(3);
    assertThat(rendered.callIds()).containsExactlyInAnyOrder("toolu_01", "toolu_02", "toolu_03");
  }

  @Test
  void without_the_example_the_first_user_message_is_left_as_it_is() {
    ConversationRenderer plain = new ConversationRenderer(OpenHandsGolden.schemas(), OpenHandsGolden.MODEL, false);
    List<Message> messages = OpenHandsGolden.fncallMessages();

    assertThat(plain.render(messages, Set.of()).messages().get(1)).isEqualTo(messages.get(1));
  }

  @Test
  void a_system_message_is_added_when_there_is_none_and_marks_move_with_their_messages() {
    ToolCall call = new ToolCall("c1", "execute_bash", "{\"command\": \"ls\"}");
    List<Message> messages = List.of(Message.user("list files"), AssistantMessage.ofToolCalls(List.of(call)),
        new ToolMessage("c1", "execute_bash", "a.txt", false));

    ConversationRenderer.Rendered rendered = renderer.render(messages, Set.of(0, 2));

    assertThat(rendered.messages().get(0)).isEqualTo(new SystemMessage(OpenHandsGolden.text("system-suffix.txt")));
    assertThat(rendered.messages().get(3)).isEqualTo(Message.user("EXECUTION RESULT of [execute_bash]:\na.txt"));
    assertThat(text(rendered.messages().get(2))).isEqualTo("<function=execute_bash>\n<parameter=command>ls</parameter>\n</function>");
    assertThat(rendered.cacheBreakpoints()).containsExactly(1, 3);
  }

  @Test
  void images_of_user_messages_are_kept_and_the_example_wraps_a_message_that_starts_with_one() {
    ContentPart.Image image = ContentPart.Image.ofUrl("https://example.com/screen.png");
    List<Message> messages = List.of(Message.system("sys"), Message.user(image, ContentPart.text("what is this?")),
        Message.user(ContentPart.text("and this?"), image));

    List<Message> out = renderer.render(messages, Set.of()).messages();

    UserMessage first = (UserMessage) out.get(1);
    assertThat(first.content()).hasSize(4);
    assertThat(first.content().get(0)).isEqualTo(ContentPart.text(OpenHandsGolden.text("example-openhands-tools.txt")));
    assertThat(first.content().subList(1, 3)).containsExactly(image, ContentPart.text("what is this?"));
    assertThat(first.content().get(3)).isEqualTo(ContentPart.text(OpenHandsGolden.text("example-suffix.txt")));
    assertThat(out.get(2)).isEqualTo(messages.get(2));
  }

  @Test
  void parallel_calls_are_split_into_single_call_turns_each_followed_by_its_result() {
    ToolCall one = new ToolCall("call1", "execute_bash", "{\"command\": \"ls\"}");
    ToolCall two = new ToolCall("call2", "execute_bash", "{\"command\": \"pwd\"}");
    List<Message> messages = List.of(Message.system("sys"), Message.user("go"),
        new AssistantMessage("Let me help you with that.", List.of(one, two), List.of()),
        new ToolMessage("call1", "execute_bash", "Result 1", false),
        new ToolMessage("call2", "execute_bash", "Result 2", false));

    ConversationRenderer.Rendered rendered = renderer.render(messages, Set.of(4));

    List<Message> out = rendered.messages();
    assertThat(out).hasSize(6);
    assertThat(text(out.get(2))).isEqualTo(
        "Let me help you with that.\n\n<function=execute_bash>\n<parameter=command>ls</parameter>\n</function>");
    assertThat(text(out.get(3))).isEqualTo("EXECUTION RESULT of [execute_bash]:\nResult 1");
    assertThat(text(out.get(4))).isEqualTo("<function=execute_bash>\n<parameter=command>pwd</parameter>\n</function>");
    assertThat(text(out.get(5))).isEqualTo("EXECUTION RESULT of [execute_bash]:\nResult 2");
    assertThat(rendered.priorCalls()).isEqualTo(2);
    assertThat(rendered.cacheBreakpoints()).containsExactly(5);
  }

  @Test
  void parallel_calls_whose_results_do_not_follow_are_refused() {
    ToolCall one = new ToolCall("call1", "execute_bash", "{}");
    ToolCall two = new ToolCall("call2", "execute_bash", "{}");
    List<Message> messages = List.of(Message.user("go"), new AssistantMessage(null, List.of(one, two), List.of()),
        new ToolMessage("call1", "execute_bash", "Result 1", false), Message.user("next"));

    assertThatThrownBy(() -> renderer.render(messages, Set.of()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("messages[1] made several tool calls, and the results of [call2] do not follow it");
  }

  @Test
  void a_history_call_with_broken_arguments_is_refused() {
    List<Message> messages = List.of(Message.user("go"),
        AssistantMessage.ofToolCalls(List.of(new ToolCall("c", "execute_bash", "{\"command\": \"ls\", oops"))));

    assertThatThrownBy(() -> renderer.render(messages, Set.of()))
        .isInstanceOf(FunctionCallValidationException.class)
        .hasMessageContaining("tool call 'execute_bash' (id c)");
  }

  @Test
  void a_tool_result_becomes_an_execution_result_message() {
    assertThat(ConversationRenderer.toolResult(new ToolMessage("id", "browser", "page text", true)))
        .isEqualTo(Message.user("EXECUTION RESULT of [browser]:\npage text"));
  }

  @Test
  void a_tool_result_with_a_screenshot_keeps_the_image_after_its_prefixed_text() {
    ContentPart.Image shot = ContentPart.Image.ofBytes(new byte[] {1, 2, 3}, "image/png");
    ContentPart.Image only = ContentPart.Image.ofUrl("https://example.test/a.png");

    assertThat(ConversationRenderer.toolResult(ToolMessage.of("id", "browser", List.of(ContentPart.text("page"), shot))))
        .isEqualTo(Message.user(ContentPart.text("EXECUTION RESULT of [browser]:\npage"), shot));
    assertThat(ConversationRenderer.toolResult(ToolMessage.of("id", "browser", List.of(only))))
        .isEqualTo(Message.user(ContentPart.text("EXECUTION RESULT of [browser]:\n"), only));
  }

  static String text(Message m) {
    if (m instanceof SystemMessage s) {
      return s.text();
    }
    if (m instanceof UserMessage u) {
      return u.text();
    }
    return ((AssistantMessage) m).textOrEmpty();
  }
}
