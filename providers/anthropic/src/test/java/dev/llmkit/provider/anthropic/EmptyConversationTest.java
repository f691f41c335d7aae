package dev.llmkit.provider.anthropic;

import static dev.llmkit.provider.anthropic.TransportSecurityTest.WIRE;
import static dev.llmkit.testkit.security.TransportSecurityContract.assertRefusedBeforeSending;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.Message;
import dev.llmkit.api.UserMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A conversation the API would reject for having no user turn, or an empty text block, is refused before it is sent. */
class EmptyConversationTest {

  @Test
  void aRequestWithOnlyASystemMessageIsAnInvalidRequestOnEveryCallShape() throws Exception {
    ChatRequest onlySystem = ChatRequest.builder().system("You are terse.").build();

    assertRefusedBeforeSending(WIRE, onlySystem, e -> {
      assertThat(e).isInstanceOf(InvalidRequestException.class);
      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(e.getMessage()).contains("no user message").contains("only a system prompt");
    });
  }

  @Test
  void anEmptyTextBlockIsAnInvalidRequestNamingTheMessage() throws Exception {
    ChatRequest emptyText = ChatRequest.builder().system("s")
        .message(new UserMessage(List.of(new ContentPart.Text("look:"), new ContentPart.Text(""))))
        .message(Message.user("  ")).build();

    assertRefusedBeforeSending(WIRE, emptyText, e -> assertThat(e)
        .isInstanceOfSatisfying(InvalidRequestException.class, invalid -> assertThat(invalid.problems())
            .containsExactly(
                "messages[1] has an empty text part; Anthropic rejects empty text blocks: remove it or give it text",
                "messages[2] has an empty text part; Anthropic rejects empty text blocks: remove it or give it text")));
  }
}
