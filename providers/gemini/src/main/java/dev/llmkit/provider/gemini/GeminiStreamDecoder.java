package dev.llmkit.provider.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.support.ResponseAssembler;
import dev.llmkit.spi.support.ResponseHeaders;
import dev.llmkit.spi.support.StreamDecoder;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the stream of {@code streamGenerateContent?alt=sse}: each event is a whole
 * {@code GenerateContentResponse} with the new parts only, read by a {@link ChunkReader}. Gemini has no
 * end-of-stream event and just closes the connection, so {@link ChatEvent.Completed} is emitted at the
 * end of the body, once a candidate has said why it finished; a body that ends before that is a
 * truncated stream (retryable {@link ErrorKind#MALFORMED_RESPONSE}), one that had no candidate at all
 * is {@link ChunkReader#noCandidates()}. An error object in the stream, framed as an event or as bare
 * JSON, is thrown as the {@link GeminiErrors} classify it; the publisher adds the partial response.
 * One instance per stream; not thread-safe.
 */
final class GeminiStreamDecoder implements StreamDecoder {
  private final ObjectMapper mapper;
  private final GeminiErrors errors;
  private final String requestedModel;
  private final Clock clock;
  private final StreamFraming framing = new StreamFraming();
  private final ResponseAssembler assembler = new ResponseAssembler();
  private final ChunkReader reader;

  GeminiStreamDecoder(ObjectMapper mapper, GeminiErrors errors, String requestedModel, Clock clock) {
    this.mapper = mapper;
    this.errors = errors;
    this.requestedModel = requestedModel;
    this.clock = clock;
    this.reader = new ChunkReader(assembler, requestedModel);
  }

  @Override
  public void responseHeaders(HttpHeaders headers) {
    assembler.metadata(ResponseHeaders.metadata(headers, clock));
  }

  @Override
  public ChatResponse partial() {
    return assembler.partial(GeminiProviderFactory.ID, requestedModel);
  }

  @Override
  public void feed(ByteBuffer buffer, Consumer<ChatEvent> out) {
    framing.feed(buffer, text -> onChunk(text, out));
  }

  @Override
  public void finish(Consumer<ChatEvent> out) {
    framing.finish(text -> onChunk(text, out));
    if (reader.finished()) {
      String raw = assembler.rawFinishReason();
      out.accept(new ChatEvent.Completed(
          assembler.build(GeminiProviderFactory.ID, requestedModel, FinishReasons.map(raw), raw)));
      return;
    }
    if (!reader.sawCandidate()) {
      throw reader.noCandidates().toBuilder().midStream(true).build();
    }
    throw LlmException.builder(ErrorKind.MALFORMED_RESPONSE,
            "gemini closed the stream before a candidate finished (truncated stream)")
        .provider(GeminiProviderFactory.ID).model(requestedModel).midStream(true).retryable(true).build();
  }

  private void onChunk(String text, Consumer<ChatEvent> out) {
    if (text.isBlank()) {
      return;
    }
    JsonNode chunk = parse(text);
    if (GeminiErrors.isError(chunk)) {
      throw errors.fromStreamEvent(chunk, requestedModel);
    }
    if (!chunk.isObject()) {
      throw malformed(text, null);
    }
    reader.read(chunk, out);
  }

  private JsonNode parse(String text) {
    try {
      JsonNode node = mapper.readTree(text);
      if (node != null) {
        return node;
      }
    } catch (JsonProcessingException e) {
      throw malformed(text, e);
    }
    throw malformed(text, null);
  }

  private LlmException malformed(String text, @Nullable Exception cause) {
    return LlmException.builder(ErrorKind.MALFORMED_RESPONSE,
            "gemini sent a stream chunk that is not a JSON object: " + errors.redactor().snippet(text))
        .provider(GeminiProviderFactory.ID).model(requestedModel).midStream(true)
        .cause(errors.redactor().safeCause(cause)).build();
  }
}
