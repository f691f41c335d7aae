package dev.llmkit.provider.gemini;

import static dev.llmkit.provider.gemini.TransportSecurityTest.WIRE;
import static dev.llmkit.testkit.security.TransportSecurityContract.assertRefusedBeforeSending;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.InvalidRequestException;
import org.junit.jupiter.api.Test;

/** A conversation the API would reject for having no user turn is refused before it is sent. */
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
}
