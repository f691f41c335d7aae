package dev.llmkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolCallTest {

  @Test
  void theThreeArgumentConstructorMeansNoProviderMetadata() {
    ToolCall call = new ToolCall("call_1", "lookup", "{}");

    assertThat(call.providerMetadata()).isEmpty();
    assertThat(call).isEqualTo(new ToolCall("call_1", "lookup", "{}", Map.of()));
  }

  @Test
  void keepsAnImmutableCopyOfTheProviderMetadata() {
    Map<String, String> metadata = new HashMap<>();
    metadata.put("gemini.thoughtSignature", "CiQBsig==");

    ToolCall call = new ToolCall("call_1", "lookup", "{\"sku\":\"A-17\"}", metadata);
    metadata.put("gemini.thoughtSignature", "changed");

    assertThat(call.providerMetadata()).containsExactly(Map.entry("gemini.thoughtSignature", "CiQBsig=="));
    assertThatThrownBy(() -> call.providerMetadata().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theMetadataIsPartOfTheCallsValue() {
    ToolCall signed = new ToolCall("c", "f", "{}", Map.of("gemini.thoughtSignature", "sig-a"));

    assertThat(signed).isNotEqualTo(new ToolCall("c", "f", "{}"));
    assertThat(signed).isEqualTo(new ToolCall("c", "f", "{}", Map.of("gemini.thoughtSignature", "sig-a")));
  }

  @Test
  void parallelCallsEachKeepTheirOwnMetadata() {
    AssistantMessage message = AssistantMessage.ofToolCalls(List.of(
        new ToolCall("c1", "lookup", "{}", Map.of("gemini.thoughtSignature", "sig-1")),
        new ToolCall("c2", "lookup", "{}")));

    assertThat(message.toolCalls()).extracting(ToolCall::providerMetadata)
        .containsExactly(Map.of("gemini.thoughtSignature", "sig-1"), Map.of());
  }

  @Test
  void nullsAreRejected() {
    assertThatThrownBy(() -> new ToolCall("c", "f", "{}", null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("providerMetadata");
    Map<String, String> withNullValue = new HashMap<>();
    withNullValue.put("k", null);
    assertThatThrownBy(() -> new ToolCall("c", "f", "{}", withNullValue)).isInstanceOf(NullPointerException.class);
  }
}
