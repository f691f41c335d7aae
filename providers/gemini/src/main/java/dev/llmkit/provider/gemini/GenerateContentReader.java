package dev.llmkit.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ResponseMetadata;
import dev.llmkit.spi.ProviderResponse;
import dev.llmkit.spi.support.Redactor;
import dev.llmkit.spi.support.ResponseAssembler;
import java.io.IOException;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Reads the answer of {@code generateContent} (through the same {@link ChunkReader} a stream uses, as
 * the answer is one big chunk) and of {@code countTokens}. An answer without candidates is an error:
 * {@link ErrorKind#CONTENT_POLICY} when Gemini blocked the prompt, else a retryable
 * {@link ErrorKind#SERVER_ERROR}.
 */
final class GenerateContentReader {
  private final ObjectMapper mapper;
  private final Redactor redactor;

  GenerateContentReader(ObjectMapper mapper, Redactor redactor) {
    this.mapper = mapper;
    this.redactor = redactor;
  }

  ProviderResponse read(byte[] body, String requestedModel, ResponseMetadata metadata) {
    ResponseAssembler assembler = new ResponseAssembler();
    assembler.metadata(metadata);
    ChunkReader reader = new ChunkReader(assembler, requestedModel);
    reader.read(tree(body, requestedModel), event -> { });
    if (!reader.sawCandidate()) {
      throw reader.noCandidates();
    }
    String raw = assembler.rawFinishReason();
    return assembler.buildResponse(requestedModel, FinishReasons.map(raw), raw);
  }

  /** The {@code totalTokens} of a {@code countTokens} answer. */
  OptionalLong readTokenCount(byte[] body, String requestedModel) {
    JsonNode count = tree(body, requestedModel).get("totalTokens");
    if (count == null || !count.isIntegralNumber()) {
      throw malformed("gemini countTokens answer has no totalTokens: " + redactor.snippet(body), requestedModel, null);
    }
    return OptionalLong.of(count.asLong());
  }

  private JsonNode tree(byte[] body, String requestedModel) {
    try {
      JsonNode root = mapper.readTree(body);
      if (root != null && root.isObject()) {
        return root;
      }
    } catch (IOException e) {
      throw malformed("gemini answered with JSON that cannot be read: " + redactor.snippet(body), requestedModel, e);
    }
    throw malformed("gemini answered with something other than a JSON object: " + redactor.snippet(body),
        requestedModel, null);
  }

  private LlmException malformed(String message, String model, @Nullable Exception cause) {
    return LlmException.builder(ErrorKind.MALFORMED_RESPONSE, message)
        .provider(GeminiProviderFactory.ID).model(model).cause(redactor.safeCause(cause)).build();
  }
}
