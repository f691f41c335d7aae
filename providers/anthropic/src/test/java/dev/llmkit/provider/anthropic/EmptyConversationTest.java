package dev.llmkit.provider.anthropic;

import static dev.llmkit.provider.anthropic.SecurityFixtures.provider;
import static dev.llmkit.provider.anthropic.SecurityFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.provider.anthropic.SecurityFixtures.Loopback;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.UserMessage;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A conversation the API would reject for having no user turn, or an empty text block, is refused before it is sent. */
class EmptyConversationTest {
  private Loopback server;

  @BeforeEach
  void start() throws Exception {
    server = new Loopback();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aRequestWithOnlyASystemMessageIsAnInvalidRequestOnEveryCallShape() {
    ChatRequest onlySystem = ChatRequest.builder().system("You are terse.").build();

    for (LlmException e : TransportSecurityTest.failures(provider(server), request(onlySystem))) {
      assertThat(e).isInstanceOf(InvalidRequestException.class);
      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(e.getMessage()).contains("no user message").contains("only a system prompt");
    }
    assertThat(server.requests).isEmpty();
  }

  @Test
  void anEmptyTextBlockIsAnInvalidRequestNamingTheMessage() {
    ChatRequest emptyText = ChatRequest.builder().system("s")
        .message(new UserMessage(List.of(new ContentPart.Text("look:"), new ContentPart.Text(""))))
        .message(Message.user("  ")).build();

    for (LlmException e : TransportSecurityTest.failures(provider(server), request(emptyText))) {
      assertThat(e).isInstanceOfSatisfying(InvalidRequestException.class, invalid -> assertThat(invalid.problems())
          .containsExactly(
              "messages[1] has an empty text part; Anthropic rejects empty text blocks: remove it or give it text",
              "messages[2] has an empty text part; Anthropic rejects empty text blocks: remove it or give it text"));
    }
    assertThat(server.requests).isEmpty();
  }
}
