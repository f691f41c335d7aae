package dev.llmkit.testkit.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Google Gemini {@code generateContent}: the model in the path, {@code candidates} of parts (thoughts,
 * text, whole {@code functionCall}s without ids), {@code usageMetadata}; streams are SSE {@code data:}
 * chunks with CRLF line ends and no terminator (the connection just closes); errors carry a gRPC status
 * and {@code details} such as {@code RetryInfo}.
 *
 * <p>A reasoning signature rides on the last thought part.
 */
final class GeminiDialect implements WireDialect {
  static final GeminiDialect INSTANCE = new GeminiDialect();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String VERSION_PATH = "/v1beta";

  private GeminiDialect() {}

  @Override
  public String name() {
    return "gemini";
  }

  @Override
  public Pattern paths() {
    return GeminiReader.PATH;
  }

  @Override
  public String baseUrl(String root) {
    return root + VERSION_PATH;
  }

  @Override
  public String requestPath(String model, boolean stream) {
    return VERSION_PATH + "/models/" + model + (stream ? ":streamGenerateContent" : ":generateContent");
  }

  @Override
  public Optional<String> tokenCountPath(String model) {
    return Optional.of(VERSION_PATH + "/models/" + model + ":countTokens");
  }

  @Override
  public WireView read(RecordedRequest request) {
    return GeminiReader.read(request);
  }

  @Override
  public String responseId(String suffix) {
    return suffix;
  }

  @Override
  public String finishReason(FinishReason reason) {
    return switch (reason) {
      case STOP, TOOL_CALLS -> "STOP"; // Gemini says STOP when it calls functions
      case LENGTH -> "MAX_TOKENS";
      case CONTENT_FILTER -> "SAFETY";
      case ERROR -> "MALFORMED_FUNCTION_CALL";
      case OTHER -> "OTHER";
    };
  }

  @Override
  public byte[] completion(ResolvedReply r, RecordedRequest request) {
    ArrayNode parts = F.arrayNode();
    if (r.reasoning() != null) {
      parts.add(thought(r.reasoning(), r.signature()));
    }
    if (r.text() != null || r.toolCalls().isEmpty()) {
      parts.addObject().put("text", r.text() == null ? "" : r.text());
    }
    r.toolCalls().forEach(call -> parts.add(functionCall(call)));
    return Json.bytes(response(r, parts, r.finishReason(), usage(r.usage())));
  }

  @Override
  public StreamScript stream(ResolvedReply r, RecordedRequest request) {
    // Chunks before the last report the prompt only; the last has the full usage, which clients must keep.
    ObjectNode running = F.objectNode().put("promptTokenCount", orZero(r.usage().inputTokens()));
    List<String> content = new ArrayList<>();
    if (r.reasoning() != null) {
      List<String> pieces = r.pieces(r.reasoning());
      for (int i = 0; i < pieces.size(); i++) {
        ObjectNode part = thought(pieces.get(i), i == pieces.size() - 1 ? r.signature() : null);
        content.add(data(response(r, F.arrayNode().add(part), null, running)));
      }
    }
    for (String piece : r.pieces(r.text() == null ? "" : r.text())) {
      content.add(data(response(r, F.arrayNode().add(F.objectNode().put("text", piece)), null, running)));
    }
    for (MockToolCall call : r.toolCalls()) {
      content.add(data(response(r, F.arrayNode().add(functionCall(call)), null, running)));
    }
    ArrayNode last = F.arrayNode().add(F.objectNode().put("text", ""));
    return new StreamScript(List.of(), content, List.of(data(response(r, last, r.finishReason(), usage(r.usage())))));
  }

  @Override
  public MockError streamFailure() {
    return MockError.of(ErrorKind.OVERLOADED);
  }

  @Override
  public String streamError(MockError error) {
    return data(errorJson(error));
  }

  @Override
  public ErrorReply error(MockError error, String requestId) {
    return new ErrorReply(error.statusOr(wording(error).status()), Map.of(), Json.bytes(errorJson(error)));
  }

  @Override
  public byte[] tokenCount(long inputTokens) {
    return ("{\"totalTokens\":" + inputTokens + "}").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Map<String, String> headers(String requestId) {
    return Map.of("server", "scaffolding on HTTPServer2"); // Gemini sends no request id
  }

  @Override
  public Optional<String> toolCallId(MockToolCall call) {
    return Optional.empty(); // the Gemini API gives calls no id; results are matched by name
  }

  @Override
  public Set<WireFeature> features() {
    return EnumSet.of(WireFeature.RESPONSE_ID, WireFeature.RETRY_AFTER, WireFeature.ERROR_CODE,
        WireFeature.REASONING_TEXT, WireFeature.REASONING_SIGNATURE, WireFeature.CACHE_READ_USAGE,
        WireFeature.REASONING_USAGE);
  }

  /** How Gemini words a condition: HTTP code, gRPC status, message, details. */
  private record Wording(int status, String grpc, String message, ArrayNode details) {
    Wording(int status, String grpc, String message) {
      this(status, grpc, message, F.arrayNode());
    }
  }

  private static Wording wording(MockError e) {
    return switch (e.kind()) {
      // A wrong key is a 400 on Gemini: the reason in the details is what makes it an authentication error.
      case AUTHENTICATION -> new Wording(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.",
          F.arrayNode().add(F.objectNode().put("@type", "type.googleapis.com/google.rpc.ErrorInfo")
              .put("reason", "API_KEY_INVALID").put("domain", "googleapis.com")));
      case RATE_LIMITED -> new Wording(429, "RESOURCE_EXHAUSTED",
          "You exceeded your current quota, please check your plan and billing details.",
          quota("GenerateRequestsPerMinutePerProjectPerModel", e));
      // A per-day quota carries no RetryInfo: waiting a little does not help.
      case QUOTA_EXHAUSTED -> new Wording(429, "RESOURCE_EXHAUSTED",
          "You exceeded your current quota, please check your plan and billing details.",
          quota("GenerateRequestsPerDayPerProjectPerModel", e));
      case CONTEXT_WINDOW_EXCEEDED -> new Wording(400, "INVALID_ARGUMENT",
          "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).");
      case NOT_FOUND -> new Wording(404, "NOT_FOUND",
          "models/gemini-mock is not found for API version v1beta, or is not supported for generateContent.");
      case OVERLOADED -> new Wording(503, "UNAVAILABLE", "The model is overloaded. Please try again later.");
      case SERVER_ERROR -> new Wording(500, "INTERNAL", "An internal error has occurred. Please retry.");
      default -> new Wording(e.usualStatus(), grpcStatus(e.usualStatus()), "The request failed.");
    };
  }

  private static ArrayNode quota(String quotaId, MockError e) {
    ArrayNode details = F.arrayNode();
    details.addObject().put("@type", "type.googleapis.com/google.rpc.QuotaFailure")
        .putArray("violations").addObject().put("quotaId", quotaId);
    if (e.retryAfter() != null) {
      details.addObject().put("@type", "type.googleapis.com/google.rpc.RetryInfo")
          .put("retryDelay", e.retryAfterSeconds() + "s");
    }
    return details;
  }

  private static String grpcStatus(int httpStatus) {
    return switch (httpStatus) {
      case 400 -> "INVALID_ARGUMENT";
      case 401 -> "UNAUTHENTICATED";
      case 403 -> "PERMISSION_DENIED";
      case 404 -> "NOT_FOUND";
      case 409 -> "ABORTED";
      case 429 -> "RESOURCE_EXHAUSTED";
      case 503 -> "UNAVAILABLE";
      case 504 -> "DEADLINE_EXCEEDED";
      default -> httpStatus < 500 ? "FAILED_PRECONDITION" : "INTERNAL";
    };
  }

  private static ObjectNode errorJson(MockError e) {
    Wording w = wording(e);
    ObjectNode root = F.objectNode();
    ObjectNode error = root.putObject("error");
    error.put("code", e.statusOr(w.status()));
    error.put("message", e.messageOr(w.message()));
    error.put("status", e.typeOr(w.grpc()));
    if (!w.details().isEmpty()) {
      error.set("details", w.details());
    }
    return root;
  }

  private static ObjectNode response(ResolvedReply r, ArrayNode parts, @Nullable String finishReason, JsonNode usage) {
    ObjectNode root = F.objectNode();
    ObjectNode candidate = root.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    content.set("parts", parts);
    content.put("role", "model");
    if (finishReason != null) {
      candidate.put("finishReason", finishReason);
    }
    candidate.put("index", 0);
    root.set("usageMetadata", usage);
    root.put("modelVersion", r.model());
    root.put("responseId", r.id());
    return root;
  }

  private static ObjectNode thought(String text, @Nullable String signature) {
    ObjectNode part = F.objectNode().put("text", text).put("thought", true);
    return signature == null ? part : part.put("thoughtSignature", signature);
  }

  private static ObjectNode functionCall(MockToolCall call) {
    ObjectNode part = F.objectNode();
    part.putObject("functionCall").put("name", call.name()).set("args", call.argumentsNode());
    return part;
  }

  /**
   * Gemini's usage: the prompt count includes cached tokens, the candidates count excludes thoughts
   * (which the normalized output includes).
   */
  private static ObjectNode usage(Usage u) {
    long input = orZero(u.inputTokens());
    long output = orZero(u.outputTokens());
    ObjectNode usage = F.objectNode().put("promptTokenCount", input);
    if (u.cacheReadTokens() != null) {
      usage.put("cachedContentTokenCount", u.cacheReadTokens());
    }
    usage.put("candidatesTokenCount", output - orZero(u.reasoningTokens()));
    if (u.reasoningTokens() != null) {
      usage.put("thoughtsTokenCount", u.reasoningTokens());
    }
    return usage.put("totalTokenCount", input + output);
  }

  private static long orZero(@Nullable Long value) {
    return value == null ? 0 : value;
  }

  private static String data(JsonNode json) {
    return "data: " + Json.text(json) + "\r\n\r\n";
  }
}
