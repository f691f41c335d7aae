package dev.llmkit.testkit;

import static dev.llmkit.testkit.ProviderContractTest.API_KEY;
import static dev.llmkit.testkit.ProviderContractTest.collect;
import static dev.llmkit.testkit.ProviderContractTest.hi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.CallRecord;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.MetricsSnapshot;
import dev.llmkit.api.Usage;
import dev.llmkit.spi.ProviderDescriptor.Capability;
import dev.llmkit.testkit.mock.MockReply;
import dev.llmkit.testkit.mock.RecordedRequest;
import dev.llmkit.testkit.mock.WireFeature;
import dev.llmkit.testkit.mock.WireView;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The basics: a completion, what reaches the wire, system prompt, history, usage and its accounting. */
final class BasicsContract {
  private BasicsContract() {}

  interface SimpleCompletion extends ContractPart {
    @Test
    default void aTextReplyComesBackWithStopUsageIdProviderAndModel() {
      server().reply(MockReply.text("Hello from the mock").withId(responseId("simple")));

      ChatResponse response = complete(hi());

      assertThat(response.text()).isEqualTo("Hello from the mock");
      assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
      assertThat(response.rawFinishReason()).isNotBlank();
      assertThat(response.usage().inputTokens()).isNotNull().isPositive();
      assertThat(response.usage().outputTokens()).isNotNull().isPositive();
      if (wireHas(WireFeature.RESPONSE_ID)) {
        assertThat(response.id()).isEqualTo(responseId("simple"));
      }
      assertThat(response.provider()).isEqualTo(providerId());
      assertThat(response.model()).isEqualTo(model());
      assertThat(response.hasToolCalls()).isFalse();
    }

    @Test
    default void theRequestGoesToTheFormatsEndpointWithModelKeyAndUserMessage() {
      server().reply(MockReply.text("ok"));

      complete(hi());

      RecordedRequest request = server().lastRequest();
      WireView wire = request.view();
      assertThat(request.path()).isEqualTo(dialect().requestPath(model(), false));
      assertThat(wire.model()).isEqualTo(model());
      assertThat(wire.stream()).isFalse();
      assertThat(wire.transcript()).containsExactly("user: Hi");
      assertThat(wire.apiKey()).isEqualTo(API_KEY);
      assertThat(wire.problems()).as("what the real API would refuse").isEmpty();
    }

    @Test
    default void scriptedUsageIsReportedInTheNormalizedMeaning() {
      Usage scripted = new Usage(1200L, 300L, 1000L, 150L, 120L);
      server().reply(MockReply.text("cached").withUsage(scripted));

      Usage usage = complete(hi()).usage();

      assertThat(usage.inputTokens()).as("input tokens include cache reads and writes").isEqualTo(1200L);
      assertThat(usage.outputTokens()).as("output tokens include reasoning").isEqualTo(300L);
      assertCount("cache reads", usage.cacheReadTokens(), 1000L, WireFeature.CACHE_READ_USAGE);
      assertCount("cache writes", usage.cacheWriteTokens(), 150L, WireFeature.CACHE_WRITE_USAGE);
      assertCount("reasoning tokens", usage.reasoningTokens(), 120L, WireFeature.REASONING_USAGE);
      assertThat(usage.totalTokens()).isEqualTo(1500L);
    }

    @Test
    default void aLengthStopIsReportedAsLength() {
      server().reply(MockReply.text("cut short").withFinishReason(FinishReason.LENGTH));

      ChatResponse response = complete(hi());

      assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
      assertThat(response.text()).isEqualTo("cut short");
    }

    /** A count the format has always reported must match; one it lacks or added only lately may be absent. */
    private void assertCount(String what, @Nullable Long actual, long scripted, WireFeature reported) {
      if (wireHas(reported)) {
        assertThat(actual).as(what).isEqualTo(scripted);
      } else {
        assertThat(actual).as(what).isIn(null, scripted);
      }
    }
  }

  interface SystemPrompt extends ContractPart {
    @Test
    default void theSystemPromptIsSentAsTheFormatExpects() {
      server().reply(MockReply.text("ok"));

      complete(ChatRequest.builder().system("Answer tersely.").user("Hi").build());

      assertThat(sent().system()).isEqualTo("Answer tersely.");
      assertThat(sent().problems()).as("what the real API would refuse").isEmpty();
      assertThat(sent().transcript()).containsExactly("user: Hi");
      assertThat(sent().problems()).as("what the real API would refuse").isEmpty();
    }
  }

  interface MultiTurn extends ContractPart {
    @Test
    default void theHistoryIsSentInOrder() {
      server().reply(MockReply.text("Your name is Ada."));

      ChatResponse response = complete(ChatRequest.of(
          Message.user("My name is Ada."),
          Message.assistant("Nice to meet you, Ada."),
          Message.user("What is my name?")));

      assertThat(response.text()).isEqualTo("Your name is Ada.");
      assertThat(sent().transcript()).containsExactly(
          "user: My name is Ada.", "assistant: Nice to meet you, Ada.", "user: What is my name?");
    }
  }

  interface UsageAccounting extends ContractPart {
    @Test
    default void aCallIsCountedWithItsTokens() {
      server().reply(MockReply.text("counted").withUsage(Usage.of(30, 7)).withId(responseId("counted")));

      complete(hi());

      MetricsSnapshot snapshot = llm().metrics().snapshot();
      assertThat(snapshot.calls()).isEqualTo(1);
      assertThat(snapshot.failures()).isZero();
      assertThat(snapshot.usage().inputTokens()).isEqualTo(30L);
      assertThat(snapshot.usage().outputTokens()).isEqualTo(7L);
      CallRecord record = snapshot.recentCalls().get(0);
      assertThat(record.failed()).isFalse();
      if (wireHas(WireFeature.RESPONSE_ID)) {
        assertThat(record.responseId()).isEqualTo(responseId("counted"));
      }
      assertThat(record.streamed()).isFalse();
    }

    @Test
    default void aStreamedCallIsCountedWithItsTokens() {
      requireCapability(Capability.STREAMING);
      server().reply(MockReply.text("streamed and counted").withUsage(Usage.of(25, 9)));

      collect(llm().stream(hi()));

      MetricsSnapshot snapshot = llm().metrics().snapshot();
      assertThat(snapshot.calls()).isEqualTo(1);
      assertThat(snapshot.usage().inputTokens()).isEqualTo(25L);
      assertThat(snapshot.usage().outputTokens()).isEqualTo(9L);
      assertThat(snapshot.recentCalls().get(0).streamed()).isTrue();
    }

    @Test
    default void aFailedCallIsCountedAsAFailureWithItsLatency() {
      server().reply(MockReply.serverError().delay(Duration.ofMillis(150)));

      assertThatThrownBy(() -> complete(hi())).isInstanceOf(LlmException.class);

      MetricsSnapshot snapshot = llm().metrics().snapshot();
      assertThat(snapshot.calls()).isEqualTo(1);
      assertThat(snapshot.failures()).isEqualTo(1);
      CallRecord record = snapshot.recentCalls().get(0);
      assertThat(record.error()).isEqualTo(ErrorKind.SERVER_ERROR);
      assertThat(record.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }
  }
}
