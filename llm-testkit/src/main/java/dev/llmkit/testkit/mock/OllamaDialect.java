package dev.llmkit.testkit.mock;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmkit.api.FinishReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Ollama's native {@code /api/chat}: one JSON object, or an NDJSON stream of message pieces ending in a
 * {@code done: true} line with {@code done_reason} and the token counts; whole tool calls with object
 * arguments; reasoning in {@code thinking}; errors {@code {"error": "…"}} with no type or code. Responses
 * carry no id and no request id.
 */
final class OllamaDialect implements WireDialect {
  static final OllamaDialect INSTANCE = new OllamaDialect();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Pattern PATHS = Pattern.compile(".*/api/chat");

  private OllamaDialect() {}

  @Override
  public String name() {
    return "ollama";
  }

  @Override
  public Pattern paths() {
    return PATHS;
  }

  @Override
  public String baseUrl(String root) {
    return root;
  }

  @Override
  public String requestPath(String model, boolean stream) {
    return "/api/chat";
  }

  @Override
  public WireView read(RecordedRequest request) {
    return OllamaReader.read(request);
  }

  @Override
  public String responseId(String suffix) {
    return suffix; // not on the wire
  }

  @Override
  public String finishReason(FinishReason reason) {
    return switch (reason) {
      case STOP, TOOL_CALLS -> "stop"; // Ollama says stop when it calls tools
      case LENGTH -> "length";
      case OTHER -> "unload";
      case CONTENT_FILTER -> "content_filter"; // no Ollama spelling: sent as an unknown raw value
      case ERROR -> "error";
    };
  }

  @Override
  public byte[] completion(ResolvedReply r, RecordedRequest request) {
    ObjectNode message = message(r.text() == null ? "" : r.text());
    if (r.reasoning() != null) {
      message.put("thinking", r.reasoning());
    }
    if (!r.toolCalls().isEmpty()) {
      message.set("tool_calls", toolCalls(r.toolCalls(), 0));
    }
    return Json.bytes(done(r, message));
  }

  @Override
  public StreamScript stream(ResolvedReply r, RecordedRequest request) {
    List<String> content = new ArrayList<>();
    if (r.reasoning() != null) {
      r.pieces(r.reasoning()).forEach(piece -> content.add(line(piece(r, message("").put("thinking", piece)))));
    }
    r.pieces(r.text() == null ? "" : r.text()).forEach(piece -> content.add(line(piece(r, message(piece)))));
    for (int i = 0; i < r.toolCalls().size(); i++) {
      ObjectNode message = message("");
      message.set("tool_calls", toolCalls(List.of(r.toolCalls().get(i)), i));
      content.add(line(piece(r, message)));
    }
    return new StreamScript(List.of(), content, List.of(line(done(r, message("")))));
  }

  @Override
  public String streamContentType() {
    return "application/x-ndjson";
  }

  @Override
  public String keepAlive() {
    return "\n"; // NDJSON readers skip blank lines
  }

  @Override
  public String streamError(MockError error) {
    return line(errorJson(error));
  }

  @Override
  public ErrorReply error(MockError error, String requestId) {
    return new ErrorReply(error.statusOr(status(error)), Map.of(), Json.bytes(errorJson(error)));
  }

  @Override
  public Map<String, String> headers(String requestId) {
    return Map.of();
  }

  @Override
  public Optional<String> toolCallId(MockToolCall call) {
    return Optional.of(call.openAiId()); // newer builds send call_… ids
  }

  @Override
  public Set<WireFeature> features() {
    return EnumSet.of(WireFeature.REASONING_TEXT);
  }

  private static int status(MockError e) {
    return switch (e.kind()) {
      case QUOTA_EXHAUSTED -> 429; // ollama.com's usage limits
      default -> e.usualStatus();
    };
  }

  private static ObjectNode errorJson(MockError e) {
    String wording = switch (e.kind()) {
      case AUTHENTICATION -> "unauthorized";
      case RATE_LIMITED -> "too many requests, please try again later";
      case QUOTA_EXHAUSTED -> "you've reached your weekly usage limit, please upgrade to continue";
      case CONTEXT_WINDOW_EXCEEDED -> "the input length exceeds the context length";
      case NOT_FOUND -> "model 'llama-mock' not found";
      case OVERLOADED -> "server busy, please try again.  maximum pending requests exceeded";
      case SERVER_ERROR -> "llama runner process has terminated: exit status 2";
      default -> "the request failed";
    };
    return F.objectNode().put("error", e.messageOr(wording));
  }

  private static ObjectNode message(String content) {
    return F.objectNode().put("role", "assistant").put("content", content);
  }

  private static ArrayNode toolCalls(List<MockToolCall> calls, int firstIndex) {
    ArrayNode out = F.arrayNode();
    for (int i = 0; i < calls.size(); i++) {
      MockToolCall call = calls.get(i);
      ObjectNode c = out.addObject().put("id", call.openAiId());
      c.putObject("function").put("index", firstIndex + i).put("name", call.name()).set("arguments", call.argumentsNode());
    }
    return out;
  }

  private static ObjectNode piece(ResolvedReply r, ObjectNode message) {
    ObjectNode line = F.objectNode().put("model", r.model()).put("created_at", Instant.ofEpochSecond(r.created()).toString());
    line.set("message", message);
    return line.put("done", false);
  }

  /** The last line (or the whole non-streamed answer): finish reason and counts, durations in nanoseconds. */
  private static ObjectNode done(ResolvedReply r, ObjectNode message) {
    ObjectNode line = piece(r, message).put("done", true).put("done_reason", r.finishReason());
    line.put("total_duration", 912_000_000L).put("load_duration", 21_000_000L);
    if (r.usage().inputTokens() != null) {
      line.put("prompt_eval_count", r.usage().inputTokens()).put("prompt_eval_duration", 80_000_000L);
    }
    if (r.usage().outputTokens() != null) {
      line.put("eval_count", r.usage().outputTokens()).put("eval_duration", 300_000_000L);
    }
    return line;
  }

  private static String line(ObjectNode json) {
    return Json.text(json) + "\n";
  }
}
