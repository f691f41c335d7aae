package dev.llmkit.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.api.AssistantBlock;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.support.ResponseAssembler;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code GenerateContentResponse} objects into a {@link ResponseAssembler}: the whole answer of
 * {@code generateContent}, or each chunk of a stream, which has the same shape and carries only the new
 * parts. Only the first candidate is read (llmkit asks for one).
 *
 * <ul>
 *   <li>Parts become blocks in their order: {@code text} parts are the answer; {@code thought: true}
 *       parts are reasoning; consecutive parts of one kind are joined into one block (a stream splits
 *       a part across chunks).
 *   <li>{@code functionCall} parts are tool calls 0, 1, ... in order, with the arguments object as JSON
 *       text; a call without an {@code id} gets the assembler's synthetic one.
 *   <li>A {@code thoughtSignature} stays with its part: on a call, in that call's
 *       {@link GeminiProviderFactory#THOUGHT_SIGNATURE} metadata; on a thought, as that reasoning block's
 *       signature; on answer text, in that text block's metadata. A signature ends its block.
 *   <li>Other parts ({@code executableCode}, {@code codeExecutionResult}, newer types) are kept verbatim
 *       as opaque blocks.
 *   <li>{@code usageMetadata} holds running totals, so each one replaces the last.
 *   <li>A prompt Gemini blocked ({@code promptFeedback.blockReason}, no candidates) is a
 *       {@link ErrorKind#CONTENT_POLICY} error.
 * </ul>
 *
 * One instance per response; not thread-safe.
 */
final class ChunkReader {
  private final ResponseAssembler assembler;
  private final String requestedModel;
  private int nextCall;
  private boolean sawCandidate;
  private boolean finished;

  ChunkReader(ResponseAssembler assembler, String requestedModel) {
    this.assembler = assembler;
    this.requestedModel = requestedModel;
  }

  /** Records one response object, handing each delta event to {@code out}. */
  void read(JsonNode chunk, Consumer<ChatEvent> out) {
    assembler.id(text(chunk, "responseId"));
    assembler.model(text(chunk, "modelVersion"));
    JsonNode candidates = chunk.path("candidates");
    if (candidates.isArray() && !candidates.isEmpty()) {
      sawCandidate = true;
      JsonNode candidate = candidates.get(0);
      for (JsonNode part : candidate.path("content").path("parts")) {
        part(part, out);
      }
      String reason = text(candidate, "finishReason");
      if (reason != null) {
        assembler.finishReason(reason);
        finished = true;
      }
    }
    JsonNode usage = chunk.get("usageMetadata");
    if (usage != null && usage.isObject()) {
      out.accept(assembler.usage(UsageMetadata.parse(usage)));
    }
    String blockReason = text(chunk.path("promptFeedback"), "blockReason");
    if (blockReason != null && !sawCandidate) {
      throw blocked(blockReason, text(chunk.path("promptFeedback"), "blockReasonMessage"));
    }
  }

  /** True once a candidate said why it finished. */
  boolean finished() {
    return finished;
  }

  /** True once any candidate arrived. */
  boolean sawCandidate() {
    return sawCandidate;
  }

  /**
   * The error for an answer without any candidate and no block reason: Gemini produced nothing, which
   * a new attempt usually fixes, so it is a retryable {@link ErrorKind#SERVER_ERROR}.
   */
  LlmException noCandidates() {
    return LlmException.builder(ErrorKind.SERVER_ERROR, "gemini answered without any candidate")
        .provider(GeminiProviderFactory.ID).model(requestedModel).build();
  }

  private void part(JsonNode part, Consumer<ChatEvent> out) {
    String signature = text(part, "thoughtSignature");
    JsonNode call = part.get("functionCall");
    if (call != null && call.isObject()) {
      int index = nextCall++;
      JsonNode args = call.get("args");
      out.accept(assembler.toolCall(index, text(call, "id"), text(call, "name"),
          args == null || args.isNull() ? "{}" : args.toString()));
      if (signature != null) {
        assembler.toolCallMetadata(index, GeminiProviderFactory.THOUGHT_SIGNATURE, signature);
      }
      return;
    }
    JsonNode textNode = part.get("text");
    if (textNode == null || !textNode.isTextual()) {
      // executableCode, codeExecutionResult, inlineData and newer part types: kept verbatim.
      out.accept(assembler.whole(new AssistantBlock.Opaque(GeminiProviderFactory.ID, partType(part), part.toString())));
      return;
    }
    String text = textNode.asText();
    if (part.path("thought").asBoolean(false)) {
      if (!text.isEmpty()) {
        out.accept(assembler.reasoning(text));
      }
      if (signature != null) {
        out.accept(assembler.reasoningSignature(signature));
        assembler.endBlock();
      }
      return;
    }
    if (!text.isEmpty()) {
      out.accept(assembler.text(text));
    }
    if (signature != null) {
      assembler.textMetadata(GeminiProviderFactory.THOUGHT_SIGNATURE, signature);
      assembler.endBlock();
    }
  }

  /** The name of the part's data field ({@code executableCode}, ...), what the part is. */
  private static String partType(JsonNode part) {
    var names = part.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!name.equals("thought") && !name.equals("thoughtSignature")) {
        return name;
      }
    }
    return "unknown";
  }

  private LlmException blocked(String reason, @Nullable String detail) {
    return LlmException.builder(ErrorKind.CONTENT_POLICY,
            "gemini blocked the prompt (" + reason + ")" + (detail == null ? "" : ": " + detail))
        .provider(GeminiProviderFactory.ID).model(requestedModel)
        .providerCode(reason).providerMessage(detail).rawFinishReason(reason).build();
  }

  static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
  }
}
