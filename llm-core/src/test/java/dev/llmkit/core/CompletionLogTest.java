package dev.llmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.RateLimits;
import dev.llmkit.api.Reasoning;
import dev.llmkit.api.ReasoningEffort;
import dev.llmkit.api.ResponseFormat;
import dev.llmkit.api.ResponseMetadata;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolSpec;
import dev.llmkit.api.Usage;
import dev.llmkit.core.fake.FakeProvider;
import dev.llmkit.core.fake.FakeProviderFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final FakeProviderFactory factory = new FakeProviderFactory();
  private final FakeProvider provider = factory.provider();
  @TempDir Path folder;

  private Llm llm(LlmConfig.Builder config) {
    return Llms.builder()
        .config(config.model("fake/m").apiKey("sk-secret-never-logged").numRetries(0).build()) // failures are the point
        .registry(PluginRegistry.of(List.of(factory), List.of()))
        .build();
  }

  private Llm logging() {
    return llm(LlmConfig.builder().logCompletions(true).logCompletionsFolder(folder.toString()));
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.sorted().toList();
    }
  }

  private JsonNode onlyRecord() throws IOException {
    assertThat(files()).hasSize(1);
    return JSON.readTree(files().get(0).toFile());
  }

  @Test
  void each_successful_call_is_written_as_one_json_file_without_secrets_or_image_bytes() throws IOException {
    Llm llm = logging();

    llm.complete(ChatRequest.builder().system("be brief")
        .message(Message.user(ContentPart.text("what is this?"), ContentPart.Image.ofBytes(new byte[3000], "image/png")))
        .build());

    assertThat(files()).singleElement().satisfies(file -> {
      assertThat(file.getFileName().toString()).startsWith("fake__m-").endsWith(".json");
      String text = Files.readString(file);
      assertThat(text).doesNotContain("sk-secret-never-logged").doesNotContain("AAAAAAAA");
      JsonNode json = JSON.readTree(text);
      assertThat(json.at("/status").asText()).isEqualTo("ok");
      assertThat(json.at("/mode").asText()).isEqualTo("complete");
      assertThat(json.at("/messages/0/content").asText()).isEqualTo("be brief");
      assertThat(json.at("/messages/1/content/0").asText()).isEqualTo("what is this?");
      assertThat(json.at("/messages/1/content/1").asText()).startsWith("[image image/png, 4000 base64 chars]");
      assertThat(json.at("/response/message/content").asText()).isEqualTo("ok");
      assertThat(json.at("/usage/input_tokens").asLong()).isEqualTo(10);
      assertThat(json.at("/latency_ms").isNumber()).isTrue();
      assertThat(json.at("/timestamp").isNumber()).isTrue();
    });
  }

  @Test
  void an_image_given_as_a_data_url_is_a_size_note_too() throws IOException {
    logging().complete(ChatRequest.of(Message.user(ContentPart.text("see"),
        ContentPart.Image.ofUrl("data:image/png;base64,AAAAAAAAAAAAAAAAAAAA"))));

    assertThat(onlyRecord().at("/messages/0/content/1").asText()).isEqualTo("[image data URL, 42 chars]");
  }

  @Test
  void the_record_holds_tools_parameters_the_whole_response_usage_cost_price_source_and_request_id()
      throws IOException {
    provider.answer(r -> new ChatResponse("resp-9", "fake", "m-2025", new AssistantMessage("calling",
        List.of(new ToolCall("call_1", "weather", "{\"city\":\"Paris\"}")), List.of(Reasoning.of("think first"))),
        FinishReason.TOOL_CALLS, "tool_use", new Usage(1000L, 200L, 100L, 0L, 50L), null, Duration.ZERO,
        ResponseMetadata.of("req-77", RateLimits.NONE, null, null)));
    Llm llm = llm(LlmConfig.builder().logCompletions(true).logCompletionsFolder(folder.toString())
        .inputCostPerToken(new BigDecimal("0.000001")).outputCostPerToken(new BigDecimal("0.000002")));

    llm.complete(ChatRequest.builder().user("weather in Paris?")
        .tool(ToolSpec.of("weather", "the weather in a city",
            Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")))))
        .temperature(0.2).topP(0.9).maxOutputTokens(300).stop(List.of("END")).seed(7L)
        .reasoningEffort(ReasoningEffort.LOW)
        .responseFormat(ResponseFormat.jsonSchema("answer", Map.of("type", "object"), true))
        .extraParam("user", "u-1")
        .build());

    JsonNode json = onlyRecord();
    assertThat(json.at("/provider").asText()).isEqualTo("fake");
    assertThat(json.at("/model").asText()).isEqualTo("m");
    assertThat(json.at("/tools/0/name").asText()).isEqualTo("weather");
    assertThat(json.at("/tools/0/description").asText()).isEqualTo("the weather in a city");
    assertThat(json.at("/tools/0/parameters/properties/city/type").asText()).isEqualTo("string");
    JsonNode p = json.at("/parameters");
    assertThat(p.at("/temperature").asDouble()).isEqualTo(0.2);
    assertThat(p.at("/top_p").asDouble()).isEqualTo(0.9);
    assertThat(p.at("/max_output_tokens").asInt()).isEqualTo(300);
    assertThat(p.at("/stop/0").asText()).isEqualTo("END");
    assertThat(p.at("/seed").asLong()).isEqualTo(7);
    assertThat(p.at("/reasoning_effort").asText()).isEqualTo("LOW");
    assertThat(p.at("/response_format/type").asText()).isEqualTo("JSON_SCHEMA");
    assertThat(p.at("/response_format/name").asText()).isEqualTo("answer");
    assertThat(p.at("/extra_params/user").asText()).isEqualTo("u-1");
    assertThat(json.at("/response/id").asText()).isEqualTo("resp-9");
    assertThat(json.at("/response/model").asText()).isEqualTo("m-2025");
    assertThat(json.at("/response/message/content").asText()).isEqualTo("calling");
    assertThat(json.at("/response/message/reasoning").asText()).isEqualTo("think first");
    assertThat(json.at("/response/message/tool_calls/0/name").asText()).isEqualTo("weather");
    assertThat(json.at("/response/message/tool_calls/0/arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(json.at("/response/finish_reason").asText()).isEqualTo("TOOL_CALLS");
    assertThat(json.at("/response/raw_finish_reason").asText()).isEqualTo("tool_use");
    assertThat(json.at("/usage/cache_read_tokens").asLong()).isEqualTo(100);
    assertThat(json.at("/usage/reasoning_tokens").asLong()).isEqualTo(50);
    assertThat(json.at("/cost").decimalValue()).isEqualByComparingTo("0.0014");
    assertThat(json.at("/price_source").asText()).isEqualTo("CONFIG");
    assertThat(json.at("/request_id").asText()).isEqualTo("req-77");
    assertThat(json.at("/attributes/llmkit.price-source").asText()).isEqualTo("CONFIG");
  }

  @Test
  void a_failed_call_is_logged_with_the_error_its_provider_fields_and_the_latency_measured_by_the_stage()
      throws IOException {
    provider.fail(LlmException.builder(ErrorKind.RATE_LIMITED, "slow down").httpStatus(429)
        .providerCode("rate_limit_exceeded").providerType("requests").providerMessage("Rate limit reached")
        .requestId("req-429").retryAfter(Duration.ofSeconds(3)).build());
    Llm llm = logging();

    assertThatThrownBy(() -> llm.complete(ChatRequest.of(Message.user("hi")))).isInstanceOf(LlmException.class);

    JsonNode json = onlyRecord();
    assertThat(files().get(0).getFileName().toString()).startsWith("fake__m-").endsWith(".json");
    assertThat(json.at("/status").asText()).isEqualTo("error");
    assertThat(json.at("/messages/0/content/0").asText()).isEqualTo("hi");
    assertThat(json.at("/response").isNull()).isTrue();
    assertThat(json.at("/error/kind").asText()).isEqualTo("RATE_LIMITED");
    assertThat(json.at("/error/message").asText()).isEqualTo("slow down");
    assertThat(json.at("/error/http_status").asInt()).isEqualTo(429);
    assertThat(json.at("/error/provider_code").asText()).isEqualTo("rate_limit_exceeded");
    assertThat(json.at("/error/provider_type").asText()).isEqualTo("requests");
    assertThat(json.at("/error/provider_message").asText()).isEqualTo("Rate limit reached");
    assertThat(json.at("/error/retryable").asBoolean()).isTrue();
    assertThat(json.at("/error/retry_after_ms").asLong()).isEqualTo(3000);
    assertThat(json.at("/request_id").asText()).isEqualTo("req-429");
    assertThat(json.at("/latency_ms").isNumber()).isTrue();
  }

  @Test
  void a_failure_that_is_not_an_llm_exception_is_logged_as_unknown_with_its_class() throws IOException {
    provider.answer(r -> {
      throw new IllegalStateException("provider bug");
    });

    assertThatThrownBy(() -> logging().complete(ChatRequest.of(Message.user("hi"))));

    JsonNode json = onlyRecord();
    assertThat(json.at("/error/kind").asText()).isEqualTo("UNKNOWN");
    assertThat(json.at("/error/message").asText()).contains("provider bug");
    assertThat(json.at("/error/cause").asText()).isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  void a_failed_async_call_is_logged() throws IOException {
    provider.holdAsync();
    CompletableFuture<ChatResponse> f = logging().completeAsync(ChatRequest.of(Message.user("hi")));
    provider.pendingAsync().completeExceptionally(LlmException.builder(ErrorKind.OVERLOADED, "busy").build());
    assertThatThrownBy(f::join);

    JsonNode json = onlyRecord();
    assertThat(json.at("/mode").asText()).isEqualTo("async");
    assertThat(json.at("/error/kind").asText()).isEqualTo("OVERLOADED");
  }

  @Test
  void a_cancelled_async_call_is_logged_as_cancelled() throws IOException {
    provider.holdAsync();
    CompletableFuture<ChatResponse> f = logging().completeAsync(ChatRequest.of(Message.user("hi")));

    assertThat(f.cancel(true)).isTrue();
    assertThatThrownBy(f::join).isInstanceOf(CancellationException.class);

    JsonNode json = onlyRecord();
    assertThat(json.at("/status").asText()).isEqualTo("cancelled");
    assertThat(json.at("/error/kind").asText()).isEqualTo("CANCELLED");
  }

  @Test
  void streamed_and_async_calls_are_logged_too() throws IOException {
    Llm llm = logging();
    llm.completeAsync(ChatRequest.of(Message.user("a"))).join();
    ChatStream stream = llm.stream(ChatRequest.of(Message.user("b")));
    var it = stream.iterator();
    provider.lastStream.submit(new ChatEvent.Completed(FakeProvider.reply("streamed", Usage.of(1, 1))));
    provider.lastStream.close();
    it.forEachRemaining(e -> { });

    assertThat(files()).hasSize(2);
    assertThat(files()).extracting(f -> read(f).at("/mode").asText()).containsExactlyInAnyOrder("async", "stream");
  }

  @Test
  void a_stream_that_fails_midway_is_logged_with_the_partial_response_of_its_error() throws IOException {
    ChatResponse partial = new ChatResponse("r", "fake", "m", AssistantMessage.of("Once upon"), FinishReason.ERROR,
        null, Usage.of(12, 3), null, Duration.ZERO);
    try (ChatStream stream = logging().stream(ChatRequest.of(Message.user("tell a story")))) {
      Iterator<ChatEvent> it = stream.iterator();
      provider.lastStream.submit(new ChatEvent.TextDelta("Once upon"));
      provider.lastStream.closeExceptionally(LlmException.builder(ErrorKind.OVERLOADED, "Overloaded").httpStatus(200)
          .midStream(true).providerType("overloaded_error").requestId("req-s").partialResponse(partial).build());
      assertThat(it.next()).isEqualTo(new ChatEvent.TextDelta("Once upon"));
      assertThatThrownBy(it::hasNext).isInstanceOf(LlmException.class);
    }

    JsonNode json = onlyRecord();
    assertThat(json.at("/status").asText()).isEqualTo("error");
    assertThat(json.at("/mode").asText()).isEqualTo("stream");
    assertThat(json.at("/error/kind").asText()).isEqualTo("OVERLOADED");
    assertThat(json.at("/error/mid_stream").asBoolean()).isTrue();
    assertThat(json.at("/error/provider_type").asText()).isEqualTo("overloaded_error");
    assertThat(json.at("/request_id").asText()).isEqualTo("req-s");
    assertThat(json.at("/partial_response/message/content").asText()).isEqualTo("Once upon");
    assertThat(json.at("/partial_response/finish_reason").asText()).isEqualTo("ERROR");
    assertThat(json.at("/usage/input_tokens").asLong()).isEqualTo(12);
    assertThat(json.at("/latency_ms").isNumber()).isTrue();
  }

  @Test
  void a_stream_the_caller_closes_is_logged_as_cancelled_with_what_had_arrived() throws IOException {
    ChatStream stream = logging().stream(ChatRequest.of(Message.user("count")));
    Iterator<ChatEvent> it = stream.iterator();
    provider.lastStream.submit(new ChatEvent.TextDelta("one, "));
    provider.lastStream.submit(new ChatEvent.TextDelta("two"));
    provider.lastStream.submit(new ChatEvent.UsageUpdate(Usage.of(4, 2)));
    assertThat(it.next()).isEqualTo(new ChatEvent.TextDelta("one, "));

    stream.close();
    stream.close();

    JsonNode json = onlyRecord();
    assertThat(json.at("/status").asText()).isEqualTo("cancelled");
    assertThat(json.at("/error/kind").asText()).isEqualTo("CANCELLED");
    assertThat(json.at("/partial_response/message/content").asText()).isEqualTo("one, two");
    assertThat(json.at("/usage/output_tokens").asLong()).isEqualTo(2);
  }

  @Test
  void a_stream_closed_after_its_final_response_is_logged_once_as_answered() throws IOException {
    ChatStream stream = logging().stream(ChatRequest.of(Message.user("b")));
    Iterator<ChatEvent> it = stream.iterator();
    provider.lastStream.submit(new ChatEvent.Completed(FakeProvider.reply("done", Usage.of(1, 1))));
    assertThat(it.next()).isInstanceOf(ChatEvent.Completed.class);

    stream.close();

    assertThat(onlyRecord().at("/status").asText()).isEqualTo("ok");
  }

  @Test
  void a_stream_that_ends_without_a_final_response_is_logged_as_malformed() throws IOException {
    ChatStream stream = logging().stream(ChatRequest.of(Message.user("b")));
    Iterator<ChatEvent> it = stream.iterator();
    provider.lastStream.submit(new ChatEvent.TextDelta("cut"));
    provider.lastStream.close();
    it.forEachRemaining(e -> { });

    JsonNode json = onlyRecord();
    assertThat(json.at("/error/kind").asText()).isEqualTo("MALFORMED_RESPONSE");
    assertThat(json.at("/partial_response/message/content").asText()).isEqualTo("cut");
  }

  @Test
  void nothing_is_written_when_logging_is_off() throws IOException {
    llm(LlmConfig.builder()).complete(ChatRequest.of(Message.user("a")));
    assertThat(files()).isEmpty();
  }

  @Test
  void a_folder_that_cannot_be_written_does_not_fail_the_call_and_is_reported_at_warning() throws IOException {
    Path notAFolder = Files.writeString(folder.resolve("file"), "x");
    Llm llm = llm(LlmConfig.builder().logCompletions(true).logCompletionsFolder(notAFolder.resolve("sub").toString()));
    Logger logger = Logger.getLogger("dev.llmkit.core.CompletionLog");
    List<LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.addHandler(handler);
    try {
      assertThat(llm.complete(ChatRequest.of(Message.user("a"))).text()).isEqualTo("ok");
      provider.fail(LlmException.builder(ErrorKind.OVERLOADED, "busy").build());
      assertThatThrownBy(() -> llm.complete(ChatRequest.of(Message.user("a")))).hasMessageContaining("busy");
    } finally {
      logger.removeHandler(handler);
    }

    assertThat(records).hasSize(2).allSatisfy(r -> {
      assertThat(r.getLevel()).isEqualTo(Level.WARNING);
      assertThat(r.getMessage()).contains("could not write the completion log");
    });
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
