package dev.llmkit.testkit.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** OpenAI Chat Completions: {@code chat.completion} bodies, {@code chat.completion.chunk} SSE, {@code [DONE]}. */
final class OpenAiDialect implements WireDialect {
  static final OpenAiDialect INSTANCE = new OpenAiDialect();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String FINGERPRINT = "fp_mock0001";

  private OpenAiDialect() {}

  @Override
  public MockLlmServer.WireFormat format() {
    return MockLlmServer.WireFormat.OPENAI;
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
    choice.put("finish_reason", r.finishWire(this));
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

    tail.add(data(chunk(r, F.objectNode(), r.finishWire(this), includeUsage)));
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
  public String inBandError(String type, String message) {
    ObjectNode root = F.objectNode();
    ObjectNode error = root.putObject("error");
    error.put("message", message);
    error.put("type", type);
    error.putNull("param");
    error.putNull("code");
    return data(root);
  }

  @Override
  public String defaultInBandType() {
    return "server_error";
  }

  @Override
  public String defaultInBandMessage() {
    return "The server had an error while processing your request. Sorry about that!";
  }

  @Override
  public int errorStatus(ErrorSpec error) {
    return error.openAiStatus();
  }

  @Override
  public byte[] errorBody(ErrorSpec spec, String requestId) {
    ObjectNode root = F.objectNode();
    ObjectNode error = root.putObject("error");
    error.put("message", spec.openAiMessage());
    error.put("type", spec.openAiType());
    error.putNull("param");
    if (spec.openAiCode() == null) {
      error.putNull("code");
    } else {
      error.put("code", spec.openAiCode());
    }
    return Json.bytes(root);
  }

  @Override
  public Map<String, String> errorHeaders(ErrorSpec error) {
    return error.openAiHeaders();
  }

  @Override
  public Map<String, String> standardHeaders(String requestId) {
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
