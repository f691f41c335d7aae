package dev.llmkit.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The hand-written reader gives what Jackson's data binding of the same shapes gave (it replaced it),
 * for real response and chunk shapes and for the lenient values servers send.
 */
class WireReaderTest {
  /** Data binding as the provider had it: snake_case names, unknown fields ignored (fields read directly here). */
  private static final ObjectMapper BINDING = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
      .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
      .build();

  @ParameterizedTest
  @ValueSource(strings = {
      // a whole response with tool calls, usage details, unknown fields at every level
      """
      {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o","system_fingerprint":"fp",
       "choices":[{"index":0,"logprobs":null,"message":{"role":"assistant","content":null,"refusal":null,
         "annotations":[{"type":"url_citation"}],
         "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get","arguments":"{\\"a\\":1}"}}]},
         "finish_reason":"tool_calls"}],
       "usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29,
         "prompt_tokens_details":{"cached_tokens":3,"audio_tokens":0,"cache_write_tokens":2},
         "completion_tokens_details":{"reasoning_tokens":4,"accepted_prediction_tokens":0}},
       "service_tier":"default"}
      """,
      // a stream chunk; Mistral's content parts; reasoning as text and as an object; OpenRouter's cost
      """
      {"id":"c","model":"m","choices":[{"index":0,"delta":{"content":[{"type":"text","text":"hi"}],
        "reasoning_content":"think","reasoning":{"text":"r"},"reasoning_details":[{"type":"reasoning.text","text":"x"}]}}],
       "usage":{"prompt_tokens":1,"completion_tokens":2,"cost":0.000123,"prompt_cache_hit_tokens":5}}
      """,
      // Groq's stream usage; an in-band error as an object and as text
      """
      {"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"x_groq":{"id":"req","usage":{"prompt_tokens":7,"completion_tokens":8}}}
      """,
      """
      {"error":{"message":"overloaded","code":502,"metadata":{"raw":"x"}},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]}
      """,
      """
      {"error":"bad things","choices":null,"usage":null}
      """,
      // Jackson's lenient scalars: numbers as text, text as numbers, fractions as whole numbers, empty as absent
      """
      {"id":123,"model":true,"choices":[{"index":"0","finish_reason":7,"delta":{"content":5,"refusal":1.5,
        "tool_calls":[{"index":1.0,"id":99,"function":{"name":"f","arguments":""}}]}}],
       "usage":{"prompt_tokens":"12","completion_tokens":3.7,"cost":"0.5","prompt_tokens_details":{"cached_tokens":""}}}
      """,
      // explicit nulls everywhere
      """
      {"id":null,"model":null,"choices":[{"index":null,"message":null,"delta":{"content":null,"reasoning":null,
        "tool_calls":null,"reasoning_details":null},"finish_reason":null}],"usage":{"prompt_tokens":null,"cost":null,
        "prompt_tokens_details":null,"completion_tokens_details":null},"error":null,"x_groq":null}
      """,
      "{}"
  })
  void reads_what_data_binding_read(String json) throws IOException {
    Wire.Completion bound = BINDING.readValue(json, Wire.Completion.class);
    JsonNode expected = BINDING.valueToTree(bound);
    assertThat((JsonNode) BINDING.valueToTree(WireReader.completion(json))).isEqualTo(expected);
    assertThat((JsonNode) BINDING.valueToTree(WireReader.completion(json.getBytes(StandardCharsets.UTF_8)))).isEqualTo(expected);
  }

  @Test
  void keeps_large_and_exact_values() throws IOException {
    Wire.Completion c = WireReader.completion("""
        {"usage":{"prompt_tokens":9007199254740993,"cost":"0.00000000000000000001"}}""");
    assertThat(c.usage.promptTokens).isEqualTo(9_007_199_254_740_993L);
    assertThat(c.usage.cost).isEqualByComparingTo("1E-20");
  }

  @Test
  void skips_null_elements_of_arrays() throws IOException {
    Wire.Completion c = WireReader.completion("""
        {"choices":[null,{"index":0,"message":{"tool_calls":[null,{"id":"call_9"}]}}]}""");
    assertThat(c.choices).singleElement().satisfies(ch ->
        assertThat(ch.message.toolCalls).singleElement().satisfies(call -> assertThat(call.id).isEqualTo("call_9")));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "null",
      "[1,2]",
      "\"text\"",
      "{\"id\":{\"nested\":1}}",
      "{\"choices\":{\"index\":0}}",
      "{\"choices\":[\"a\"]}",
      "{\"usage\":\"many\"}",
      "{\"usage\":{\"prompt_tokens\":\"lots\"}}",
      "{\"usage\":{\"prompt_tokens\":[1]}}",
      "{\"usage\":{\"cost\":\"cheap\"}}",
      "{\"choices\":[{\"index\":4294967296}]}",
      "{\"id\":\"c\",",
      "{\"id\":\"c\" \"model\":\"m\"}",
  })
  void a_document_of_the_wrong_shape_is_an_io_error(String json) {
    assertThatThrownBy(() -> WireReader.completion(json)).isInstanceOf(IOException.class);
  }

  @Test
  void the_error_names_the_field_of_the_wrong_shape() {
    assertThatThrownBy(() -> WireReader.completion("{\"usage\":{\"prompt_tokens\":\"lots\"}}"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("field \"prompt_tokens\": expected a whole number");
  }
}
