package dev.llmkit.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.llmkit.provider.openai.Fixtures.HI;
import static dev.llmkit.provider.openai.Fixtures.collect;
import static dev.llmkit.provider.openai.Fixtures.provider;
import static dev.llmkit.provider.openai.Fixtures.request;
import static dev.llmkit.provider.openai.Fixtures.sse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.RateLimitException;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.Usage;
import dev.llmkit.spi.ProviderFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StreamingTest {
  @RegisterExtension
  static final StubServer server = new StubServer();

  static Fixtures.Collected stream(String body) {
    return stream(new OpenAiProviderFactory(), "gpt-4o", aResponse().withBody(body));
  }

  static Fixtures.Collected stream(ProviderFactory factory, String model, ResponseDefinitionBuilder response) {
    // Any path: Azure puts the deployment in it.
    server.stubFor(post(urlPathMatching(".*/chat/completions")).willReturn(response
        .withHeader("Content-Type", "text/event-stream")));
    return collect(provider(factory, server).stream(request(factory, model, HI)));
  }

  static String chunk(String choicesJson) {
    return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":"
        + choicesJson + ",\"usage\":null}";
  }

  static String textChunk(String text) {
    return chunk("[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]");
  }

  static final String STOP = chunk("[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]");
  static final String USAGE = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\","
      + "\"choices\":[],\"usage\":{\"prompt_tokens\":90,\"completion_tokens\":18,\"total_tokens\":108,"
      + "\"prompt_tokens_details\":{\"cached_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0}}}";

  static String text(Fixtures.Collected c) {
    return c.eventsOf(ChatEvent.TextDelta.class).stream().map(ChatEvent.TextDelta::text).collect(Collectors.joining());
  }

  @Nested
  class Text {
    @Test
    void textDeltasUsageAndDoneMakeTheResponse() {
      Fixtures.Collected c = stream(sse(
          chunk("[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]"),
          textChunk("Hel"), textChunk("lo"), STOP, USAGE, "[DONE]"));

      assertThat(c.completed()).isTrue();
      assertThat(c.error()).isNull();
      assertThat(c.eventsOf(ChatEvent.TextDelta.class)).extracting(ChatEvent.TextDelta::text).containsExactly("Hel", "lo");
      assertThat(c.eventsOf(ChatEvent.UsageUpdate.class)).extracting(ChatEvent.UsageUpdate::usage)
          .containsExactly(new Usage(90L, 18L, 0L, null, 0L));
      ChatResponse r = c.completedEvent().response();
      assertThat(r.text()).isEqualTo("Hello");
      assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
      assertThat(r.usage()).isEqualTo(new Usage(90L, 18L, 0L, null, 0L));
      assertThat(r.id()).isEqualTo("chatcmpl-1");
      assertThat(r.provider()).isEqualTo("openai");
    }

    @Test
    void keepAliveCommentsAndCrlfLineEndsAreHandled() {
      String body = (": OPENROUTER PROCESSING\n\n" + sse(textChunk("a")) + ": keep-alive\n\n" + sse(textChunk("b"), STOP, "[DONE]"))
          .replace("\n", "\r\n");

      Fixtures.Collected c = stream(body);

      assertThat(c.completed()).isTrue();
      assertThat(c.completedEvent().response().text()).isEqualTo("ab");
    }

    @Test
    void aMultiByteCharacterSplitAcrossNetworkChunksIsDecodedWhole() {
      String body = sse(textChunk("Grüße 👋 — 日本"), STOP, "[DONE]");
      int bytes = body.getBytes(StandardCharsets.UTF_8).length;

      // One byte per network chunk: every multi-byte character is split.
      Fixtures.Collected c = stream(new OpenAiProviderFactory(), "gpt-4o",
          aResponse().withBody(body).withChunkedDribbleDelay(bytes, 200));

      assertThat(c.error()).isNull();
      assertThat(c.completedEvent().response().text()).isEqualTo("Grüße 👋 — 日本");
    }

    @Test
    void anAzureFirstChunkWithEmptyChoicesAndPromptFilterResultsIsIgnored() {
      Fixtures.Collected c = stream(new AzureOpenAiProviderFactory(), "gpt-4o", aResponse().withBody(sse(
          "{\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\",\"prompt_filter_results\":"
              + "[{\"prompt_index\":0,\"content_filter_results\":{\"hate\":{\"filtered\":false,\"severity\":\"safe\"}}}]}",
          textChunk("ok"), STOP, "[DONE]")));

      assertThat(c.error()).isNull();
      assertThat(c.completedEvent().response().text()).isEqualTo("ok");
    }

    @Test
    void reasoningDeltasFromReasoningContentOrReasoningAreCollected() {
      Fixtures.Collected c = stream(new DeepSeekProviderFactory(), "deepseek-reasoner", aResponse().withBody(sse(
          chunk("[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"reasoning_content\":\"Think \"},\"finish_reason\":null}]"),
          chunk("[{\"index\":0,\"delta\":{\"reasoning\":\"hard.\"},\"finish_reason\":null}]"),
          textChunk("42"), STOP, "[DONE]")));

      assertThat(c.eventsOf(ChatEvent.ReasoningDelta.class)).extracting(ChatEvent.ReasoningDelta::text)
          .containsExactly("Think ", "hard.");
      ChatResponse r = c.completedEvent().response();
      assertThat(r.message().reasoningText()).isEqualTo("Think hard.");
      assertThat(r.text()).isEqualTo("42");
    }

    @Test
    void aStreamedRefusalEndsAsContentFilter() {
      Fixtures.Collected c = stream(sse(
          chunk("[{\"index\":0,\"delta\":{\"refusal\":\"I can't \"},\"finish_reason\":null}]"),
          chunk("[{\"index\":0,\"delta\":{\"refusal\":\"help.\"},\"finish_reason\":null}]"),
          STOP, "[DONE]"));

      ChatResponse r = c.completedEvent().response();
      assertThat(r.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
      assertThat(r.text()).isEqualTo("I can't help.");
    }

    @Test
    void groqUsageInXGroqIsRead() {
      Fixtures.Collected c = stream(new GroqProviderFactory(), "llama-3.3-70b-versatile", aResponse().withBody(sse(
          textChunk("hi"),
          "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
              + "\"x_groq\":{\"id\":\"req_1\",\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}}}",
          "[DONE]")));

      assertThat(c.completedEvent().response().usage()).isEqualTo(Usage.of(12, 3));
    }
  }

  @Nested
  class ToolCalls {
    @Test
    void theReferenceToolCallStreamIsReassembled() {
      Fixtures.Collected c = stream(sse(
          chunk("[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"arguments\":\"\"}}]},\"finish_reason\":null}]"),
          chunk("[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"sk\"}}]},\"finish_reason\":null}]"),
          chunk("[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"u\\\":\\\"A-17\\\"}\"}}]},\"finish_reason\":null}]"),
          chunk("[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]"),
          USAGE, "[DONE]"));

      ChatResponse r = c.completedEvent().response();
      assertThat(r.toolCalls()).containsExactly(new ToolCall("call_a", "lookup", "{\"sku\":\"A-17\"}"));
      assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
      assertThat(r.message().text()).isNull();
      assertThat(c.eventsOf(ChatEvent.ToolCallDelta.class).get(0))
          .isEqualTo(new ChatEvent.ToolCallDelta(0, "call_a", "lookup", "", 0));
    }

    @Test
    void interleavedParallelCallsAreKeyedByIndex() {
      Fixtures.Collected c = stream(sse(
          chunk("[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_0\",\"type\":\"function\",\"function\":{\"name\":\"weather\",\"arguments\":\"\"}}]},\"finish_reason\":null}]"),
          chunk("[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"time\",\"arguments\":\"{\\\"tz\\\":\"}}]},\"finish_reason\":null}]"),
          chunk("[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}}]},\"finish_reason\":null}]"),
          chunk("[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"\\\"CET\\\"}\"}}]},\"finish_reason\":null}]"),
          chunk("[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]"),
          "[DONE]"));

      ChatResponse r = c.completedEvent().response();
      assertThat(r.toolCalls()).containsExactly(
          new ToolCall("call_0", "weather", "{\"city\":\"Oslo\"}"),
          new ToolCall("call_1", "time", "{\"tz\":\"CET\"}"));
      assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS); // stop + calls
    }

    @Test
    void wholeCallsWithoutIndexAreToldApartByTheirIds() {
      Fixtures.Collected c = stream(sse(
          chunk("[{\"index\":0,\"delta\":{\"tool_calls\":[{\"id\":\"a\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"x\\\":1}\"}},"
              + "{\"id\":\"b\",\"type\":\"function\",\"function\":{\"name\":\"g\",\"arguments\":\"{}\"}}]},\"finish_reason\":\"tool_calls\"}]"),
          "[DONE]"));

      assertThat(c.completedEvent().response().toolCalls()).containsExactly(
          new ToolCall("a", "f", "{\"x\":1}"), new ToolCall("b", "g", "{}"));
    }
  }

  @Nested
  class Failures {
    @Test
    void anInBandErrorChunkFailsMidStreamAfterThePartialText() {
      Fixtures.Collected c = stream(new OpenRouterProviderFactory(), "openai/gpt-4o", aResponse().withBody(sse(
          textChunk("partial"),
          "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"error\":{\"code\":\"server_error\",\"message\":\"Provider disconnected\"},"
              + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"error\"}]}")));

      assertThat(text(c)).isEqualTo("partial");
      assertThat(c.completed()).isFalse();
      assertThat(c.error()).isInstanceOfSatisfying(LlmException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
        assertThat(e.midStream()).isTrue();
        assertThat(e.providerCode()).contains("server_error");
        assertThat(e.getMessage()).contains("Provider disconnected");
        assertThat(e.provider()).contains("openrouter");
      });
    }

    @Test
    void anInBandRateLimitErrorKeepsItsKind() {
      Fixtures.Collected c = stream(sse(
          "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}}"));

      assertThat(c.error()).isInstanceOfSatisfying(RateLimitException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.midStream()).isTrue();
      });
    }

    @Test
    void endOfStreamWithoutDoneIsATruncationEvenAfterFinishAndUsage() {
      Fixtures.Collected c = stream(sse(textChunk("Hello"), STOP, USAGE));

      assertThat(text(c)).isEqualTo("Hello");
      assertThat(c.completed()).isFalse();
      assertThat(c.eventsOf(ChatEvent.Completed.class)).isEmpty();
      assertThat(c.error()).isInstanceOfSatisfying(LlmException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(e.midStream()).isTrue();
        assertThat(e.getMessage()).contains("[DONE]").contains("truncated");
        assertThat(e.model()).contains("gpt-4o");
      });
    }

    @Test
    void aStreamCutInTheMiddleOfAnEventIsATruncation() {
      Fixtures.Collected c = stream(sse(textChunk("Hel")) + "data: {\"id\":\"chatcmpl-1\",\"choi");

      assertThat(c.error()).isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.midStream()).isTrue());
      assertThat(c.completed()).isFalse();
    }

    @Test
    void aNonJsonChunkIsAMalformedResponse() {
      Fixtures.Collected c = stream(sse(textChunk("a"), "<html>oops</html>"));

      assertThat(c.error()).isInstanceOfSatisfying(LlmException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(e.getMessage()).contains("<html>oops</html>");
      });
    }

    @Test
    void anErrorStatusOnAStreamIsMappedWithItsRetryHint() {
      Fixtures.Collected c = stream(new OpenAiProviderFactory(), "gpt-4o", aResponse().withStatus(429)
          .withHeader("retry-after", "7")
          .withBody("{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}"));

      assertThat(c.events()).isEmpty();
      assertThat(c.error()).isInstanceOfSatisfying(RateLimitException.class, e -> {
        assertThat(e.httpStatus()).hasValue(429);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(e.midStream()).isFalse();
        assertThat(e.model()).contains("gpt-4o");
      });
    }

    @Test
    void dataAfterDoneIsIgnored() {
      Fixtures.Collected c = stream(sse(textChunk("a"), STOP, "[DONE]", textChunk("ignored")));

      assertThat(c.completed()).isTrue();
      assertThat(c.completedEvent().response().text()).isEqualTo("a");
    }
  }
}
