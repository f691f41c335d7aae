package dev.llmkit.provider.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ResponseMetadata;
import dev.llmkit.api.Usage;
import dev.llmkit.spi.ProviderResponse;
import dev.llmkit.spi.support.ResponseAssembler;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Folds the JSON objects of one {@code /api/chat} answer into a response: the lines of a stream, or
 * the single object of a non-streaming answer (which has the same shape as a stream's last line).
 * {@code message.thinking} and {@code message.content} pieces concatenate; tool calls arrive whole,
 * with their arguments as an object, and become calls 0, 1, ... in order of arrival, with the
 * arguments as JSON text. An id the server did not send (older builds), or one already used in this
 * answer, is replaced by {@code call_<n>}, unique within the answer. The object with {@code done: true}
 * carries {@code done_reason} and the token counts. The durations ({@code total_duration},
 * {@code load_duration}, {@code prompt_eval_duration}, {@code eval_duration}) are not kept: a response
 * has no field for them. One instance per answer; not thread-safe.
 */
final class ChatChunks {
  private final OllamaErrors errors;
  private final String requestedModel;
  private final ResponseAssembler assembler = new ResponseAssembler();
  private final Set<String> callIds = new HashSet<>();
  private int nextCall;
  private int nextSyntheticId;

  ChatChunks(OllamaErrors errors, String requestedModel) {
    this.errors = errors;
    this.requestedModel = requestedModel;
  }

  /** What the response headers said, for the final response and a partial one. */
  void metadata(ResponseMetadata metadata) {
    assembler.metadata(metadata);
  }

  /**
   * Folds one object in, handing each delta to {@code out}; true when it was the last one
   * ({@code done: true}). An {@code error} object is thrown as the error it reports.
   */
  boolean fold(JsonNode chunk, Consumer<ChatEvent> out) {
    JsonNode error = chunk.get("error");
    if (error != null && !error.isNull()) {
      throw errors.inBand(chunk, requestedModel);
    }
    assembler.model(text(chunk, "model"));
    JsonNode message = chunk.path("message");
    String thinking = message.path("thinking").asText("");
    if (!thinking.isEmpty()) {
      out.accept(assembler.reasoning(thinking));
    }
    String content = message.path("content").asText("");
    if (!content.isEmpty()) {
      out.accept(assembler.text(content));
    }
    for (JsonNode call : message.path("tool_calls")) {
      toolCall(call, out);
    }
    if (!chunk.path("done").asBoolean(false)) {
      return false;
    }
    assembler.finishReason(text(chunk, "done_reason"));
    // Older servers leave prompt_eval_count out when the whole prompt came from the KV cache: unknown, not 0.
    Usage usage = new Usage(count(chunk, "prompt_eval_count"), count(chunk, "eval_count"), null, null, null);
    if (!usage.equals(Usage.UNKNOWN)) {
      out.accept(assembler.usage(usage));
    }
    return true;
  }

  /** The answer once its last object was folded in. */
  ProviderResponse response() {
    String raw = assembler.rawFinishReason();
    return assembler.buildResponse(requestedModel, DoneReasons.map(raw), raw);
  }

  /** What has arrived so far, for the error that ends a stream early. */
  ChatResponse partial() {
    return assembler.partial(OllamaProviderFactory.ID, requestedModel);
  }

  private void toolCall(JsonNode call, Consumer<ChatEvent> out) {
    JsonNode function = call.path("function");
    JsonNode args = function.get("arguments");
    // Objects on the wire; a proxy that re-encodes them may send the JSON text instead.
    String arguments = args == null || args.isNull() ? "{}" : args.isTextual() ? args.asText() : args.toString();
    out.accept(assembler.toolCall(nextCall++, uniqueId(text(call, "id")), function.path("name").asText(""), arguments));
  }

  private String uniqueId(@Nullable String wireId) {
    String id = wireId;
    while (id == null || !callIds.add(id)) {
      id = "call_" + nextSyntheticId++;
    }
    return id;
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
  }

  private static @Nullable Long count(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isIntegralNumber() && value.asLong() >= 0 ? Long.valueOf(value.asLong()) : null;
  }
}
