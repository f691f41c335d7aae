package dev.llmkit.provider.ollama;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import org.jspecify.annotations.Nullable;

/** Reads one JSON object of an answer (a whole body or one NDJSON line); anything else is a malformed response. */
final class JsonObjects {
  private static final int SNIPPET = 200;

  private JsonObjects() {}

  static JsonNode read(ObjectMapper mapper, String json, String model, boolean midStream) {
    try {
      JsonNode node = mapper.readTree(json);
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (JsonProcessingException e) {
      throw malformed(json, model, midStream, e);
    }
    throw malformed(json, model, midStream, null);
  }

  private static LlmException malformed(String json, String model, boolean midStream, @Nullable Exception cause) {
    String snippet = json.length() > SNIPPET ? json.substring(0, SNIPPET) + "…" : json;
    return LlmException.builder(ErrorKind.MALFORMED_RESPONSE, "ollama sent something that is not a JSON object: " + snippet)
        .provider(OllamaProviderFactory.ID).model(model).midStream(midStream).cause(cause).build();
  }
}
