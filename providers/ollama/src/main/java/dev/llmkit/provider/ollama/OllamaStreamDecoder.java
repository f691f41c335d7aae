package dev.llmkit.provider.ollama;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.support.NdjsonDecoder;
import dev.llmkit.spi.support.ResponseHeaders;
import dev.llmkit.spi.support.StreamDecoder;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Decodes Ollama's NDJSON stream, one JSON object a line (lines may be split across reads anywhere,
 * inside a UTF-8 character too), into {@link ChatEvent}s through {@link ChatChunks}. Ends with
 * {@link ChatEvent.Completed} at the line with {@code done: true}, carrying the metadata of the
 * response headers; an {@code {"error": ...}} line fails the stream, and so does a body that ends
 * before the {@code done} line; either comes with {@link #partial()}. One instance per stream; not
 * thread-safe.
 */
final class OllamaStreamDecoder implements StreamDecoder {
  private final ObjectMapper mapper;
  private final String requestedModel;
  private final Clock clock;
  private final NdjsonDecoder lines = new NdjsonDecoder();
  private final ChatChunks chunks;
  private boolean completed;

  OllamaStreamDecoder(ObjectMapper mapper, OllamaErrors errors, String requestedModel, Clock clock) {
    this.mapper = mapper;
    this.requestedModel = requestedModel;
    this.clock = clock;
    this.chunks = new ChatChunks(errors, requestedModel);
  }

  @Override
  public void responseHeaders(HttpHeaders headers) {
    chunks.metadata(ResponseHeaders.metadata(headers, clock));
  }

  @Override
  public ChatResponse partial() {
    return chunks.partial();
  }

  @Override
  public void feed(ByteBuffer buffer, Consumer<ChatEvent> out) {
    lines.feed(buffer, line -> onLine(line, out));
  }

  @Override
  public void finish(Consumer<ChatEvent> out) {
    lines.finish(line -> onLine(line, out));
    if (!completed) {
      throw LlmException.builder(ErrorKind.MALFORMED_RESPONSE,
              "ollama closed the stream before its \"done\": true line (truncated stream)")
          .provider(OllamaProviderFactory.ID).model(requestedModel).midStream(true).retryable(true).build();
    }
  }

  private void onLine(String line, Consumer<ChatEvent> out) {
    if (completed) {
      return; // nothing follows the done line
    }
    if (chunks.fold(JsonObjects.read(mapper, line, requestedModel, true), out)) {
      completed = true;
      out.accept(new ChatEvent.Completed(chunks.response().toChatResponse(OllamaProviderFactory.ID)));
    }
  }
}
