package dev.llmkit.testkit.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A tool call the mock model makes: the tool name and its arguments as a JSON object text. The
 * wire id is derived from {@code idSuffix} by each dialect ({@link WireDialect#toolCallId}: {@code call_…}
 * for OpenAI and Ollama, {@code toolu_01…} for Anthropic, none for Gemini), so replaying one scripted
 * reply gives the same ids every time.
 *
 * <pre>{@code
 * MockReply.toolCalls(MockToolCall.of("get_weather", "{\"city\":\"Paris\"}"))
 * }</pre>
 *
 * @param name the tool name
 * @param arguments the arguments, a JSON object as text ({@code "{}"} for none)
 * @param idSuffix the random part of the call id
 */
public record MockToolCall(String name, String arguments, String idSuffix) {

  public MockToolCall {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(idSuffix, "idSuffix");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a tool call needs a name");
    }
    // Anthropic, Gemini and Ollama carry the arguments as a JSON object, so anything else could not be rendered.
    JsonNode parsed;
    try {
      parsed = Json.MAPPER.readTree(arguments);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("tool call arguments must be a JSON object, got: " + arguments, e);
    }
    if (parsed == null || !parsed.isObject()) {
      throw new IllegalArgumentException("tool call arguments must be a JSON object, got: " + arguments);
    }
  }

  /** A call with a fresh random id. */
  public static MockToolCall of(String name, String argumentsJson) {
    return new MockToolCall(name, argumentsJson, Ids.random());
  }

  /** The call id as OpenAI spells it. */
  public String openAiId() {
    return "call_" + idSuffix;
  }

  /** The call id as Anthropic spells it. */
  public String anthropicId() {
    return "toolu_01" + idSuffix;
  }

  /**
   * The id the given wire format uses for this call.
   *
   * @deprecated use {@link WireDialect#toolCallId}.
   */
  @Deprecated
  public String id(MockLlmServer.WireFormat format) {
    return format.dialect().toolCallId(this).orElseThrow();
  }

  /** The arguments as a JSON tree (a fresh copy). */
  public JsonNode argumentsNode() {
    try {
      return Json.MAPPER.readTree(arguments);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("validated in the constructor", e);
    }
  }
}
