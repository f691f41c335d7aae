package dev.llmkit.testkit;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.Message;
import dev.llmkit.api.ToolSpec;
import dev.llmkit.core.Llms;
import dev.llmkit.spi.ProviderDescriptor.Capability;
import dev.llmkit.spi.ProviderFactory;
import dev.llmkit.testkit.mock.MockLlmServer;
import dev.llmkit.testkit.mock.WireDialect;
import dev.llmkit.testkit.mock.WireDialects;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour every provider plugin must show, as an abstract JUnit 5 suite. A provider module
 * extends it once, in its tests, naming its provider id, a model and the {@link WireDialect} it
 * speaks; the suite then runs the provider through the real engine ({@link Llms}) against a
 * {@link MockLlmServer} that mounts that dialect, and checks completions, system prompts, multi-turn
 * history, usage accounting, streaming, tools, vision, error mapping, async cancellation and deadlines,
 * stream cancellation, token counting and the plugin dependency rules.
 *
 * <pre>{@code
 * // providers/openai/src/test/java/dev/llmkit/provider/openai/OpenAiProviderContractTest.java
 * class OpenAiProviderContractTest extends ProviderContractTest {
 *   @Override protected String providerId() { return "openai"; }
 *   @Override protected String model() { return "gpt-4o"; }          // a model with tools and vision
 *   @Override protected WireDialect dialect() { return WireDialects.openAi(); }
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
 * promise: the engine drops images for a model without vision, for example. Facts a wire format may
 * lack (reasoning text, response ids, retry hints, …) are checked where the dialect's
 * {@link WireDialect#features()} say the format carries them.
 *
 * <p>The checks live in one file per capability ({@code BasicsContract}, {@code StreamingContract},
 * {@code ToolsContract}, {@code VisionContract}, {@code BlocksContract}, {@code ErrorsContract}, {@code FaultsContract}, {@code CancellationContract},
 * {@code TokenCountingContract}, {@code ArchitectureContract}); the {@code @Nested} classes below bind
 * them to this suite, so a provider extends this one class and gets them all.
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

  /** The key the suite configures; it must reach the wire and never an error message. */
  static final String API_KEY = "test-key";

  private @Nullable MockLlmServer server;
  private @Nullable Llm llm;
  private @Nullable ProviderFactory factory;

  /** The provider id the factory registers, e.g. {@code "openai"}. */
  protected abstract String providerId();

  /** A model name the provider serves, sent as {@code providerId()/model()}. */
  protected abstract String model();

  /**
   * The wire dialect the provider speaks: the mock server mounts it (alone, so a wrong path gets a
   * clear 404) and the suite reads requests back with it. Override this; the default reads the
   * deprecated {@link #wireFormat()}.
   */
  @SuppressWarnings("deprecation")
  protected WireDialect dialect() {
    return wireFormat().dialect();
  }

  /**
   * The wire format, for subclasses written before dialects.
   *
   * @deprecated override {@link #dialect()}, e.g. with {@link WireDialects#openAi()}.
   */
  @Deprecated
  protected MockLlmServer.WireFormat wireFormat() {
    throw new UnsupportedOperationException(getClass().getName() + " must override dialect()");
  }

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

  Llm newLlm(LlmConfig.Builder config) {
    return Llms.builder().config(configure(config).build()).env(environment()).build();
  }

  LlmConfig.Builder baseConfig() {
    return LlmConfig.builder()
        .model(providerId() + "/" + model())
        .baseUrl(server().baseUrl(dialect()))
        .apiKey(API_KEY)
        .numRetries(0);
  }

  @BeforeAll
  final void startMockServer() {
    factory();
    server = MockLlmServer.start(dialect());
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

  // ---- the parts: each @Nested class runs the checks of one *Contract interface in this suite ----

  /** Binds a part to this suite instance. */
  abstract class Part implements ContractPart {
    @Override
    public ProviderContractTest suite() {
      return ProviderContractTest.this;
    }
  }

  @Nested
  class SimpleCompletion extends Part implements BasicsContract.SimpleCompletion {}

  @Nested
  class SystemPrompt extends Part implements BasicsContract.SystemPrompt {}

  @Nested
  class MultiTurn extends Part implements BasicsContract.MultiTurn {}

  @Nested
  class UsageAccounting extends Part implements BasicsContract.UsageAccounting {}

  @Nested
  class Streaming extends Part implements StreamingContract {}

  @Nested
  class Tools extends Part implements ToolsContract {}

  @Nested
  class Vision extends Part implements VisionContract {}

  @Nested
  class Blocks extends Part implements BlocksContract {}

  @Nested
  class ErrorMapping extends Part implements ErrorsContract {}

  @Nested
  class Faults extends Part implements FaultsContract {}

  @Nested
  class Async extends Part implements CancellationContract.Async {}

  @Nested
  class Deadlines extends Part implements CancellationContract.Deadlines {}

  @Nested
  class StreamCancellation extends Part implements CancellationContract.StreamCancellation {}

  @Nested
  class TokenCounting extends Part implements TokenCountingContract {}

  @Nested
  class Architecture extends Part implements ArchitectureContract {}

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
}
