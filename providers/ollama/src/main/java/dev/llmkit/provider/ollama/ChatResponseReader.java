package dev.llmkit.provider.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ResponseMetadata;
import dev.llmkit.spi.ProviderResponse;
import java.nio.charset.StandardCharsets;

/**
 * Reads a non-streaming {@code /api/chat} answer: one object shaped like a stream's last line, with the
 * whole message, folded by {@link ChatChunks}, with the metadata of the response headers (Ollama
 * reports no cost).
 */
final class ChatResponseReader {
  private final ObjectMapper mapper;
  private final OllamaErrors errors;

  ChatResponseReader(ObjectMapper mapper, OllamaErrors errors) {
    this.mapper = mapper;
    this.errors = errors;
  }

  ProviderResponse read(byte[] body, String requestedModel, ResponseMetadata metadata) {
    JsonNode root = JsonObjects.read(mapper, new String(body, StandardCharsets.UTF_8), requestedModel, false);
    ChatChunks chunks = new ChatChunks(errors, requestedModel);
    chunks.metadata(metadata);
    if (!chunks.fold(root, event -> {})) {
      // A body of NDJSON lines (a proxy that dropped "stream": false) would otherwise lose all but its first line.
      throw LlmException.builder(ErrorKind.MALFORMED_RESPONSE,
              "ollama answered with an object that is not done (\"done\": true missing); was the answer streamed?")
          .provider(OllamaProviderFactory.ID).model(requestedModel).build();
    }
    return chunks.response();
  }
}
