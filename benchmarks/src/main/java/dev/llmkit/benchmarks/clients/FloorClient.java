package dev.llmkit.benchmarks.clients;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The floor: what a careful hand-written integration does with {@code java.net.http} (HTTP/1.1) and
 * Jackson. The body is built as a tree, the answer read from a tree; a stream is read line by line.
 *
 * <p>The async variant ({@code floor-async}, not in the report) completes with {@code sendAsync(...).get()}
 * instead of the blocking {@code send}: what any client that must stay cancellable (deadlines, async
 * callers) is left with on the JDK client, which schedules more of such an exchange on its executor
 * and hands the outcome to {@code CompletableFuture}'s default executor.
 */
public final class FloorClient implements BenchClient {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI uri;
  private final boolean async;

  public FloorClient(String baseUrl) {
    this(baseUrl, false);
  }

  public FloorClient(String baseUrl, boolean async) {
    this.uri = URI.create(baseUrl + "/chat/completions");
    this.async = async;
  }

  @Override
  public String name() {
    return async ? "floor-async" : "floor";
  }

  @Override
  public Answer complete() throws IOException, InterruptedException {
    HttpResponse<byte[]> response;
    try {
      response = send();
    } catch (IOException stale) {
      // A pooled connection the stub closed as it was reused (the JDK client reports "header parser
      // received no bytes"): sent again once, as every careful client does (llmkit and the peers too).
      response = send();
    }
    if (response.statusCode() != 200) {
      throw new IOException("stub answered " + response.statusCode());
    }
    JsonNode root = MAPPER.readTree(response.body());
    JsonNode usage = root.path("usage");
    return new Answer(root.path("choices").path(0).path("message").path("content").asText(),
        usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong());
  }

  private HttpResponse<byte[]> send() throws IOException, InterruptedException {
    if (!async) {
      return client.send(request(false), HttpResponse.BodyHandlers.ofByteArray());
    }
    try {
      return client.sendAsync(request(false), HttpResponse.BodyHandlers.ofByteArray()).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }
  }

  @Override
  public java.util.concurrent.CompletableFuture<Answer> streamAsync() throws IOException {
    return client.sendAsync(request(true), HttpResponse.BodyHandlers.ofLines()).thenApply(response -> {
      try (Stream<String> lines = response.body()) {
        return read(lines.iterator(), t -> { });
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  @Override
  public Answer stream(Consumer<String> onText) throws IOException, InterruptedException {
    HttpResponse<Stream<String>> response = client.send(request(true), HttpResponse.BodyHandlers.ofLines());
    try (Stream<String> lines = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("stub answered " + response.statusCode());
      }
      return read(lines.iterator(), onText);
    }
  }

  private static Answer read(Iterator<String> it, Consumer<String> onText) throws IOException {
    StringBuilder text = new StringBuilder();
    long input = -1;
    long output = -1;
    boolean done = false;
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
      if (content.isTextual() && !content.textValue().isEmpty()) {
        onText.accept(content.textValue());
        text.append(content.textValue());
      }
      JsonNode usage = chunk.path("usage");
      if (usage.isObject()) {
        input = usage.path("prompt_tokens").asLong();
        output = usage.path("completion_tokens").asLong();
      }
    }
    if (!done) {
      throw new IOException("stream ended without [DONE]");
    }
    return new Answer(text.toString(), input, output);
  }

  private HttpRequest request(boolean stream) throws IOException {
    ObjectNode body = MAPPER.createObjectNode().put("model", Prompt.MODEL);
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", Prompt.SYSTEM);
    messages.addObject().put("role", "user").put("content", Prompt.USER);
    body.put("temperature", 0.0);
    if (stream) {
      body.put("stream", true);
      body.putObject("stream_options").put("include_usage", true);
    }
    return HttpRequest.newBuilder(uri)
        .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body)))
        .header("Content-Type", "application/json")
        .header("Accept", stream ? "text/event-stream" : "application/json")
        .header("Authorization", "Bearer " + Prompt.API_KEY)
        .build();
  }
}
