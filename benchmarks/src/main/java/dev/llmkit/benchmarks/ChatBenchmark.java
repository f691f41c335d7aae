package dev.llmkit.benchmarks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ChatStream;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.Message;
import dev.llmkit.core.Llms;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One chat exchange with a loopback OpenAI stub, done by hand with {@code java.net.http} + Jackson
 * (the floor) and through llmkit; once as a single JSON response, once as an SSE stream. Run with
 * {@code -prof gc} for bytes allocated per operation. The defaults below are the settings of the
 * README's table; command-line options override them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class ChatBenchmark {
  private static final String API_KEY = "bench";
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final ChatRequest request = ChatRequest.of(Message.user("Hello"));
  private StubServer stub;
  private HttpClient rawClient;
  private URI rawUri;
  private Llm llm;

  /** What the hand-written client extracts, so both sides do the same work and can be checked. */
  public record RawResult(String text, long inputTokens, long outputTokens) {}

  @Setup(Level.Trial)
  public void start() throws IOException, InterruptedException {
    stub = StubServer.start();
    rawUri = URI.create(stub.baseUrl() + "/chat/completions");
    // The floor: the JDK client as a careful hand-written integration would configure it.
    rawClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    llm = Llms.builder()
        .config(LlmConfig.builder()
            .model("openai/gpt-4o-mini")
            .baseUrl(stub.baseUrl())
            .apiKey(API_KEY)
            .numRetries(0)
            .build())
        .env(Map.of())
        .build();
    checkAnswers();
  }

  @TearDown(Level.Trial)
  public void stop() {
    if (llm != null) {
      llm.close();
    }
    if (stub != null) {
      stub.close();
    }
  }

  /** Request serialized with Jackson, response parsed into a tree, content and usage read. */
  @Benchmark
  public RawResult rawJdkClient() throws IOException, InterruptedException {
    HttpResponse<byte[]> response = rawClient.send(rawRequest(false), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("stub answered " + response.statusCode());
    }
    JsonNode root = MAPPER.readTree(response.body());
    JsonNode usage = root.path("usage");
    return new RawResult(
        root.path("choices").path(0).path("message").path("content").asText(),
        usage.path("prompt_tokens").asLong(),
        usage.path("completion_tokens").asLong());
  }

  @Benchmark
  public ChatResponse llmkitComplete() {
    return llm.complete(request);
  }

  /** The stream read line by line; each data line parsed with Jackson, text and usage gathered. */
  @Benchmark
  public RawResult rawJdkStream() throws IOException, InterruptedException {
    HttpResponse<Stream<String>> response = rawClient.send(rawRequest(true), HttpResponse.BodyHandlers.ofLines());
    StringBuilder text = new StringBuilder();
    long input = -1;
    long output = -1;
    boolean done = false;
    try (Stream<String> lines = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("stub answered " + response.statusCode());
      }
      Iterator<String> it = lines.iterator();
      while (it.hasNext()) {
        String line = it.next();
        if (!line.startsWith("data:")) {
          continue;
        }
        String data = line.substring(5).strip();
        if (data.equals("[DONE]")) {
          done = true;
          continue; // read to the end so the connection goes back to the pool
        }
        JsonNode chunk = MAPPER.readTree(data);
        JsonNode content = chunk.path("choices").path(0).path("delta").path("content");
        if (content.isTextual()) {
          text.append(content.textValue());
        }
        JsonNode usage = chunk.path("usage");
        if (usage.isObject()) {
          input = usage.path("prompt_tokens").asLong();
          output = usage.path("completion_tokens").asLong();
        }
      }
    }
    if (!done) {
      throw new IOException("stream ended without [DONE]");
    }
    return new RawResult(text.toString(), input, output);
  }

  @Benchmark
  public ChatResponse llmkitStream() {
    try (ChatStream stream = llm.stream(request)) {
      return stream.collect();
    }
  }

  private HttpRequest rawRequest(boolean stream) throws IOException {
    ObjectNode body = MAPPER.createObjectNode().put("model", "gpt-4o-mini");
    body.putArray("messages").addObject().put("role", "user").put("content", "Hello");
    if (stream) {
      body.put("stream", true);
      body.putObject("stream_options").put("include_usage", true);
    }
    return HttpRequest.newBuilder(rawUri)
        .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body)))
        .header("Content-Type", "application/json")
        .header("Accept", stream ? "text/event-stream" : "application/json")
        .header("Authorization", "Bearer " + API_KEY)
        .build();
  }

  /** Fails the trial at once if any variant does not get the whole answer (a fast wrong benchmark is worthless). */
  private void checkAnswers() throws IOException, InterruptedException {
    RawResult expected = new RawResult(StubResponses.TEXT, StubResponses.PROMPT_TOKENS, StubResponses.COMPLETION_TOKENS);
    check("rawJdkClient", rawJdkClient(), expected);
    check("rawJdkStream", rawJdkStream(), expected);
    check("llmkitComplete", summary(llmkitComplete()), expected);
    check("llmkitStream", summary(llmkitStream()), expected);
  }

  private static RawResult summary(ChatResponse r) {
    return new RawResult(r.text(), Objects.requireNonNullElse(r.usage().inputTokens(), -1L),
        Objects.requireNonNullElse(r.usage().outputTokens(), -1L));
  }

  private static void check(String name, RawResult actual, RawResult expected) {
    if (!actual.equals(expected)) {
      throw new IllegalStateException(name + " got " + actual + ", expected " + expected);
    }
  }
}
