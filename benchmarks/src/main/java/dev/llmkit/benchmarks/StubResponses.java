package dev.llmkit.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The stub's fixed answers, built once: an OpenAI chat completion and the same answer as an SSE
 * stream of one chunk per word (200 chunks). Both carry the fields the real API sends (ids, fingerprints, nulls,
 * token details) so the clients parse a body of realistic shape and size.
 */
public final class StubResponses {
  public static final String MODEL = "gpt-4o-mini-2024-07-18";
  public static final long PROMPT_TOKENS = 9;

  /** How many text chunks the stream carries. */
  public static final int CHUNKS = 200;

  /** The answer, one list entry per stream chunk (a leading space like real tokens). */
  static final List<String> TOKENS = tokens(CHUNKS);
  public static final String TEXT = String.join("", TOKENS);
  public static final long COMPLETION_TOKENS = TOKENS.size();

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long CREATED = 1_764_000_000L;

  private StubResponses() {}

  /** What every client must read from either answer. */
  public static dev.llmkit.benchmarks.clients.Answer expected() {
    return new dev.llmkit.benchmarks.clients.Answer(TEXT, PROMPT_TOKENS, COMPLETION_TOKENS);
  }

  /** The non-streaming response body. */
  static byte[] completion() {
    ObjectNode root = MAPPER.createObjectNode()
        .put("id", "chatcmpl-bench0001")
        .put("object", "chat.completion")
        .put("created", CREATED)
        .put("model", MODEL);
    ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
    choice.putObject("message")
        .put("role", "assistant")
        .put("content", TEXT)
        .putNull("refusal")
        .putArray("annotations");
    choice.putNull("logprobs").put("finish_reason", "stop");
    root.set("usage", usage());
    root.put("service_tier", "default").put("system_fingerprint", "fp_bench01");
    return bytes(root);
  }

  /**
   * The streaming body: a role chunk, one chunk per token, a finish chunk, a usage chunk (as sent
   * with {@code stream_options.include_usage}) and {@code data: [DONE]}.
   */
  static byte[] stream() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ObjectNode first = chunk();
    delta(first).put("role", "assistant").put("content", "").putNull("refusal");
    event(out, first);
    for (String token : TOKENS) {
      ObjectNode c = chunk();
      delta(c).put("content", token);
      event(out, c);
    }
    ObjectNode finish = chunk();
    ((ObjectNode) finish.get("choices").get(0)).put("finish_reason", "stop");
    event(out, finish);
    ObjectNode usage = chunk();
    usage.putArray("choices");
    usage.set("usage", usage());
    event(out, usage);
    out.writeBytes("data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static ObjectNode chunk() {
    ObjectNode root = MAPPER.createObjectNode()
        .put("id", "chatcmpl-bench0002")
        .put("object", "chat.completion.chunk")
        .put("created", CREATED)
        .put("model", MODEL)
        .put("service_tier", "default")
        .put("system_fingerprint", "fp_bench01");
    ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
    choice.putObject("delta");
    choice.putNull("logprobs").putNull("finish_reason");
    root.putNull("usage");
    return root;
  }

  private static ObjectNode delta(ObjectNode chunk) {
    return (ObjectNode) chunk.get("choices").get(0).get("delta");
  }

  private static ObjectNode usage() {
    ObjectNode u = MAPPER.createObjectNode()
        .put("prompt_tokens", PROMPT_TOKENS)
        .put("completion_tokens", COMPLETION_TOKENS)
        .put("total_tokens", PROMPT_TOKENS + COMPLETION_TOKENS);
    u.putObject("prompt_tokens_details").put("cached_tokens", 0).put("audio_tokens", 0);
    u.putObject("completion_tokens_details")
        .put("reasoning_tokens", 0)
        .put("audio_tokens", 0)
        .put("accepted_prediction_tokens", 0)
        .put("rejected_prediction_tokens", 0);
    return u;
  }

  private static void event(ByteArrayOutputStream out, ObjectNode data) {
    out.writeBytes("data: ".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(bytes(data));
    out.writeBytes("\n\n".getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] bytes(ObjectNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code count} short words cycled from a sentence, so the completion body stays near 1.2 KB. */
  private static List<String> tokens(int count) {
    String[] words = "a stub on loopback so we time the client not the net".split(" ");
    List<String> tokens = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String w = words[i % words.length];
      tokens.add(i == 0 ? w : " " + w);
    }
    return List.copyOf(tokens);
  }
}
