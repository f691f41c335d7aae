package dev.llmkit.testkit;

import static dev.llmkit.testkit.ProviderContractTest.CALL_TIMEOUT;
import static dev.llmkit.testkit.ProviderContractTest.hi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.llmkit.api.AuthenticationException;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.LlmTimeoutException;
import dev.llmkit.spi.ProviderDescriptor.Capability;
import dev.llmkit.testkit.mock.MockReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cancellation and deadlines: async calls, cancelled futures, timeouts, closed and stalled streams. */
final class CancellationContract {
  private CancellationContract() {}

  interface Async extends ContractPart {
    @Test
    default void completeAsyncReturnsTheResponse() {
      server().reply(MockReply.text("async hello"));

      ChatResponse response = assertTimeoutPreemptively(CALL_TIMEOUT, () -> llm().completeAsync(hi()).join());

      assertThat(response.text()).isEqualTo("async hello");
    }

    @Test
    default void completeAsyncFailsWithTheTypedException() {
      server().reply(MockReply.authenticationError());

      CompletableFuture<ChatResponse> future = llm().completeAsync(hi());

      assertTimeoutPreemptively(CALL_TIMEOUT, () -> assertThatThrownBy(future::join)
          .hasCauseInstanceOf(AuthenticationException.class));
    }

    @Test
    default void cancellingWhileTheServerDelaysEndsTheFutureAsCancelledPromptly() {
      server().reply(MockReply.text("too late").delay(Duration.ofSeconds(30)));
      CompletableFuture<ChatResponse> future = llm().completeAsync(hi());
      server().awaitRequests(1, CALL_TIMEOUT);

      assertTimeoutPreemptively(Duration.ofSeconds(3), () -> {
        assertThat(future.cancel(true)).isTrue();
        assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
      });
      assertThat(future.isCancelled()).isTrue();
    }
  }

  interface Deadlines extends ContractPart {
    Duration TIMEOUT = Duration.ofMillis(800);
    Duration STALL = Duration.ofSeconds(4);

    @Test
    default void aServerThatNeverAnswersFailsTheCallWithATimeout() {
      server().reply(MockReply.hang().stallFor(STALL));

      LlmException e = assertTimeoutPreemptively(CALL_TIMEOUT,
          () -> catchThrowableOfType(LlmException.class, () -> withTimeout().complete(hi())));

      assertThat(e).isInstanceOf(LlmTimeoutException.class);
      assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
    }

    @Test
    default void anAsyncCallPastItsDeadlineFailsWithATimeout() {
      server().reply(MockReply.hang().stallFor(STALL));

      CompletableFuture<ChatResponse> future = withTimeout().completeAsync(hi());

      assertTimeoutPreemptively(CALL_TIMEOUT, () -> assertThatThrownBy(future::join)
          .hasCauseInstanceOf(LlmTimeoutException.class));
    }

    @Test
    default void aStreamThatStallsMidwayFailsWithATimeoutAfterThePartialOutput() {
      requireCapability(Capability.STREAMING);
      server().reply(MockReply.text("one two three four five six seven eight").inChunks(8).stallMidStream().stallFor(STALL));
      List<ChatEvent> seen = new ArrayList<>();

      LlmException e = assertTimeoutPreemptively(CALL_TIMEOUT, () -> catchThrowableOfType(LlmException.class, () -> {
        try (ChatStream stream = withTimeout().stream(hi())) {
          stream.forEach(seen::add);
        }
      }));

      assertThat(e).isInstanceOf(LlmTimeoutException.class);
      assertThat(e.midStream()).isTrue();
      assertThat(seen).anySatisfy(event -> assertThat(event).isInstanceOf(ChatEvent.TextDelta.class));
    }

    private Llm withTimeout() {
      return suite().newLlm(suite().baseConfig().timeout(TIMEOUT));
    }
  }

  interface StreamCancellation extends ContractPart {
    @BeforeEach
    default void requireStreaming() {
      requireCapability(Capability.STREAMING);
    }

    @Test
    default void closingMidStreamStopsTheEventsAndDoesNotHang() throws InterruptedException {
      server().reply(MockReply.text("word ".repeat(40)).inChunks(40));
      ChatStream stream = llm().stream(hi());
      CountDownLatch firstEvent = new CountDownLatch(1);
      CountDownLatch laterEvent = new CountDownLatch(1);
      AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
      AtomicInteger afterClose = new AtomicInteger();
      AtomicBoolean closed = new AtomicBoolean();
      stream.subscribe(new Flow.Subscriber<>() {
        @Override
        public void onSubscribe(Flow.Subscription s) {
          subscription.set(s);
          s.request(1);
        }

        @Override
        public void onNext(ChatEvent item) {
          if (closed.get()) {
            afterClose.incrementAndGet();
            laterEvent.countDown();
          } else {
            firstEvent.countDown();
          }
        }

        @Override
        public void onError(Throwable throwable) {}

        @Override
        public void onComplete() {}
      });

      assertThat(firstEvent.await(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      closed.set(true);
      assertTimeoutPreemptively(Duration.ofSeconds(3), stream::close);
      subscription.get().request(100);

      assertThat(laterEvent.await(300, TimeUnit.MILLISECONDS)).as("no event after close()").isFalse();
      assertThat(afterClose).hasValue(0);
    }

    @Test
    default void leavingAStalledStreamAndClosingItDoesNotHang() {
      server().reply(MockReply.text("one two three four").inChunks(4).stallMidStream());

      assertTimeoutPreemptively(CALL_TIMEOUT, () -> {
        try (ChatStream stream = llm().stream(hi())) {
          for (ChatEvent e : stream) {
            if (e instanceof ChatEvent.TextDelta) {
              break;
            }
          }
        }
      });
    }
  }
}
