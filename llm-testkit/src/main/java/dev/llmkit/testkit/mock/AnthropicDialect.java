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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Anthropic Messages: {@code message} bodies with thinking, text and tool_use blocks; named SSE events
 * from {@code message_start} to {@code message_stop}; {@code count_tokens}.
 */
final class AnthropicDialect implements WireDialect {
  static final AnthropicDialect INSTANCE = new AnthropicDialect();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Pattern PATHS = Pattern.compile(".*/messages(/count_tokens)?");

  private AnthropicDialect() {}

  @Override
  public String name() {
    return "anthropic";
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
    return "/v1/messages";
  }

  @Override
  public Optional<String> tokenCountPath(String model) {
    return Optional.of("/v1/messages/count_tokens");
  }

  @Override
  public WireView read(RecordedRequest request) {
    return AnthropicReader.read(request);
  }

  @Override
  public String responseId(String suffix) {
    return "msg_01" + suffix;
  }

  @Override
  public String finishReason(FinishReason reason) {
    return switch (reason) {
      case STOP -> "end_turn";
      case LENGTH -> "max_tokens";
      case TOOL_CALLS -> "tool_use";
      case CONTENT_FILTER -> "refusal";
      case OTHER -> "pause_turn";
      case ERROR -> "error"; // no Anthropic spelling: sent as an unknown raw value
    };
  }

  @Override
  public byte[] completion(ResolvedReply r, RecordedRequest request) {
    ObjectNode root = F.objectNode();
    root.put("id", r.id());
    root.put("type", "message");
    root.put("role", "assistant");
    root.put("model", r.model());
    ArrayNode content = root.putArray("content");
    if (r.reasoning() != null) {
      content.addObject().put("type", "thinking").put("thinking", r.reasoning()).put("signature", r.signature());
    }
    if (r.text() != null || r.toolCalls().isEmpty()) {
      content.addObject().put("type", "text").put("text", r.text() == null ? "" : r.text());
    }
    for (MockToolCall call : r.toolCalls()) {
      ObjectNode block = content.addObject();
      block.put("type", "tool_use");
      block.put("id", call.anthropicId());
      block.put("name", call.name());
      block.set("input", call.argumentsNode());
    }
    root.put("stop_reason", r.finishReason());
    root.putNull("stop_sequence");
    root.set("usage", usage(r.usage(), null));
    return Json.bytes(root);
  }

  @Override
  public StreamScript stream(ResolvedReply r, RecordedRequest request) {
    List<String> head = new ArrayList<>();
    List<String> content = new ArrayList<>();
    List<String> tail = new ArrayList<>();

    ObjectNode message = F.objectNode();
    message.put("id", r.id());
    message.put("type", "message");
    message.put("role", "assistant");
    message.put("model", r.model());
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    long output = r.usage().outputTokens() == null ? 0 : r.usage().outputTokens();
    message.set("usage", usage(r.usage(), Math.min(1, output)));
    ObjectNode start = F.objectNode().put("type", "message_start");
    start.set("message", message);
    head.add(event("message_start", start));
    head.add(event("ping", F.objectNode().put("type", "ping")));

    int index = 0;
    if (r.reasoning() != null) {
      content.add(blockStart(index, F.objectNode().put("type", "thinking").put("thinking", "").put("signature", "")));
      for (String piece : TextChunks.split(r.reasoning(), r.chunks())) {
        content.add(blockDelta(index, F.objectNode().put("type", "thinking_delta").put("thinking", piece)));
      }
      content.add(blockDelta(index, F.objectNode().put("type", "signature_delta").put("signature", r.signature())));
      content.add(blockStop(index));
      index++;
    }
    if (r.text() != null || r.toolCalls().isEmpty()) {
      content.add(blockStart(index, F.objectNode().put("type", "text").put("text", "")));
      for (String piece : TextChunks.split(r.text() == null ? "" : r.text(), r.chunks())) {
        content.add(blockDelta(index, F.objectNode().put("type", "text_delta").put("text", piece)));
      }
      content.add(blockStop(index));
      index++;
    }
    for (MockToolCall call : r.toolCalls()) {
      ObjectNode stub = F.objectNode().put("type", "tool_use").put("id", call.anthropicId()).put("name", call.name());
      stub.putObject("input");
      content.add(blockStart(index, stub));
      // The API opens every tool input with an empty fragment; clients must tolerate it.
      content.add(blockDelta(index, F.objectNode().put("type", "input_json_delta").put("partial_json", "")));
      for (String piece : TextChunks.split(call.arguments(), r.chunks())) {
        content.add(blockDelta(index, F.objectNode().put("type", "input_json_delta").put("partial_json", piece)));
      }
      content.add(blockStop(index));
      index++;
    }

    ObjectNode delta = F.objectNode().put("type", "message_delta");
    delta.putObject("delta").put("stop_reason", r.finishReason()).putNull("stop_sequence");
    delta.set("usage", usage(r.usage(), null));
    tail.add(event("message_delta", delta));
    tail.add(event("message_stop", F.objectNode().put("type", "message_stop")));
    return new StreamScript(head, content, tail);
  }

  @Override
  public MockError streamFailure() {
    return MockError.of(ErrorKind.OVERLOADED);
  }

  @Override
  public String streamError(MockError error) {
    return event("error", errorJson(error));
  }

  @Override
  public ErrorReply error(MockError error, String requestId) {
    Wording w = wording(error);
    ObjectNode body = errorJson(error).put("request_id", requestId);
    return new ErrorReply(error.statusOr(w.status()), error.withRetryAfter(w.headers()), Json.bytes(body));
  }

  @Override
  public byte[] tokenCount(long inputTokens) {
    return ("{\"input_tokens\":" + inputTokens + "}").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Map<String, String> headers(String requestId) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("request-id", requestId);
    h.put("anthropic-organization-id", "00000000-0000-4000-8000-000000000000");
    return h;
  }

  @Override
  public String requestId() {
    return "req_011C" + Ids.random(20);
  }

  @Override
  public Optional<String> toolCallId(MockToolCall call) {
    return Optional.of(call.anthropicId());
  }

  @Override
  public Set<WireFeature> features() {
    // output_tokens_details.thinking_tokens is too new to be relied on.
    return EnumSet.of(WireFeature.RESPONSE_ID, WireFeature.REQUEST_ID, WireFeature.RETRY_AFTER,
        WireFeature.ERROR_CODE, WireFeature.REASONING_TEXT, WireFeature.REASONING_SIGNATURE,
        WireFeature.CACHE_READ_USAGE, WireFeature.CACHE_WRITE_USAGE);
  }

  /** How Anthropic words a condition. */
  private record Wording(int status, String type, String message, Map<String, String> headers) {
    Wording(int status, String type, String message) {
      this(status, type, message, Map.of());
    }
  }

  private static Wording wording(MockError e) {
    return switch (e.kind()) {
      case AUTHENTICATION -> new Wording(401, "authentication_error", "invalid x-api-key");
      case RATE_LIMITED -> new Wording(429, "rate_limit_error",
          "This request would exceed the rate limit for your organization of 50 requests per minute.",
          Map.of("anthropic-ratelimit-requests-limit", "50", "anthropic-ratelimit-requests-remaining", "0"));
      case QUOTA_EXHAUSTED -> new Wording(402, "billing_error", "Your credit balance is too low to access the Anthropic API.");
      case CONTEXT_WINDOW_EXCEEDED -> new Wording(400, "invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum");
      case NOT_FOUND -> new Wording(404, "not_found_error", "model: claude-mock");
      case OVERLOADED -> new Wording(529, "overloaded_error", "Overloaded");
      case SERVER_ERROR -> new Wording(500, "api_error", "Internal server error");
      default -> new Wording(e.usualStatus(), "api_error", "The request failed.");
    };
  }

  private static ObjectNode errorJson(MockError e) {
    Wording w = wording(e);
    ObjectNode root = F.objectNode().put("type", "error");
    root.putObject("error").put("type", e.typeOr(w.type())).put("message", e.messageOr(w.message()));
    return root;
  }

  /**
   * Anthropic's usage: {@code input_tokens} excludes the cache reads and writes that the normalized
   * count includes. {@code outputOverride} is the small initial count of {@code message_start}.
   */
  private static ObjectNode usage(Usage u, @Nullable Long outputOverride) {
    long read = u.cacheReadTokens() == null ? 0 : u.cacheReadTokens();
    long write = u.cacheWriteTokens() == null ? 0 : u.cacheWriteTokens();
    long input = u.inputTokens() == null ? 0 : u.inputTokens();
    ObjectNode usage = F.objectNode();
    usage.put("input_tokens", input - read - write);
    if (u.cacheWriteTokens() != null) {
      usage.put("cache_creation_input_tokens", write);
    }
    if (u.cacheReadTokens() != null) {
      usage.put("cache_read_input_tokens", read);
    }
    if (u.cacheWriteTokens() != null) {
      usage.putObject("cache_creation").put("ephemeral_5m_input_tokens", write).put("ephemeral_1h_input_tokens", 0);
    }
    usage.put("output_tokens", outputOverride != null ? outputOverride : u.outputTokens() == null ? 0 : u.outputTokens());
    if (outputOverride == null && u.reasoningTokens() != null) {
      usage.putObject("output_tokens_details").put("thinking_tokens", u.reasoningTokens());
    }
    usage.put("service_tier", "standard");
    return usage;
  }

  private static String blockStart(int index, JsonNode block) {
    ObjectNode e = F.objectNode().put("type", "content_block_start").put("index", index);
    e.set("content_block", block);
    return event("content_block_start", e);
  }

  private static String blockDelta(int index, JsonNode delta) {
    ObjectNode e = F.objectNode().put("type", "content_block_delta").put("index", index);
    e.set("delta", delta);
    return event("content_block_delta", e);
  }

  private static String blockStop(int index) {
    return event("content_block_stop", F.objectNode().put("type", "content_block_stop").put("index", index));
  }

  private static String event(String name, JsonNode data) {
    return "event: " + name + "\ndata: " + Json.text(data) + "\n\n";
  }
}
