package dev.llmkit.testkit;

import static dev.llmkit.testkit.ProviderContractTest.CALL_TIMEOUT;
import static dev.llmkit.testkit.ProviderContractTest.hi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmkit.api.CallAttributes;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.MetricsSnapshot;
import dev.llmkit.api.Usage;
import dev.llmkit.testkit.mock.MockFault;
import dev.llmkit.testkit.mock.MockReply;
import dev.llmkit.testkit.mock.WireFeature;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fault injection: each fault a provider or a network produces, driven through complete,
 * completeAsync and stream against the mock server (WireMock's transport faults included). Each case
 * asserts the outcome (an answer after retries, or the right error kind), how many attempts the
 * server saw, and what the metrics recorded: every attempt once, usage only for the one that answered.
 */
interface FaultsContract extends ContractPart {
  /** Usage the scripted answers report, so doubled counting shows. */
  Usage USAGE = Usage.of(11, 7);

  /** The three call shapes, each run to its end with the suite's timeout. */
  enum Shape {
    COMPLETE, ASYNC, STREAM;

    ChatResponse run(Llm llm) {
      return assertTimeoutPreemptively(CALL_TIMEOUT, () -> switch (this) {
        case COMPLETE -> llm.complete(hi());
        case ASYNC -> unwrap(() -> llm.completeAsync(hi()).get());
        case STREAM -> {
          try (ChatStream s = llm.stream(hi())) {
            yield s.collect();
          }
        }
      });
    }

    LlmException fail(Llm llm) {
      try {
        ChatResponse r = run(llm);
        throw new AssertionError(this + " answered " + r.text() + " where a failure was expected");
      } catch (LlmException e) {
        return e;
      }
    }

    private static ChatResponse unwrap(AsyncCall call) throws Exception {
      try {
        return call.get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
    }

    private interface AsyncCall {
      ChatResponse get() throws Exception;
    }
  }

  /** An Llm with quick retries (and any other settings the case needs). */
  default Llm llmWith(UnaryOperator<LlmConfig.Builder> settings) {
    return suite().newLlm(settings.apply(suite().baseConfig()
        .numRetries(3).retryMinWait(Duration.ofMillis(10)).retryMaxWait(Duration.ofSeconds(2)).retryMultiplier(1.0)));
  }

  static Stream<Arguments> retriedReplies() {
    List<MockReply> faults = List.of(
        MockReply.serverError(),
        MockReply.error(502, "api_error", "Bad gateway"),
        MockReply.error(503, "api_error", "Service unavailable"),
        MockReply.overloaded(),
        MockReply.rateLimited(Duration.ZERO),
        MockReply.fault(MockFault.CONNECTION_RESET),
        MockReply.fault(MockFault.EMPTY_REPLY),
        MockReply.fault(MockFault.RANDOM_DATA_THEN_CLOSE));
    return faults.stream().flatMap(f -> Stream.of(Shape.values()).map(s -> Arguments.of(f, s)));
  }

  @ParameterizedTest(name = "{0} then an answer, {1}")
  @MethodSource("dev.llmkit.testkit.FaultsContract#retriedReplies")
  default void aRetryableFaultIsRetriedAndTheAnswerCountedOnce(MockReply fault, Shape shape) {
    Llm llm = llmWith(b -> b);
    server().reply(fault, MockReply.text("recovered").withUsage(USAGE));

    ChatResponse response = shape.run(llm);

    assertThat(response.text()).isEqualTo("recovered");
    assertThat(response.metadata().attributes().get(CallAttributes.ATTEMPTS)).contains(2);
    assertThat(server().requests()).as("attempts the server saw").hasSize(2);
    MetricsSnapshot metrics = llm.metrics().snapshot();
    assertThat(metrics.calls()).as("each attempt recorded once").isEqualTo(2);
    assertThat(metrics.failures()).isEqualTo(1);
    assertThat(metrics.usage().inputTokens()).as("usage of the answering attempt only").isEqualTo(11);
    assertThat(metrics.usage().outputTokens()).isEqualTo(7);
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  default void retriesStopAtNumRetriesWithTheLastError(Shape shape) {
    Llm llm = llmWith(b -> b.numRetries(2));
    server().reply(MockReply.serverError(), MockReply.serverError(), MockReply.serverError(), MockReply.text("too late"));

    LlmException error = shape.fail(llm);

    assertThat(error.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
    assertThat(server().requests()).hasSize(3);
    assertThat(server().pendingReplies()).isEqualTo(1);
    assertThat(llm.metrics().snapshot().failures()).isEqualTo(3);
  }

  @Test
  default void retryAfterIsWaitedBeforeTheRetry() {
    assumeTrue(wireHas(WireFeature.RETRY_AFTER), "the wire carries no retry hint");
    Llm llm = llmWith(b -> b);
    server().reply(MockReply.rateLimited(Duration.ofSeconds(1)), MockReply.text("after the wait"));

    long start = System.nanoTime();
    ChatResponse response = Shape.COMPLETE.run(llm);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(response.text()).isEqualTo("after the wait");
    assertThat(took).as("the server's Retry-After of 1 s was honoured").isGreaterThanOrEqualTo(Duration.ofMillis(900));
  }

  @Test
  default void aRetryAfterAboveTheCapFailsAtOnceWithTheHint() {
    assumeTrue(wireHas(WireFeature.RETRY_AFTER), "the wire carries no retry hint");
    Llm llm = llmWith(b -> b.retryMaxWait(Duration.ofSeconds(1)));
    server().reply(MockReply.rateLimited(Duration.ofSeconds(30)), MockReply.text("never"));

    long start = System.nanoTime();
    LlmException error = Shape.COMPLETE.fail(llm);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(error.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(server().requests()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  default void aNonRetryableErrorIsSentOnce(Shape shape) {
    Llm llm = llmWith(b -> b);
    server().reply(MockReply.authenticationError(), MockReply.text("never"));

    LlmException error = shape.fail(llm);

    assertThat(error.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
    assertThat(server().requests()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(value = Shape.class, names = {"COMPLETE", "ASYNC"})
  default void a200ThatIsNotJsonIsAMalformedResponseNotRetried(Shape shape) {
    Llm llm = llmWith(b -> b);
    server().reply(MockReply.raw(200, "application/json", "{\"choices\": [ {\"oops"), MockReply.text("never"));

    LlmException error = shape.fail(llm);

    assertThat(error.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    assertThat(server().requests()).hasSize(1);
  }

  @Test
  default void aStreamCutBeforeItsEndFailsWithWhatArrivedAndIsNotRetried() {
    Llm llm = llmWith(b -> b);
    server().reply(MockReply.text("one two three four five six").inChunks(6).truncated(), MockReply.text("never"));

    LlmException error = Shape.STREAM.fail(llm);

    assertThat(error.midStream()).isTrue();
    assertThat(error.partialResponse()).isPresent();
    assertThat(error.partialResponse().get().text()).isNotEmpty();
    assertThat(server().requests()).as("events had reached the caller: no retry").hasSize(1);
  }

  @Test
  default void anErrorEventMidStreamFailsWithWhatArrivedAndIsNotRetried() {
    Llm llm = llmWith(b -> b);
    server().reply(MockReply.text("one two three four five six").inChunks(6).midStreamError(), MockReply.text("never"));

    LlmException error = Shape.STREAM.fail(llm);

    assertThat(error.midStream()).isTrue();
    assertThat(error.httpStatus()).hasValue(200);
    assertThat(error.partialResponse().map(ChatResponse::text).orElse("")).isNotEmpty();
    assertThat(server().requests()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  default void aServerThatStallsBeforeTheFirstByteEndsInATimeoutWithinTheDeadline(Shape shape) {
    Llm llm = llmWith(b -> b.timeout(Duration.ofMillis(400)));
    server().reply(MockReply.hang().stallFor(Duration.ofSeconds(5)), MockReply.text("never"));

    long start = System.nanoTime();
    LlmException error = shape.fail(llm);

    assertThat(error.kind()).isEqualTo(ErrorKind.TIMEOUT);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the deadline bounds the call, retries included")
        .isLessThan(Duration.ofSeconds(3));
  }

  @Test
  default void aStreamThatStallsMidwayEndsInAnIdleTimeoutWithWhatArrived() {
    Llm llm = llmWith(b -> b.streamIdleTimeout(Duration.ofMillis(300)));
    server().reply(MockReply.text("one two three four five six").inChunks(6).stallMidStream().stallFor(Duration.ofSeconds(5)),
        MockReply.text("never"));

    long start = System.nanoTime();
    LlmException error = Shape.STREAM.fail(llm);

    assertThat(error.kind()).isEqualTo(ErrorKind.TIMEOUT);
    assertThat(error.partialResponse().map(ChatResponse::text).orElse("")).isNotEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  default void aSlowlyDribbledStreamWhoseGapsStayUnderTheIdleTimeoutSucceeds() {
    Llm llm = llmWith(b -> b.streamIdleTimeout(Duration.ofMillis(500)));
    server().reply(MockReply.text("one two three four five six seven eight").inChunks(8).withUsage(USAGE)
        .dribbled(Duration.ofMillis(900)));

    ChatResponse response = Shape.STREAM.run(llm);

    assertThat(response.text()).isEqualTo("one two three four five six seven eight");
    assertThat(server().requests()).hasSize(1);
  }
}
