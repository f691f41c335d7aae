package dev.llmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.AuthenticationException;
import dev.llmkit.api.CallRecord;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.ContextWindowExceededException;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.LlmTimeoutException;
import dev.llmkit.api.Message;
import dev.llmkit.api.MetricsSnapshot;
import dev.llmkit.api.RateLimitException;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolSpec;
import dev.llmkit.api.Usage;
import dev.llmkit.core.Llms;
import dev.llmkit.spi.ProviderDescriptor.Capability;
import dev.llmkit.spi.ProviderFactory;
import dev.llmkit.testkit.mock.MockLlmServer;
import dev.llmkit.testkit.mock.MockLlmServer.WireFormat;
import dev.llmkit.testkit.mock.MockReply;
import dev.llmkit.testkit.mock.MockToolCall;
import dev.llmkit.testkit.mock.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour every provider plugin must show, as an abstract JUnit 5 suite. A provider module
 * extends it once, in its tests, naming its provider id, a model and the wire format it speaks; the
 * suite then runs the provider through the real engine ({@link Llms}) against a {@link MockLlmServer}
 * and checks completions, system prompts, multi-turn history, streaming, tools, vision, usage
 * accounting, error mapping, async cancellation, stream cancellation and truncation.
 *
 * <pre>{@code
 * // providers/openai/src/test/java/dev/llmkit/provider/openai/OpenAiProviderContractTest.java
 * class OpenAiProviderContractTest extends ProviderContractTest {
 *   @Override protected String providerId() { return "openai"; }
 *   @Override protected String model() { return "gpt-4o"; }          // a model with tools and vision
 *   @Override protected MockLlmServer.WireFormat wireFormat() { return MockLlmServer.WireFormat.OPENAI; }
 *
 *   // Optional: narrow what is checked (default: the capabilities the factory's descriptor declares).
 *   @Override protected Set<Capability> capabilities() { return EnumSet.of(Capability.STREAMING, Capability.TOOLS); }
 * }
 * }</pre>
 *
 * <p>The provider module needs {@code llm-testkit} as a test dependency, and its factory registered
 * for {@link ServiceLoader} ({@code @AutoService(ProviderFactory.class)}): the suite finds the factory
 * by {@link #providerId()}, which checks the registration too.
 *
 * <p>Groups guarded by a capability ({@code TOOLS}, {@code PARALLEL_TOOL_CALLS}, {@code VISION},
 * {@code STREAMING}, {@code REASONING}) are skipped (as failed assumptions) when the capability is not
 * in {@link #capabilities()}. Choose a {@link #model()} whose features include what the capabilities
 * promise: the engine drops images for a model without vision, for example.
 *
 * <p>One mock server runs per test class (the class uses {@link TestInstance.Lifecycle#PER_CLASS});
 * each test gets a fresh {@link Llm} and an empty reply queue. Hooks: {@link #configure} adds config
 * (an API version, extra headers), {@link #environment()} the environment the provider sees.
 * Subclasses may add their own tests using {@link #server()} and {@link #llm()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ProviderContractTest {
  /** An upper bound for any single call in this suite; calls against the loopback mock take milliseconds. */
  protected static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

  /** The tool the tool-calling tests offer. */
  protected static final ToolSpec WEATHER_TOOL = ToolSpec.of("get_weather", "The current weather in a city",
      Map.of("type", "object",
          "properties", Map.of("city", Map.of("type", "string", "description", "City name")),
          "required", List.of("city")));

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API_KEY = "test-key";

  private @Nullable MockLlmServer server;
  private @Nullable Llm llm;
  private @Nullable ProviderFactory factory;

  /** The provider id the factory registers, e.g. {@code "openai"}. */
  protected abstract String providerId();

  /** A model name the provider serves, sent as {@code providerId()/model()}. */
  protected abstract String model();

  /** The wire format the provider speaks; decides the mock's endpoint and base URL. */
  protected abstract WireFormat wireFormat();

  /** The capabilities to check; by default every capability the factory's descriptor declares. */
  protected Set<Capability> capabilities() {
    return factory().descriptor().capabilities();
  }

  /** Adds provider-specific settings to the config the suite builds (default: none). */
  protected LlmConfig.Builder configure(LlmConfig.Builder config) {
    return config;
  }

  /** The environment the provider sees (default: empty, so no real key leaks into a test). */
  protected Map<String, String> environment() {
    return Map.of();
  }

  /** The mock server of this test class. */
  protected final MockLlmServer server() {
    return Objects.requireNonNull(server, "the mock server starts in @BeforeAll");
  }

  /** The {@link Llm} of the current test, built through the engine with the provider under test. */
  protected final Llm llm() {
    return Objects.requireNonNull(llm, "the Llm is built in @BeforeEach");
  }

  /** The provider's factory, found with {@link ServiceLoader} by {@link #providerId()}. */
  protected final ProviderFactory factory() {
    if (factory == null) {
      List<String> seen = new ArrayList<>();
      for (ProviderFactory f : ServiceLoader.load(ProviderFactory.class)) {
        seen.add(f.id());
        if (f.id().equals(providerId())) {
          factory = f;
        }
      }
      if (factory == null) {
        throw new AssertionError("no ProviderFactory with id '" + providerId() + "' is registered for ServiceLoader "
            + "(found " + seen + "); annotate the factory with @AutoService(ProviderFactory.class)");
      }
    }
    return factory;
  }

  /** Builds a fresh {@link Llm} for the provider against the mock server, with retries off. */
  protected Llm newLlm() {
    return newLlm(baseConfig());
  }

  private Llm newLlm(LlmConfig.Builder config) {
    return Llms.builder().config(configure(config).build()).env(environment()).build();
  }

  private LlmConfig.Builder baseConfig() {
    return LlmConfig.builder()
        .model(providerId() + "/" + model())
        .baseUrl(server().baseUrl(wireFormat()))
        .apiKey(API_KEY)
        .numRetries(0);
  }

  @BeforeAll
  final void startMockServer() {
    factory();
    server = MockLlmServer.start();
  }

  @AfterAll
  final void stopMockServer() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  final void freshLlmAndEmptyQueue() {
    server().reset();
    llm = newLlm();
  }

  // ---------------------------------------------------------------------------------------------

  @Nested
  class SimpleCompletion {
    @Test
    void aTextReplyComesBackWithStopUsageIdProviderAndModel() {
      server().reply(MockReply.text("Hello from the mock").withId(responseId("simple")));

      ChatResponse response = complete(hi());

      assertThat(response.text()).isEqualTo("Hello from the mock");
      assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
      assertThat(response.rawFinishReason()).isNotBlank();
      assertThat(response.usage().inputTokens()).isNotNull().isPositive();
      assertThat(response.usage().outputTokens()).isNotNull().isPositive();
      assertThat(response.id()).isEqualTo(responseId("simple"));
      assertThat(response.provider()).isEqualTo(providerId());
      assertThat(response.model()).isEqualTo(model());
      assertThat(response.hasToolCalls()).isFalse();
    }

    @Test
    void theRequestGoesToTheFormatsEndpointWithModelKeyAndUserMessage() {
      server().reply(MockReply.text("ok"));

      complete(hi());

      RecordedRequest request = server().lastRequest();
      assertThat(request.path()).isEqualTo(wireFormat().path());
      assertThat(request.model()).isEqualTo(model());
      assertThat(request.isStream()).isFalse();
      assertThat(wire(request).turns()).containsExactly("user: Hi");
      if (wireFormat() == WireFormat.OPENAI) {
        assertThat(request.header("authorization")).contains("Bearer " + API_KEY);
      } else {
        assertThat(request.header("x-api-key")).contains(API_KEY);
        assertThat(request.header("anthropic-version")).isPresent();
        assertThat(request.json().path("max_tokens").asInt()).isPositive();
      }
    }

    @Test
    void scriptedUsageIsReportedInTheNormalizedMeaning() {
      Usage scripted = new Usage(1200L, 300L, 1000L, 150L, 120L);
      server().reply(MockReply.text("cached").withUsage(scripted));

      Usage usage = complete(hi()).usage();

      assertThat(usage.inputTokens()).as("input tokens include cache reads and writes").isEqualTo(1200L);
      assertThat(usage.outputTokens()).as("output tokens include reasoning").isEqualTo(300L);
      assertThat(usage.cacheReadTokens()).isEqualTo(1000L);
      // Fields a format has always reported must match; newer optional ones may be absent.
      if (wireFormat() == WireFormat.ANTHROPIC) {
        assertThat(usage.cacheWriteTokens()).isEqualTo(150L);
        assertThat(usage.reasoningTokens()).isIn(null, 120L);
      } else {
        assertThat(usage.reasoningTokens()).isEqualTo(120L);
        assertThat(usage.cacheWriteTokens()).isIn(null, 150L);
      }
      assertThat(usage.totalTokens()).isEqualTo(1500L);
    }

    @Test
    void aLengthStopIsReportedAsLength() {
      server().reply(MockReply.text("cut short").withFinishReason(FinishReason.LENGTH));

      ChatResponse response = complete(hi());

      assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
      assertThat(response.text()).isEqualTo("cut short");
    }
  }

  @Nested
  class SystemPrompt {
    @Test
    void theSystemPromptIsSentAsTheFormatExpects() {
      server().reply(MockReply.text("ok"));

      complete(ChatRequest.builder().system("Answer tersely.").user("Hi").build());

      WireView wire = wire(server().lastRequest());
      assertThat(wire.systemText()).isEqualTo("Answer tersely.");
      assertThat(wire.turns()).containsExactly("user: Hi");
    }
  }

  @Nested
  class MultiTurn {
    @Test
    void theHistoryIsSentInOrder() {
      server().reply(MockReply.text("Your name is Ada."));

      ChatResponse response = complete(ChatRequest.of(
          Message.user("My name is Ada."),
          Message.assistant("Nice to meet you, Ada."),
          Message.user("What is my name?")));

      assertThat(response.text()).isEqualTo("Your name is Ada.");
      assertThat(wire(server().lastRequest()).turns()).containsExactly(
          "user: My name is Ada.", "assistant: Nice to meet you, Ada.", "user: What is my name?");
    }
  }

  @Nested
  class Streaming {
    @BeforeEach
    void requireStreaming() {
      requireCapability(Capability.STREAMING);
    }

    @Test
    void nothingIsSentUntilTheStreamIsConsumed() {
      server().reply(MockReply.text("lazy"));

      try (ChatStream stream = llm().stream(hi())) {
        assertThat(server().requests()).isEmpty();
        assertThat(collect(stream).text()).isEqualTo("lazy");
      }
      assertThat(server().lastRequest().isStream()).isTrue();
    }

    @Test
    void eventsArriveInOrderAndEndWithCompleted() {
      server().reply(MockReply.text("The quick brown fox jumps").inChunks(5));

      List<ChatEvent> events = events(llm().stream(hi()));

      assertThat(events).isNotEmpty();
      assertThat(events.get(events.size() - 1)).isInstanceOf(ChatEvent.Completed.class);
      assertThat(events.stream().filter(e -> e instanceof ChatEvent.Completed)).hasSize(1);
      StringBuilder text = new StringBuilder();
      int deltas = 0;
      for (ChatEvent e : events) {
        if (e instanceof ChatEvent.TextDelta t) {
          text.append(t.text());
          deltas++;
        }
      }
      assertThat(deltas).as("the text arrives in pieces").isGreaterThan(1);
      ChatResponse done = ((ChatEvent.Completed) events.get(events.size() - 1)).response();
      assertThat(text).hasToString("The quick brown fox jumps");
      assertThat(done.text()).isEqualTo("The quick brown fox jumps");
      assertThat(done.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void aStreamedReplyEqualsTheNonStreamedOne() {
      MockReply reply = MockReply.text("Same either way").withUsage(new Usage(40L, 6L, 0L, 0L, 0L)).inChunks(4);
      server().reply(reply, reply);

      ChatResponse plain = complete(hi());
      ChatResponse streamed = collect(llm().stream(hi()));

      assertSameResponse(streamed, plain);
      assertThat(streamed.usage().inputTokens()).isEqualTo(40L);
      assertThat(streamed.usage().outputTokens()).isEqualTo(6L);
    }

    @Test
    void aStreamedToolCallEqualsTheNonStreamedOne() {
      requireCapability(Capability.TOOLS);
      MockReply reply = MockReply.toolCall("get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}").inChunks(4);
      server().reply(reply, reply);

      ChatResponse plain = complete(weatherQuestion());
      List<ChatEvent> events = events(llm().stream(weatherQuestion()));
      ChatResponse streamed = ((ChatEvent.Completed) events.get(events.size() - 1)).response();

      assertSameResponse(streamed, plain);
      assertThat(streamed.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
      StringBuilder args = new StringBuilder();
      events.stream().filter(e -> e instanceof ChatEvent.ToolCallDelta)
          .forEach(e -> args.append(((ChatEvent.ToolCallDelta) e).argumentsFragment()));
      assertThat(json(args.toString())).isEqualTo(json("{\"city\":\"Paris\",\"unit\":\"celsius\"}"));
    }

    @Test
    void reasoningDeltasCarryTheThinkingAndItsSignature() {
      requireCapability(Capability.REASONING);
      assumeTrue(wireFormat() == WireFormat.ANTHROPIC, "only the Anthropic format returns reasoning text");
      server().reply(MockReply.text("42").withReasoning("Six times seven.", "sig-contract").inChunks(3));

      List<ChatEvent> events = events(llm().stream(hi()));

      StringBuilder thinking = new StringBuilder();
      List<String> signatures = new ArrayList<>();
      for (ChatEvent e : events) {
        if (e instanceof ChatEvent.ReasoningDelta r) {
          thinking.append(r.text());
          if (r.signature() != null) {
            signatures.add(r.signature());
          }
        }
      }
      assertThat(thinking).hasToString("Six times seven.");
      assertThat(String.join("", signatures)).isEqualTo("sig-contract");
      ChatResponse done = ((ChatEvent.Completed) events.get(events.size() - 1)).response();
      assertThat(done.message().reasoning()).hasSize(1);
      assertThat(done.message().reasoning().get(0).text()).isEqualTo("Six times seven.");
      assertThat(done.message().reasoning().get(0).signature()).isEqualTo("sig-contract");
      assertThat(done.text()).isEqualTo("42");
    }

    @Test
    void anInBandErrorFailsTheStreamWithAMidStreamException() {
      server().reply(MockReply.text("one two three four").inChunks(4).midStreamError());

      LlmException error = catchThrowableOfType(LlmException.class, () -> collect(llm().stream(hi())));

      assertThat(error).as("an in-band error must fail the stream").isNotNull();
      assertThat(error.midStream()).isTrue();
      assertThat(error.retryable()).isTrue();
      assertThat(error.provider()).contains(providerId());
    }

    @Test
    void aTruncatedStreamFailsInsteadOfLookingLikeASuccess() {
      server().reply(MockReply.text("one two three four").inChunks(4).truncated());

      assertThatThrownBy(() -> collect(llm().stream(hi()))).isInstanceOf(LlmException.class);
    }

    @Test
    void anErrorStatusOnAStreamIsRaisedAsTheTypedException() {
      server().reply(MockReply.rateLimited(Duration.ofSeconds(7)));

      RateLimitException error = catchThrowableOfType(RateLimitException.class, () -> collect(llm().stream(hi())));

      assertThat(error).isNotNull();
      assertThat(error.httpStatus()).hasValue(429);
      assertThat(error.retryAfter()).contains(Duration.ofSeconds(7));
      assertThat(error.midStream()).isFalse();
    }
  }

  @Nested
  class Tools {
    @BeforeEach
    void requireTools() {
      requireCapability(Capability.TOOLS);
    }

    @Test
    void aToolCallIsParsedWithItsIdNameAndJsonArguments() {
      MockToolCall call = MockToolCall.of("get_weather", "{\"city\":\"Paris\"}");
      server().reply(MockReply.toolCalls(call));

      ChatResponse response = complete(weatherQuestion());

      assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
      assertThat(response.toolCalls()).hasSize(1);
      ToolCall parsed = response.toolCalls().get(0);
      assertThat(parsed.id()).isEqualTo(call.id(wireFormat()));
      assertThat(parsed.name()).isEqualTo("get_weather");
      assertThat(json(parsed.arguments())).isEqualTo(json("{\"city\":\"Paris\"}"));
      assertThat(wire(server().lastRequest()).toolNames()).containsExactly("get_weather");
    }

    @Test
    void textBeforeAToolCallIsKept() {
      server().reply(MockReply.toolCall("get_weather", "{\"city\":\"Oslo\"}").withText("Let me check."));

      ChatResponse response = complete(weatherQuestion());

      assertThat(response.text()).isEqualTo("Let me check.");
      assertThat(response.toolCalls()).extracting(ToolCall::name).containsExactly("get_weather");
    }

    @Test
    void parallelToolCallsAreAllParsedInOrder() {
      requireCapability(Capability.PARALLEL_TOOL_CALLS);
      MockToolCall paris = MockToolCall.of("get_weather", "{\"city\":\"Paris\"}");
      MockToolCall rome = MockToolCall.of("get_weather", "{\"city\":\"Rome\"}");
      server().reply(MockReply.toolCalls(paris, rome));

      ChatResponse response = complete(weatherQuestion());

      assertThat(response.toolCalls()).extracting(ToolCall::id)
          .containsExactly(paris.id(wireFormat()), rome.id(wireFormat()));
      assertThat(json(response.toolCalls().get(1).arguments())).isEqualTo(json("{\"city\":\"Rome\"}"));
    }

    @Test
    void aToolResultRoundTripSendsTheCallAndTheResultBack() {
      MockToolCall call = MockToolCall.of("get_weather", "{\"city\":\"Paris\"}");
      server().reply(MockReply.toolCalls(call), MockReply.text("It is 21 C and sunny in Paris."));

      ChatResponse first = complete(weatherQuestion());
      ToolCall parsed = first.toolCalls().get(0);
      ChatRequest followUp = weatherQuestion().toBuilder()
          .message(first.message())
          .message(Message.toolResult(parsed, "{\"temp_c\":21,\"sky\":\"sunny\"}"))
          .build();
      ChatResponse second = complete(followUp);

      assertThat(second.text()).isEqualTo("It is 21 C and sunny in Paris.");
      assertThat(second.finishReason()).isEqualTo(FinishReason.STOP);
      WireView wire = wire(server().lastRequest());
      List<JsonNode> messages = wire.messages();
      assertThat(messages).hasSizeGreaterThanOrEqualTo(3);
      JsonNode assistant = messages.get(1);
      assertThat(assistant.path("role").asText()).isEqualTo("assistant");
      List<String[]> sentCalls = WireView.toolCalls(wireFormat(), assistant);
      assertThat(sentCalls).hasSize(1);
      assertThat(sentCalls.get(0)[0]).isEqualTo(call.id(wireFormat()));
      assertThat(sentCalls.get(0)[1]).isEqualTo("get_weather");
      assertThat(json(sentCalls.get(0)[2])).isEqualTo(json("{\"city\":\"Paris\"}"));
      List<String[]> results = wire.toolResults();
      assertThat(results).hasSize(1);
      assertThat(results.get(0)[0]).isEqualTo(call.id(wireFormat()));
      assertThat(json(results.get(0)[1])).isEqualTo(json("{\"temp_c\":21,\"sky\":\"sunny\"}"));
    }

    @Test
    void anAssistantTurnWithOnlyToolCallsIsAcceptedInHistory() {
      server().reply(MockReply.text("done"));
      ToolCall call = new ToolCall(wireFormat() == WireFormat.OPENAI ? "call_hist1" : "toolu_01hist1", "get_weather",
          "{\"city\":\"Lima\"}");

      complete(ChatRequest.builder()
          .tool(WEATHER_TOOL)
          .user("Weather in Lima?")
          .message(AssistantMessage.ofToolCalls(List.of(call)))
          .message(Message.toolResult(call, "cloudy"))
          .build());

      assertThat(wire(server().lastRequest()).toolResults()).extracting(r -> r[0]).containsExactly(call.id());
    }
  }

  @Nested
  class Vision {
    @BeforeEach
    void requireVision() {
      requireCapability(Capability.VISION);
    }

    @Test
    void anInlineImageReachesTheWire() {
      byte[] png = Base64.getDecoder().decode(
          "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==");
      server().reply(MockReply.text("A single pixel."));

      ChatResponse response = complete(ChatRequest.of(
          Message.user(ContentPart.text("What is in this picture?"), ContentPart.Image.ofBytes(png, "image/png"))));

      assertThat(response.text()).isEqualTo("A single pixel.");
      List<JsonNode> messages = wire(server().lastRequest()).messages();
      assertThat(messages).hasSize(1);
      assertThat(WireView.images(wireFormat(), messages.get(0)))
          .containsExactly("data:image/png;base64," + Base64.getEncoder().encodeToString(png));
      assertThat(WireView.text(messages.get(0).path("content"))).contains("What is in this picture?");
    }
  }

  @Nested
  class UsageAccounting {
    @Test
    void aCallIsCountedWithItsTokens() {
      server().reply(MockReply.text("counted").withUsage(Usage.of(30, 7)).withId(responseId("counted")));

      complete(hi());

      MetricsSnapshot snapshot = llm().metrics().snapshot();
      assertThat(snapshot.calls()).isEqualTo(1);
      assertThat(snapshot.failures()).isZero();
      assertThat(snapshot.usage().inputTokens()).isEqualTo(30L);
      assertThat(snapshot.usage().outputTokens()).isEqualTo(7L);
      CallRecord record = snapshot.recentCalls().get(0);
      assertThat(record.failed()).isFalse();
      assertThat(record.responseId()).isEqualTo(responseId("counted"));
      assertThat(record.streamed()).isFalse();
    }

    @Test
    void aStreamedCallIsCountedWithItsTokens() {
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
    void aFailedCallIsCountedAsAFailureWithItsLatency() {
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

  @Nested
  class ErrorMapping {
    @Test
    void status401IsAnAuthenticationErrorThatKeepsTheKeySecret() {
      server().reply(MockReply.authenticationError());

      AuthenticationException error = catchThrowableOfType(AuthenticationException.class, () -> complete(hi()));

      assertThat(error).as("a 401 must be an AuthenticationException").isNotNull();
      assertThat(error.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
      assertThat(error.httpStatus()).hasValue(401);
      assertThat(error.retryable()).isFalse();
      assertThat(error.provider()).contains(providerId());
      assertThat(error.providerCode()).isPresent();
      assertThat(error.getMessage()).isNotBlank().doesNotContain(API_KEY);
      assertThat(error.toString()).doesNotContain(API_KEY);
    }

    @Test
    void status429WithRetryAfterIsARateLimitWithTheWait() {
      server().reply(MockReply.rateLimited(Duration.ofSeconds(7)));

      RateLimitException error = catchThrowableOfType(RateLimitException.class, () -> complete(hi()));

      assertThat(error).as("a 429 must be a RateLimitException").isNotNull();
      assertThat(error.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
      assertThat(error.retryAfter()).contains(Duration.ofSeconds(7));
      assertThat(error.retryable()).isTrue();
      assertThat(error.requestId()).isPresent();
    }

    @Test
    void status500IsARetryableServerError() {
      server().reply(MockReply.serverError());

      LlmException error = catchThrowableOfType(LlmException.class, () -> complete(hi()));

      assertThat(error).isNotNull();
      assertThat(error.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
      assertThat(error.httpStatus()).hasValue(500);
      assertThat(error.retryable()).isTrue();
    }

    @Test
    void status529IsARetryableOverload() {
      server().reply(MockReply.error(529, "overloaded_error", "Overloaded"));

      LlmException error = catchThrowableOfType(LlmException.class, () -> complete(hi()));

      assertThat(error).isNotNull();
      assertThat(error.kind()).isEqualTo(ErrorKind.OVERLOADED);
      assertThat(error.httpStatus()).hasValue(529);
      assertThat(error.retryable()).isTrue();
    }

    @Test
    void aFullContextWindowIsAContextWindowExceededException() {
      server().reply(MockReply.contextWindowExceeded());

      ContextWindowExceededException error =
          catchThrowableOfType(ContextWindowExceededException.class, () -> complete(hi()));

      assertThat(error).as("the provider's context-window error must be recognised").isNotNull();
      assertThat(error.kind()).isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
      assertThat(error.httpStatus()).hasValue(400);
      assertThat(error.retryable()).isFalse();
    }

    @Test
    void aTruncatedJsonBodyFailsInsteadOfLookingLikeASuccess() {
      server().reply(MockReply.text("half of this body is missing").truncated());

      assertThatThrownBy(() -> complete(hi())).isInstanceOf(LlmException.class);
    }
  }

  @Nested
  class Async {
    @Test
    void completeAsyncReturnsTheResponse() {
      server().reply(MockReply.text("async hello"));

      ChatResponse response = assertTimeoutPreemptively(CALL_TIMEOUT, () -> llm().completeAsync(hi()).join());

      assertThat(response.text()).isEqualTo("async hello");
    }

    @Test
    void completeAsyncFailsWithTheTypedException() {
      server().reply(MockReply.authenticationError());

      CompletableFuture<ChatResponse> future = llm().completeAsync(hi());

      assertTimeoutPreemptively(CALL_TIMEOUT, () -> assertThatThrownBy(future::join)
          .hasCauseInstanceOf(AuthenticationException.class));
    }

    @Test
    void cancellingWhileTheServerDelaysEndsTheFutureAsCancelledPromptly() {
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

  @Nested
  class Deadlines {
    private static final Duration TIMEOUT = Duration.ofMillis(800);
    private static final Duration STALL = Duration.ofSeconds(4);

    private Llm withTimeout() {
      return newLlm(baseConfig().timeout(TIMEOUT));
    }

    @Test
    void aServerThatNeverAnswersFailsTheCallWithATimeout() {
      server().reply(MockReply.hang().stallFor(STALL));

      LlmException e = assertTimeoutPreemptively(CALL_TIMEOUT,
          () -> catchThrowableOfType(LlmException.class, () -> withTimeout().complete(hi())));

      assertThat(e).isInstanceOf(LlmTimeoutException.class);
      assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
    }

    @Test
    void anAsyncCallPastItsDeadlineFailsWithATimeout() {
      server().reply(MockReply.hang().stallFor(STALL));

      CompletableFuture<ChatResponse> future = withTimeout().completeAsync(hi());

      assertTimeoutPreemptively(CALL_TIMEOUT, () -> assertThatThrownBy(future::join)
          .hasCauseInstanceOf(LlmTimeoutException.class));
    }

    @Test
    void aStreamThatStallsMidwayFailsWithATimeoutAfterThePartialOutput() {
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
  }

  @Nested
  class StreamCancellation {
    @BeforeEach
    void requireStreaming() {
      requireCapability(Capability.STREAMING);
    }

    @Test
    void closingMidStreamStopsTheEventsAndDoesNotHang() throws InterruptedException {
      server().reply(MockReply.text("word ".repeat(40)).inChunks(40));
      ChatStream stream = llm().stream(hi());
      CountDownLatch firstEvent = new CountDownLatch(1);
      CountDownLatch laterEvent = new CountDownLatch(1);
      AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
      AtomicInteger afterClose = new AtomicInteger();
      AtomicReference<Boolean> closed = new AtomicReference<>(false);
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
    void leavingAStalledStreamAndClosingItDoesNotHang() {
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

  @Nested
  class TokenCounting {
    @BeforeEach
    void requireTokenCounting() {
      requireCapability(Capability.TOKEN_COUNTING);
    }

    @Test
    void theProviderCountsInputTokensThroughTheEngine() {
      OptionalLong count = assertTimeoutPreemptively(CALL_TIMEOUT, () -> llm().countInputTokens(
          ChatRequest.builder().system("Be brief.").user("Count the tokens of this question, please.").build()));

      assertThat(count).as("a provider declaring TOKEN_COUNTING counts").isPresent();
      assertThat(count.getAsLong()).isPositive();
      if (wireFormat() == WireFormat.ANTHROPIC) {
        RecordedRequest sent = server().lastRequest();
        assertThat(sent.path()).isEqualTo("/v1/messages/count_tokens");
        assertThat(sent.model()).isEqualTo(model());
        assertThat(new WireView(wireFormat(), sent.json()).systemText()).isEqualTo("Be brief.");
      }
    }
  }

  @Nested
  class Architecture {
    @Test
    void theProviderNeverDependsOnTheEngineOrAnotherPlugin() {
      PluginArchitecture.assertProviderIsolated(factory().getClass());
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** {@code Hi} as one user message. */
  protected static ChatRequest hi() {
    return ChatRequest.of(Message.user("Hi"));
  }

  /** A question that offers {@link #WEATHER_TOOL}. */
  protected static ChatRequest weatherQuestion() {
    return ChatRequest.builder().tool(WEATHER_TOOL).user("What is the weather in Paris?").build();
  }

  /** A blocking call with the suite's timeout. */
  protected final ChatResponse complete(ChatRequest request) {
    return assertTimeoutPreemptively(CALL_TIMEOUT, () -> llm().complete(request));
  }

  /** Collects a stream with the suite's timeout. */
  protected static ChatResponse collect(ChatStream stream) {
    try (stream) {
      return assertTimeoutPreemptively(CALL_TIMEOUT, stream::collect);
    }
  }

  /** Every event of a stream, with the suite's timeout. */
  protected static List<ChatEvent> events(ChatStream stream) {
    try (stream) {
      return assertTimeoutPreemptively(CALL_TIMEOUT, () -> {
        List<ChatEvent> out = new ArrayList<>();
        stream.forEach(out::add);
        return out;
      });
    }
  }

  /** Skips the calling test when the capability is not checked for this provider. */
  protected final void requireCapability(Capability capability) {
    assumeTrue(capabilities().contains(capability), providerId() + " does not declare " + capability);
  }

  private String responseId(String name) {
    return (wireFormat() == WireFormat.OPENAI ? "chatcmpl-" : "msg_01") + "contract" + name;
  }

  private WireView wire(RecordedRequest request) {
    return new WireView(wireFormat(), request.json());
  }

  private static void assertSameResponse(ChatResponse streamed, ChatResponse plain) {
    assertThat(streamed.id()).isEqualTo(plain.id());
    assertThat(streamed.text()).isEqualTo(plain.text());
    assertThat(streamed.finishReason()).isEqualTo(plain.finishReason());
    assertThat(streamed.rawFinishReason()).isEqualTo(plain.rawFinishReason());
    assertThat(streamed.usage()).isEqualTo(plain.usage());
    assertThat(streamed.toolCalls()).hasSameSizeAs(plain.toolCalls());
    for (int i = 0; i < plain.toolCalls().size(); i++) {
      ToolCall s = streamed.toolCalls().get(i);
      ToolCall p = plain.toolCalls().get(i);
      assertThat(s.id()).isEqualTo(p.id());
      assertThat(s.name()).isEqualTo(p.name());
      assertThat(json(s.arguments())).isEqualTo(json(p.arguments()));
    }
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }
}
