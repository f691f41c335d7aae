package dev.llmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.Llm;
import dev.llmkit.api.ToolCall;
import dev.llmkit.spi.ProviderDescriptor.Capability;
import dev.llmkit.testkit.mock.MockLlmServer;
import dev.llmkit.testkit.mock.MockToolCall;
import dev.llmkit.testkit.mock.WireDialect;
import dev.llmkit.testkit.mock.WireFeature;
import dev.llmkit.testkit.mock.WireView;
import java.util.List;
import java.util.Optional;

/**
 * One part of the contract suite: an interface of JUnit 5 default test methods in a file of its own
 * ({@code StreamingContract}, {@code ToolsContract}, …). {@link ProviderContractTest} runs each part as
 * a {@code @Nested} class that implements it and returns the enclosing suite from {@link #suite()}, so
 * every part sees the provider, the mock server and the {@link Llm} of the one test class a provider
 * module writes. Interfaces, not classes, so that a nested class can take its binding to the suite
 * from one shared base class and still pick its part.
 */
interface ContractPart {
  ObjectMapper JSON = new ObjectMapper();

  /** The suite this part runs in. */
  ProviderContractTest suite();

  default MockLlmServer server() {
    return suite().server();
  }

  default Llm llm() {
    return suite().llm();
  }

  default WireDialect dialect() {
    return suite().dialect();
  }

  default String providerId() {
    return suite().providerId();
  }

  default String model() {
    return suite().model();
  }

  default ChatResponse complete(ChatRequest request) {
    return suite().complete(request);
  }

  default void requireCapability(Capability capability) {
    suite().requireCapability(capability);
  }

  /** Whether the provider's wire carries this, so that the suite can expect it. */
  default boolean wireHas(WireFeature feature) {
    return dialect().features().contains(feature);
  }

  /** The last request, read back by the dialect. */
  default WireView sent() {
    return server().lastRequest().view();
  }

  /** A response id in the dialect's shape, to script and expect back. */
  default String responseId(String name) {
    return dialect().responseId("contract" + name);
  }

  /**
   * The scripted calls' ids, in order, where the format gives calls ids; otherwise ids the provider
   * made up, one distinct id per call.
   */
  default void assertCallIds(List<ToolCall> parsed, MockToolCall... scripted) {
    assertThat(parsed).hasSize(scripted.length);
    for (int i = 0; i < scripted.length; i++) {
      Optional<String> wireId = dialect().toolCallId(scripted[i]);
      if (wireId.isPresent()) {
        assertThat(parsed.get(i).id()).isEqualTo(wireId.get());
      } else {
        assertThat(parsed.get(i).id()).isNotBlank();
      }
    }
    assertThat(parsed).extracting(ToolCall::id).doesNotHaveDuplicates();
  }

  /** How the wire refers to a call: its id, or its name in a format whose calls have no id. */
  default String wireRef(MockToolCall call) {
    return dialect().toolCallId(call).orElse(call.name());
  }

  /** JSON text as a tree, to compare arguments whatever their spacing and key order. */
  default JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }
}
