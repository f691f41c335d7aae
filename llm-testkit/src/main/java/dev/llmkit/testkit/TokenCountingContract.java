package dev.llmkit.testkit;

import static dev.llmkit.testkit.ProviderContractTest.CALL_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.spi.ProviderDescriptor.Capability;
import dev.llmkit.testkit.mock.RecordedRequest;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Token counting: a provider that declares it counts, on the format's endpoint where it has one. */
interface TokenCountingContract extends ContractPart {
  @BeforeEach
  default void requireTokenCounting() {
    requireCapability(Capability.TOKEN_COUNTING);
  }

  @Test
  default void theProviderCountsInputTokensThroughTheEngine() {
    OptionalLong count = assertTimeoutPreemptively(CALL_TIMEOUT, () -> llm().countInputTokens(
        ChatRequest.builder().system("Be brief.").user("Count the tokens of this question, please.").build()));

    assertThat(count).as("a provider declaring TOKEN_COUNTING counts").isPresent();
    assertThat(count.getAsLong()).isPositive();
    dialect().tokenCountPath(model()).ifPresent(path -> {
      RecordedRequest sent = server().lastRequest();
      assertThat(sent.path()).isEqualTo(path);
      assertThat(sent.model()).isEqualTo(model());
      assertThat(sent.view().system()).isEqualTo("Be brief.");
    });
  }
}
