package dev.llmkit.provider.gemini;

import static dev.llmkit.provider.gemini.SecurityFixtures.provider;
import static dev.llmkit.provider.gemini.SecurityFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.provider.gemini.SecurityFixtures.Loopback;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.LlmException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A conversation the API would reject for having no user turn is refused before it is sent. */
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
}
