package dev.llmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.CallRecord;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmTimeoutException;
import dev.llmkit.api.Message;
import dev.llmkit.api.Usage;
import dev.llmkit.core.fake.FakeProvider;
import dev.llmkit.core.fake.FakeProviderFactory;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeadlineTest {
  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private final FakeProviderFactory factory = new FakeProviderFactory();
  private final FakeProvider provider = factory.provider();
  private final Llm llm = Llms.builder()
      .config(LlmConfig.builder().model("fake/m").timeout(TIMEOUT).build())
      .registry(PluginRegistry.of(List.of(factory), List.of()))
      .build();
  private final ChatRequest hello = ChatRequest.of(Message.user("hello"));

  @Test
  void a_sync_call_past_its_deadline_is_cancelled_and_fails_with_a_timeout() {
    provider.holdAsync();

    assertThatThrownBy(() -> llm.complete(hello))
        .isInstanceOf(LlmTimeoutException.class)
        .hasMessageContaining("did not finish within PT0.3S (LlmConfig.timeout)");

    assertThat(provider.pendingAsync()).isCancelled();
    assertThat(llm.metrics().snapshot().recentCalls()).singleElement()
        .extracting(CallRecord::error).isEqualTo(ErrorKind.TIMEOUT);
  }

  @Test
  void a_sync_call_within_its_deadline_returns_normally() {
    assertThat(llm.complete(hello).text()).isEqualTo("ok");
  }

  @Test
  void an_async_call_past_its_deadline_fails_once_even_if_the_answer_comes_later() {
    provider.holdAsync();
    CompletableFuture<ChatResponse> f = llm.completeAsync(hello);

    assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(LlmTimeoutException.class);
    assertThat(provider.pendingAsync()).isCancelled();
    provider.pendingAsync().complete(FakeProvider.reply("late", Usage.of(1, 1)));

    assertThat(llm.metrics().snapshot().calls()).isEqualTo(1);
    assertThat(llm.metrics().snapshot().failures()).isEqualTo(1);
  }

  @Test
  void a_stream_whose_first_event_never_comes_fails_with_a_timeout_and_is_cancelled() {
    ChatStream stream = llm.stream(hello);
    Iterator<ChatEvent> it = stream.iterator();

    assertThatThrownBy(it::hasNext)
        .isInstanceOfSatisfying(LlmTimeoutException.class, e -> assertThat(e.midStream()).isFalse())
        .hasMessageContaining("first event");
    assertThat(provider.lastStream.getNumberOfSubscribers()).isZero();
    assertThat(llm.metrics().snapshot().recentCalls()).singleElement()
        .extracting(CallRecord::error).isEqualTo(ErrorKind.TIMEOUT);
  }

  @Test
  void a_stream_that_pauses_after_some_output_fails_mid_stream_keeping_what_arrived() {
    ChatStream stream = llm.stream(hello);
    Iterator<ChatEvent> it = stream.iterator();
    provider.lastStream.submit(new ChatEvent.TextDelta("partial"));

    assertThat(it.next()).isEqualTo(new ChatEvent.TextDelta("partial"));
    assertThatThrownBy(it::hasNext)
        .isInstanceOfSatisfying(LlmTimeoutException.class, e -> assertThat(e.midStream()).isTrue());
  }

  @Test
  void a_stream_that_completes_in_time_is_not_cut() {
    ChatStream stream = llm.stream(hello);
    Iterator<ChatEvent> it = stream.iterator();
    provider.lastStream.submit(new ChatEvent.TextDelta("a"));
    provider.lastStream.submit(new ChatEvent.Completed(FakeProvider.reply("a", Usage.of(1, 1))));
    provider.lastStream.close();

    int events = 0;
    while (it.hasNext()) {
      it.next();
      events++;
    }
    assertThat(events).isEqualTo(2);
    assertThat(llm.metrics().snapshot().failures()).isZero();
  }
}
