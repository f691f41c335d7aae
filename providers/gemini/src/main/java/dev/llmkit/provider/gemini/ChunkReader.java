package dev.llmkit.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
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
 *   <li>{@code text} parts are the answer; {@code thought: true} parts are reasoning, consecutive ones
 *       joined into one block.
 *   <li>{@code functionCall} parts are tool calls 0, 1, ... in order, with the arguments object as JSON
 *       text; a call without an {@code id} gets the assembler's synthetic one.
 *   <li>A {@code thoughtSignature} stays with its part: on a call, in that call's
 *       {@link GeminiProviderFactory#THOUGHT_SIGNATURE} metadata; on a thought, as that reasoning block's
 *       signature (which closes the block); on answer text, as a reasoning block of its own with no text.
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
  private int nextBlock;
  private int openThought = -1;
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
      openThought = -1;
      int index = nextCall++;
      JsonNode args = call.get("args");
      out.accept(assembler.toolCall(index, text(call, "id"), text(call, "name"),
          args == null || args.isNull() ? "{}" : args.toString()));
      if (signature != null) {
        assembler.toolCallMetadata(index, GeminiProviderFactory.THOUGHT_SIGNATURE, signature);
      }
      return;
    }
    String text = part.path("text").asText("");
    if (part.path("thought").asBoolean(false)) {
      if (openThought < 0) {
        openThought = nextBlock++;
      }
      if (!text.isEmpty()) {
        out.accept(assembler.reasoning(openThought, text));
      }
      if (signature != null) {
        out.accept(assembler.reasoningSignature(openThought, signature));
        openThought = -1;
      }
      return;
    }
    openThought = -1;
    if (!text.isEmpty()) {
      out.accept(assembler.text(text));
    }
    if (signature != null && part.has("text")) {
      out.accept(assembler.reasoningSignature(nextBlock++, signature));
    }
    // inlineData, executableCode and codeExecutionResult parts carry nothing llmkit models yet.
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
