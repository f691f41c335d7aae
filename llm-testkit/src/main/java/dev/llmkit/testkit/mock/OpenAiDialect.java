package dev.llmkit.testkit.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.Usage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** OpenAI Chat Completions: {@code chat.completion} bodies, {@code chat.completion.chunk} SSE, {@code [DONE]}. */
final class OpenAiDialect implements WireDialect {
  static final OpenAiDialect INSTANCE = new OpenAiDialect();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String FINGERPRINT = "fp_mock0001";
  private static final Pattern PATHS = Pattern.compile(".*/chat/completions");

  private OpenAiDialect() {}

  @Override
  public String name() {
    return "openai";
  }

  @Override
  public Pattern paths() {
    return PATHS;
  }

  @Override
  public String baseUrl(String root) {
    return root + "/v1";
  }

  @Override
  public String requestPath(String model, boolean stream) {
    return "/v1/chat/completions";
  }

  @Override
  public WireView read(RecordedRequest request) {
    return OpenAiReader.read(request);
  }

  @Override
  public String responseId(String suffix) {
    return "chatcmpl-" + suffix;
  }

  @Override
  public String finishReason(FinishReason reason) {
    return switch (reason) {
      case STOP -> "stop";
      case LENGTH -> "length";
      case TOOL_CALLS -> "tool_calls";
      case CONTENT_FILTER -> "content_filter";
      case ERROR -> "error"; // OpenRouter's spelling; OpenAI itself has none
      case OTHER -> "function_call";
    };
  }

  @Override
  public byte[] completion(ResolvedReply r, RecordedRequest request) {
    ObjectNode root = F.objectNode();
    root.put("id", r.id());
    root.put("object", "chat.completion");
    root.put("created", r.created());
    root.put("model", r.model());
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    if (r.text() != null) {
      message.put("content", r.text());
    } else if (r.toolCalls().isEmpty()) {
      message.put("content", "");
    } else {
      message.putNull("content");
    }
    message.putNull("refusal");
    message.putArray("annotations");
    if (!r.toolCalls().isEmpty()) {
      ArrayNode calls = message.putArray("tool_calls");
      for (MockToolCall call : r.toolCalls()) {
        ObjectNode c = calls.addObject();
        c.put("id", call.openAiId());
        c.put("type", "function");
        c.putObject("function").put("name", call.name()).put("arguments", call.arguments());
      }
    }
    choice.putNull("logprobs");
    choice.put("finish_reason", r.finishReason());
    root.set("usage", usage(r.usage()));
    root.put("service_tier", "default");
    root.put("system_fingerprint", FINGERPRINT);
    return Json.bytes(root);
  }

  @Override
  public StreamScript stream(ResolvedReply r, RecordedRequest request) {
    boolean includeUsage = request.json().at("/stream_options/include_usage").asBoolean(false);
    List<String> head = new ArrayList<>();
    List<String> content = new ArrayList<>();
    List<String> tail = new ArrayList<>();

    ObjectNode opening = F.objectNode().put("role", "assistant");
    if (r.text() != null || r.toolCalls().isEmpty()) {
      opening.put("content", "");
    } else {
      opening.putNull("content");
    }
    opening.putNull("refusal");
    head.add(data(chunk(r, opening, null, includeUsage)));

    if (r.text() != null) {
      for (String piece : TextChunks.split(r.text(), r.chunks())) {
        content.add(data(chunk(r, F.objectNode().put("content", piece), null, includeUsage)));
      }
    }
    for (int i = 0; i < r.toolCalls().size(); i++) {
      MockToolCall call = r.toolCalls().get(i);
      ObjectNode first = F.objectNode();
      first.put("index", i).put("id", call.openAiId()).put("type", "function");
      first.putObject("function").put("name", call.name()).put("arguments", "");
      content.add(data(chunk(r, toolDelta(first), null, includeUsage)));
      for (String piece : TextChunks.split(call.arguments(), r.chunks())) {
        ObjectNode fragment = F.objectNode().put("index", i);
        fragment.putObject("function").put("arguments", piece);
        content.add(data(chunk(r, toolDelta(fragment), null, includeUsage)));
      }
    }

    tail.add(data(chunk(r, F.objectNode(), r.finishReason(), includeUsage)));
    if (includeUsage) {
      ObjectNode last = base(r);
      last.putArray("choices");
      last.set("usage", usage(r.usage()));
      tail.add(data(last));
    }
    tail.add("data: [DONE]\n\n");
    return new StreamScript(head, content, tail);
  }

  @Override
  public String streamError(MockError error) {
    return data(errorJson(error));
  }

  @Override
  public ErrorReply error(MockError error, String requestId) {
    Wording w = wording(error);
    return new ErrorReply(error.statusOr(w.status()), error.withRetryAfter(w.headers()), Json.bytes(errorJson(error)));
  }

  @Override
  public Map<String, String> headers(String requestId) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("x-request-id", requestId);
    h.put("openai-processing-ms", "7");
    h.put("openai-version", "2020-10-01");
    return h;
  }

  @Override
  public String requestId() {
    return "req_" + Ids.random(32);
  }

  @Override
  public Optional<String> toolCallId(MockToolCall call) {
    return Optional.of(call.openAiId());
  }

  @Override
  public Set<WireFeature> features() {
    // Chat Completions returns no reasoning text; cache_write_tokens is too new to be relied on.
    return EnumSet.of(WireFeature.RESPONSE_ID, WireFeature.REQUEST_ID, WireFeature.RETRY_AFTER,
        WireFeature.ERROR_CODE, WireFeature.CACHE_READ_USAGE, WireFeature.REASONING_USAGE);
  }

  /** How OpenAI words a condition; a scripted type also becomes the {@code code}. */
  private record Wording(int status, String type, @Nullable String code, String message, Map<String, String> headers) {
    Wording(int status, String type, @Nullable String code, String message) {
      this(status, type, code, message, Map.of());
    }
  }

  private static Wording wording(MockError e) {
    long wait = e.retryAfterSeconds();
    return switch (e.kind()) {
      case AUTHENTICATION -> new Wording(401, "invalid_request_error", "invalid_api_key",
          "Incorrect API key provided: sk-mock***. You can find your API key at https://platform.openai.com/account/api-keys.");
      case RATE_LIMITED -> new Wording(429, "requests", "rate_limit_exceeded",
          "Rate limit reached for gpt-4o in organization org-mock on requests per min (RPM): Limit 500, Used 500, "
              + "Requested 1. Please try again in " + wait + "s.",
          Map.of("x-ratelimit-limit-requests", "500", "x-ratelimit-remaining-requests", "0",
              "x-ratelimit-reset-requests", wait + "s"));
      case QUOTA_EXHAUSTED -> new Wording(429, "insufficient_quota", "insufficient_quota",
          "You exceeded your current quota, please check your plan and billing details.");
      case CONTEXT_WINDOW_EXCEEDED -> new Wording(400, "invalid_request_error", "context_length_exceeded",
          "This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens. "
              + "Please reduce the length of the messages.");
      case NOT_FOUND -> new Wording(404, "invalid_request_error", "model_not_found",
          "The model `gpt-mock` does not exist or you do not have access to it.");
      case OVERLOADED -> new Wording(503, "server_error", null, "The engine is currently overloaded, please try again later.");
      case SERVER_ERROR -> new Wording(500, "server_error", null,
          "The server had an error while processing your request. Sorry about that!");
      default -> new Wording(e.usualStatus(), "invalid_request_error", null, "The request failed.");
    };
  }

  private static ObjectNode errorJson(MockError e) {
    Wording w = wording(e);
    ObjectNode root = F.objectNode();
    ObjectNode error = root.putObject("error");
    error.put("message", e.messageOr(w.message()));
    error.put("type", e.typeOr(w.type()));
    error.putNull("param");
    String code = e.type() != null ? e.type() : w.code();
    if (code == null) {
      error.putNull("code");
    } else {
      error.put("code", code);
    }
    return root;
  }

  private static ObjectNode usage(Usage u) {
    ObjectNode usage = F.objectNode();
    long input = u.inputTokens() == null ? 0 : u.inputTokens();
    long output = u.outputTokens() == null ? 0 : u.outputTokens();
    usage.put("prompt_tokens", input);
    usage.put("completion_tokens", output);
    usage.put("total_tokens", input + output);
    if (u.cacheReadTokens() != null || u.cacheWriteTokens() != null) {
      ObjectNode details = usage.putObject("prompt_tokens_details");
      if (u.cacheReadTokens() != null) {
        details.put("cached_tokens", u.cacheReadTokens());
      }
      if (u.cacheWriteTokens() != null) {
        details.put("cache_write_tokens", u.cacheWriteTokens());
      }
      details.put("audio_tokens", 0);
    }
    if (u.reasoningTokens() != null) {
      usage.putObject("completion_tokens_details")
          .put("reasoning_tokens", u.reasoningTokens())
          .put("audio_tokens", 0)
          .put("accepted_prediction_tokens", 0)
          .put("rejected_prediction_tokens", 0);
    }
    return usage;
  }

  private static ObjectNode toolDelta(ObjectNode call) {
    ObjectNode delta = F.objectNode();
    delta.putArray("tool_calls").add(call);
    return delta;
  }

  private static ObjectNode base(ResolvedReply r) {
    ObjectNode chunk = F.objectNode();
    chunk.put("id", r.id());
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", r.created());
    chunk.put("model", r.model());
    chunk.put("service_tier", "default");
    chunk.put("system_fingerprint", FINGERPRINT);
    return chunk;
  }

  private static ObjectNode chunk(ResolvedReply r, JsonNode delta, @Nullable String finishReason, boolean includeUsage) {
    ObjectNode chunk = base(r);
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    if (finishReason == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finishReason);
    }
    if (includeUsage) {
      chunk.putNull("usage");
    }
    return chunk;
  }

  private static String data(JsonNode json) {
    return "data: " + Json.text(json) + "\n\n";
  }
}
