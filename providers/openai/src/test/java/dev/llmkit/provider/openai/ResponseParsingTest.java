package dev.llmkit.provider.openai;

import static dev.llmkit.provider.openai.Fixtures.HI;
import static dev.llmkit.provider.openai.Fixtures.provider;
import static dev.llmkit.provider.openai.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.Usage;
import dev.llmkit.spi.ProviderFactory;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseParsingTest {
  @RegisterExtension
  static final StubServer server = new StubServer();

  static ChatResponse reply(String body) {
    return reply(new OpenAiProviderFactory(), "gpt-4o", body);
  }

  static ChatResponse reply(ProviderFactory factory, String model, String body) {
    server.answerJson(body);
    return provider(factory, server).complete(request(factory, model, HI));
  }

  static String choice(String message, String finishReason) {
    return """
        {"id":"chatcmpl-9","object":"chat.completion","created":1,"model":"gpt-4o-2024-08-06",
         "choices":[{"index":0,"message":%s,"finish_reason":%s}]}
        """.formatted(message, finishReason == null ? "null" : "\"" + finishReason + "\"");
  }

  @Nested
  class Content {
    @Test
    void textIdModelAndFinishReasonAreRead() {
      ChatResponse r = reply(choice("{\"role\":\"assistant\",\"content\":\"4\",\"refusal\":null}", "stop"));

      assertThat(r.text()).isEqualTo("4");
      assertThat(r.id()).isEqualTo("chatcmpl-9");
      assertThat(r.model()).isEqualTo("gpt-4o-2024-08-06");
      assertThat(r.provider()).isEqualTo("openai");
      assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
      assertThat(r.rawFinishReason()).isEqualTo("stop");
      assertThat(r.latency()).isEqualTo(Duration.ZERO);
      assertThat(r.cost()).isNull();
      assertThat(r.usage()).isEqualTo(Usage.UNKNOWN);
    }

    @Test
    void toolCallsKeepTheirArgumentStringAndUsageDetailsAreMapped() {
      // The reference response of an o4-mini tool call, with usage details.
      ChatResponse r = reply("""
          {"id":"chatcmpl-9xZ","object":"chat.completion","created":1767225600,"model":"o4-mini-2025-04-16",
           "choices":[{"index":0,
             "message":{"role":"assistant","content":null,"refusal":null,
               "tool_calls":[{"id":"call_a1","type":"function","function":{"name":"lookup","arguments":"{\\"sku\\":\\"A-17\\"}"}},
                             {"id":"call_a2","type":"function","function":{"name":"lookup","arguments":""}}]},
             "finish_reason":"tool_calls","logprobs":null}],
           "usage":{"prompt_tokens":2048,"completion_tokens":300,"total_tokens":2348,
             "prompt_tokens_details":{"cached_tokens":1920,"audio_tokens":0,"cache_write_tokens":64},
             "completion_tokens_details":{"reasoning_tokens":256,"audio_tokens":0,
               "accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},
           "system_fingerprint":"fp_x","service_tier":"default"}
          """);

      assertThat(r.message().text()).isNull();
      assertThat(r.toolCalls()).containsExactly(
          new ToolCall("call_a1", "lookup", "{\"sku\":\"A-17\"}"),
          new ToolCall("call_a2", "lookup", "{}"));
      assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
      assertThat(r.usage()).isEqualTo(new Usage(2048L, 300L, 1920L, 64L, 256L));
    }

    @Test
    void aStopWithToolCallsIsReportedAsToolCalls() {
      ChatResponse r = reply(choice("""
          {"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]}
          """, "stop"));

      assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
      assertThat(r.rawFinishReason()).isEqualTo("stop");
    }

    @Test
    void anEmptyStringBesideToolCallsMeansNoText() {
      ChatResponse r = reply(choice("""
          {"role":"assistant","content":"","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]}
          """, "tool_calls"));

      assertThat(r.message().text()).isNull();
      assertThat(r.toolCalls()).hasSize(1);
    }

    @Test
    void aRefusalWithoutContentIsAContentFilterFinishCarryingTheRefusal() {
      ChatResponse r = reply(choice("{\"role\":\"assistant\",\"content\":null,\"refusal\":\"I can't help with that.\"}", "stop"));

      assertThat(r.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
      assertThat(r.text()).isEqualTo("I can't help with that.");
    }

    @Test
    void mistralArrayContentIsSplitIntoTextAndReasoning() {
      ChatResponse r = reply(new MistralProviderFactory(), "magistral-medium-latest", choice("""
          {"role":"assistant","content":[
            {"type":"thinking","thinking":[{"type":"text","text":"Two plus two."}]},
            {"type":"text","text":"4"}]}
          """, "stop"));

      assertThat(r.text()).isEqualTo("4");
      assertThat(r.message().reasoningText()).isEqualTo("Two plus two.");
    }
  }

  @Nested
  class CompatibleServers {
    @Test
    void deepSeekReasoningContentAndCacheHitsAreRead() {
      ChatResponse r = reply(new DeepSeekProviderFactory(), "deepseek-reasoner", """
          {"id":"d1","object":"chat.completion","created":1,"model":"deepseek-reasoner",
           "choices":[{"index":0,"message":{"role":"assistant","content":"9.11 < 9.9",
             "reasoning_content":"Compare the decimals."},"finish_reason":"stop"}],
           "usage":{"prompt_tokens":100,"completion_tokens":40,"total_tokens":140,
             "prompt_cache_hit_tokens":64,"prompt_cache_miss_tokens":36,
             "completion_tokens_details":{"reasoning_tokens":30}}}
          """);

      assertThat(r.text()).isEqualTo("9.11 < 9.9");
      assertThat(r.message().reasoningText()).isEqualTo("Compare the decimals.");
      assertThat(r.usage()).isEqualTo(new Usage(100L, 40L, 64L, null, 30L));
    }

    @Test
    void openRouterReasoningFieldIsRead() {
      ChatResponse r = reply(new OpenRouterProviderFactory(), "anthropic/claude-sonnet-4.5", choice(
          "{\"role\":\"assistant\",\"content\":\"Yes.\",\"reasoning\":\"Think first.\"}", "stop"));

      assertThat(r.message().reasoningText()).isEqualTo("Think first.");
    }

    @Test
    void leadingBlankLinesFromKeepAliveAreTolerated() {
      ChatResponse r = reply(new DeepSeekProviderFactory(), "deepseek-chat",
          "\n\n\n" + choice("{\"role\":\"assistant\",\"content\":\"hi\"}", "stop"));

      assertThat(r.text()).isEqualTo("hi");
    }

    @Test
    void theRequestedModelIsUsedWhenTheServerNamesNone() {
      ChatResponse r = reply(new VllmProviderFactory(), "my-model",
          "{\"choices\":[{\"message\":{\"content\":\"x\"},\"finish_reason\":\"stop\"}]}");

      assertThat(r.model()).isEqualTo("my-model");
      assertThat(r.provider()).isEqualTo("vllm");
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "stop, STOP",
      "length, LENGTH",
      "model_length, LENGTH",
      "tool_calls, TOOL_CALLS",
      "function_call, TOOL_CALLS",
      "content_filter, CONTENT_FILTER",
      "error, ERROR",
      "something_new, OTHER"})
  void finishReasonsAreNormalized(String raw, FinishReason expected) {
    ChatResponse r = reply(choice("{\"role\":\"assistant\",\"content\":\"x\"}", raw));

    assertThat(r.finishReason()).isEqualTo(expected);
    assertThat(r.rawFinishReason()).isEqualTo(raw);
  }

  @Nested
  class Malformed {
    @Test
    void invalidJsonIsAMalformedResponse() {
      assertThatThrownBy(() -> reply("{\"choices\":[{\"mess"))
          .isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
            assertThat(e.model()).contains("gpt-4o");
          });
    }

    @Test
    void aResponseWithoutChoicesIsAMalformedResponse() {
      assertThatThrownBy(() -> reply("{\"id\":\"x\",\"choices\":[]}"))
          .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE));
    }

    @Test
    void anErrorBodyWithStatus200IsMappedAsAnError() {
      assertThatThrownBy(() -> reply(new OpenRouterProviderFactory(), "openai/gpt-4o",
              "{\"error\":{\"code\":502,\"message\":\"Upstream provider is down\"}}"))
          .isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
            assertThat(e.getMessage()).contains("Upstream provider is down");
            assertThat(e.provider()).contains("openrouter");
          });
    }
  }
}
