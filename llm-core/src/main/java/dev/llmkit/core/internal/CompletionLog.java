package dev.llmkit.core.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.CallAttributes;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.Cost;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.Message;
import dev.llmkit.api.ResponseFormat;
import dev.llmkit.api.Secret;
import dev.llmkit.api.SystemMessage;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolMessage;
import dev.llmkit.api.ToolSpec;
import dev.llmkit.api.Usage;
import dev.llmkit.api.UserMessage;
import dev.llmkit.core.LlmCall;
import dev.llmkit.spi.ProviderRequest;
import dev.llmkit.spi.support.Redactor;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Stage 7 (completion log): with {@code LlmConfig.logCompletions}, each call that reaches this stage
 * (answered, failed or cancelled, streamed or not) is written as one JSON file into
 * {@code logCompletionsFolder} (as OpenHands does): the model, the messages, tools and request
 * parameters sent, the response (or the error and any partial response), usage, cost and its source,
 * latency, timestamp and request id.
 *
 * <p>File names are {@code <provider>__<model>-<epochMillis>-<pid>-<processToken>-<instance>-<seq>.json}:
 * the process id plus a random token drawn once per JVM (containers sharing a folder often run every
 * process as pid 1), a number per {@code CompletionLog} in the JVM, and a number per call, so names
 * never collide between calls, instances or processes writing into one folder. Each file is written to
 * a hidden temporary name in the folder and then moved into place, so a reader never sees half a file.
 *
 * <p>Keys and headers are never written, and every text that is (messages, response, error messages,
 * extra parameters) is scrubbed of the configured API key and AWS credentials, the values of the
 * configured extra headers, the values of {@code *_API_KEY} environment variables, and anything
 * shaped like a provider key ({@link Redactor}). Inline images and documents appear as a size note
 * instead of their bytes. A failure to write is logged at WARNING, never thrown: the log must not
 * break the call it records.
 *
 * <p>With the logger {@value #LOGGER_NAME} at DEBUG, the prompt and the response (or error) of each
 * call are also logged there, redacted the same way; the level is checked when the {@code Llm} is built
 * (the stage is left out of the chain when there is neither a folder nor DEBUG) and on each call.
 */
public final class CompletionLog {
  /** The {@link System.Logger} name: DEBUG shows prompts and responses, WARNING failures to write. */
  public static final String LOGGER_NAME = "dev.llmkit.core.CompletionLog";

  private static final System.Logger LOG = System.getLogger(LOGGER_NAME);
  private static final AtomicLong INSTANCES = new AtomicLong();
  private static final int MAX_PREFIX = 100;

  /**
   * What only a log that is on needs, made when the first one is: most JVMs never log completions,
   * and these cost a visible part of start-up (a mapper, a seeded random number, a formatter).
   */
  private static final class Shared {
    static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    static final ObjectWriter PRETTY = JSON.writer().with(SerializationFeature.INDENT_OUTPUT);
    static final ObjectWriter COMPACT = JSON.writer().without(SerializationFeature.INDENT_OUTPUT);
    /** The pid plus a random token: unique among processes even where containers all run as pid 1. */
    static final String PROCESS = ProcessHandle.current().pid() + "-"
        + String.format(Locale.ROOT, "%08x", new SecureRandom().nextInt());
  }

  private final @Nullable Path folder;
  private final Clock clock;
  private final String instance;
  private final AtomicLong sequence = new AtomicLong();
  private final Scrubber scrubber;

  public CompletionLog(LlmConfig config, Clock clock) {
    this(config, clock, System.getenv());
  }

  CompletionLog(LlmConfig config, Clock clock, Map<String, String> env) {
    this.folder = config.logCompletions() && config.logCompletionsFolder() != null
        ? Path.of(config.logCompletionsFolder()) : null;
    this.clock = clock;
    this.instance = Shared.PROCESS + "-" + INSTANCES.incrementAndGet();
    this.scrubber = new Scrubber(config, env);
  }

  /**
   * Whether calls are logged at all (a folder is configured, or the logger is at DEBUG now); the
   * stage is left out of the chain when not.
   */
  public boolean enabled() {
    return folder != null || debug();
  }

  /** Whether a log for this configuration would be {@link #enabled()}, without making one. */
  public static boolean wanted(LlmConfig config) {
    return config.logCompletions() && config.logCompletionsFolder() != null || debug();
  }

  private static boolean debug() {
    return LOG.isLoggable(System.Logger.Level.DEBUG);
  }

  /** The call is about to be sent: its prompt at DEBUG. */
  void requested(LlmCall call) {
    if (!debug()) {
      return;
    }
    try {
      ProviderRequest request = call.providerRequest();
      ObjectNode prompt = Shared.JSON.createObjectNode();
      prompt.put("mode", call.mode().name().toLowerCase(Locale.ROOT));
      prompt.set("messages", Shared.JSON.valueToTree(messages(request.chat())));
      prompt.set("tools", Shared.JSON.valueToTree(tools(request.chat())));
      prompt.set("parameters", parameters(request.chat()));
      scrubber.scrub(prompt);
      LOG.log(System.Logger.Level.DEBUG, "request to " + request.model().qualifiedName() + ": "
          + Shared.COMPACT.writeValueAsString(prompt));
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "could not log the request of " + call, e);
    }
  }

  /** The call was answered; {@code response} carries the latency and cost the inner stages set. */
  void answered(LlmCall call, ChatResponse response) {
    record(call, response, null, null, response.latency());
  }

  /**
   * The call failed or was cancelled after {@code latency}; {@code partial} is what arrived before
   * (a stream's text, tool calls and usage so far), {@code null} when nothing did.
   */
  void failed(LlmCall call, Throwable error, @Nullable ChatResponse partial, Duration latency) {
    record(call, null, error, partial, latency);
  }

  private void record(LlmCall call, @Nullable ChatResponse response, @Nullable Throwable error,
      @Nullable ChatResponse partial, Duration latency) {
    boolean debug = debug();
    if (folder == null && !debug) {
      return;
    }
    String name = null;
    try {
      long now = clock.millis();
      ProviderRequest request = call.providerRequest();
      LlmException failure = error == null ? null : Futures.asLlmException(error, request.model());
      ObjectNode entry = entry(call, request, response, failure, partial, latency, now);
      scrubber.scrub(entry);
      if (debug) {
        debug(request, entry, failure, latency);
      }
      if (folder != null) {
        name = fileName(request, now);
        write(folder, name, Shared.PRETTY.writeValueAsBytes(entry));
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "could not write the completion log " + (name == null ? "" : name + " ")
          + "into " + folder, e);
    }
  }

  private static void debug(ProviderRequest request, ObjectNode entry, @Nullable LlmException failure, Duration latency)
      throws IOException {
    ObjectNode outcome = entry.deepCopy();
    outcome.remove(List.of("messages", "tools", "parameters"));
    String what = failure == null ? "response from " + request.model().qualifiedName()
        : "call to " + request.model().qualifiedName() + " failed (" + failure.kind() + ")";
    LOG.log(System.Logger.Level.DEBUG, what + " after " + latency.toMillis() + " ms: " + Shared.COMPACT.writeValueAsString(outcome));
  }

  private String fileName(ProviderRequest request, long now) {
    String prefix = (request.model().provider() + "__" + request.model().name()).replaceAll("[^A-Za-z0-9._-]", "_");
    if (prefix.length() > MAX_PREFIX) {
      prefix = prefix.substring(0, MAX_PREFIX);
    }
    return prefix + "-" + now + "-" + instance + "-" + sequence.incrementAndGet() + ".json";
  }

  /** Writes {@code bytes} to a hidden temporary file in {@code dir}, then moves it to {@code name}. */
  private static void write(Path dir, String name, byte[] bytes) throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve(name);
    Path temp = dir.resolve("." + name + ".tmp"); // unique because the name is; hidden and not *.json
    boolean moved = false;
    try {
      Files.write(temp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target);
      }
      moved = true;
    } finally {
      if (!moved) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // the temporary file is hidden; the failure that brought us here is the one to report
        }
      }
    }
  }

  private static ObjectNode entry(LlmCall call, ProviderRequest request, @Nullable ChatResponse response,
      @Nullable LlmException failure, @Nullable ChatResponse partial, Duration latency, long now) {
    ObjectNode e = Shared.JSON.createObjectNode();
    e.put("timestamp", BigDecimal.valueOf(now, 3)); // epoch seconds, written plain
    e.put("time", Instant.ofEpochMilli(now).toString());
    e.put("status", failure == null ? "ok" : failure.kind() == ErrorKind.CANCELLED ? "cancelled" : "error");
    e.put("mode", call.mode().name().toLowerCase(Locale.ROOT));
    e.put("provider", request.model().provider());
    e.put("model", request.model().name());
    e.set("messages", Shared.JSON.valueToTree(messages(request.chat())));
    e.set("tools", Shared.JSON.valueToTree(tools(request.chat())));
    e.set("parameters", parameters(request.chat()));
    ChatResponse answer = response != null ? response : partial;
    if (response != null) {
      e.set("response", Shared.JSON.valueToTree(response(response)));
    } else {
      e.putNull("response");
    }
    if (failure != null) {
      e.set("error", Shared.JSON.valueToTree(error(failure)));
      if (partial != null) {
        e.set("partial_response", Shared.JSON.valueToTree(response(partial)));
      }
    }
    e.set("usage", answer == null ? e.nullNode() : Shared.JSON.valueToTree(usage(answer.usage())));
    Cost cost = answer == null ? null : answer.cost();
    e.set("cost", cost == null ? e.nullNode() : e.numberNode(cost.usd()));
    Cost providerCost = answer == null ? null : answer.metadata().providerCost();
    if (providerCost != null) {
      e.set("provider_cost", e.numberNode(providerCost.usd()));
    }
    CallAttributes attributes = attributes(call, answer);
    e.put("price_source", attributes.get(CallAttributes.PRICE_SOURCE).map(Enum::name).orElse(null));
    e.put("latency_ms", latency.toMillis());
    e.put("request_id", requestId(answer, failure));
    if (!attributes.isEmpty()) {
      Map<String, String> a = new LinkedHashMap<>();
      attributes.asMap().forEach((k, v) -> a.put(k.name(), String.valueOf(v)));
      e.set("attributes", Shared.JSON.valueToTree(a));
    }
    return e;
  }

  /**
   * What the stages inside this one recorded so far (the facade attaches the final set to the response
   * only after the pipeline), over whatever the response already carries.
   */
  private static CallAttributes attributes(LlmCall call, @Nullable ChatResponse answer) {
    CallAttributes out = answer == null ? CallAttributes.EMPTY : answer.metadata().attributes();
    for (Map.Entry<CallAttributes.Key<?>, Object> a : call.attributes().asMap().entrySet()) {
      out = with(out, a.getKey(), a.getValue());
    }
    return out;
  }

  private static <T> CallAttributes with(CallAttributes attributes, CallAttributes.Key<T> key, Object value) {
    return attributes.with(key, key.type().cast(value));
  }

  private static @Nullable String requestId(@Nullable ChatResponse answer, @Nullable LlmException failure) {
    if (answer != null && answer.metadata().requestId() != null) {
      return answer.metadata().requestId();
    }
    return failure == null ? null : failure.requestId().orElse(null);
  }

  private static List<Object> messages(ChatRequest chat) {
    List<Object> out = new ArrayList<>(chat.messages().size());
    chat.messages().forEach(m -> out.add(message(m)));
    return out;
  }

  private static List<Object> tools(ChatRequest chat) {
    List<Object> out = new ArrayList<>(chat.tools().size());
    for (ToolSpec t : chat.tools()) {
      Map<String, Object> tool = new LinkedHashMap<>();
      tool.put("name", t.name());
      tool.put("description", t.description());
      tool.put("parameters", t.parameters());
      out.add(tool);
    }
    return out;
  }

  /** The request's settings as sent (config defaults applied by formatting); never headers or keys. */
  private static ObjectNode parameters(ChatRequest r) {
    ObjectNode p = Shared.JSON.createObjectNode();
    if (r.temperature() != null) {
      p.put("temperature", r.temperature());
    }
    if (r.topP() != null) {
      p.put("top_p", r.topP());
    }
    if (r.topK() != null) {
      p.put("top_k", r.topK());
    }
    if (r.maxOutputTokens() != null) {
      p.put("max_output_tokens", r.maxOutputTokens());
    }
    if (!r.stop().isEmpty()) {
      p.set("stop", Shared.JSON.valueToTree(r.stop()));
    }
    if (r.seed() != null) {
      p.put("seed", r.seed());
    }
    if (r.reasoningEffort() != null) {
      p.put("reasoning_effort", r.reasoningEffort().name());
    }
    if (r.responseFormat() != null) {
      ResponseFormat f = r.responseFormat();
      ObjectNode format = p.putObject("response_format");
      format.put("type", f.type().name());
      if (f.name() != null) {
        format.put("name", f.name());
      }
      if (f.schema() != null) {
        format.set("schema", Shared.JSON.valueToTree(f.schema()));
      }
      format.put("strict", f.strict());
    }
    if (r.toolChoice() != null) {
      p.put("tool_choice", r.toolChoice().toolName() != null ? r.toolChoice().toolName() : r.toolChoice().mode().name());
    }
    if (r.parallelToolCalls() != null) {
      p.put("parallel_tool_calls", r.parallelToolCalls());
    }
    if (!r.extraParams().isEmpty()) {
      JsonNode extra;
      try {
        extra = Shared.JSON.valueToTree(r.extraParams());
      } catch (IllegalArgumentException e) { // a value Jackson cannot write: keep the rest of the record
        extra = TextNode.valueOf(String.valueOf(r.extraParams()));
      }
      p.set("extra_params", extra);
    }
    return p;
  }

  private static Map<String, Object> response(ChatResponse response) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", response.id());
    r.put("model", response.model());
    r.put("message", message(response.message()));
    r.put("finish_reason", response.finishReason().name());
    r.put("raw_finish_reason", response.rawFinishReason());
    return r;
  }

  private static Map<String, Object> error(LlmException e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kind", e.kind().name());
    out.put("message", e.getMessage());
    out.put("retryable", e.retryable());
    out.put("http_status", e.httpStatus().isPresent() ? e.httpStatus().getAsInt() : null);
    out.put("provider_code", e.providerCode().orElse(null));
    out.put("provider_type", e.providerType().orElse(null));
    out.put("provider_message", e.providerMessage().orElse(null));
    out.put("request_id", e.requestId().orElse(null));
    out.put("mid_stream", e.midStream());
    e.rawFinishReason().ifPresent(r -> out.put("raw_finish_reason", r));
    e.retryAfter().ifPresent(d -> out.put("retry_after_ms", d.toMillis()));
    if (e.getCause() != null && !(e.getCause() instanceof LlmException)) {
      out.put("cause", e.getCause().getClass().getName());
    }
    return out;
  }

  private static Map<String, Object> message(Message m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("role", m.role());
    if (m instanceof SystemMessage s) {
      out.put("content", s.text());
    } else if (m instanceof UserMessage u) {
      out.put("content", u.content().stream().map(CompletionLog::part).toList());
    } else if (m instanceof AssistantMessage a) {
      out.put("content", a.text());
      if (!a.reasoning().isEmpty()) {
        out.put("reasoning", a.reasoningText());
      }
      if (!a.toolCalls().isEmpty()) {
        out.put("tool_calls", a.toolCalls().stream().map(CompletionLog::call).toList());
      }
    } else if (m instanceof ToolMessage t) {
      out.put("tool_call_id", t.toolCallId());
      out.put("name", t.toolName());
      out.put("content", t.hasImages() ? t.parts().stream().map(CompletionLog::part).toList() : t.content());
      out.put("is_error", t.isError());
    }
    return out;
  }

  private static Object part(ContentPart p) {
    if (p instanceof ContentPart.Text t) {
      return t.text();
    }
    if (p instanceof ContentPart.Image i) {
      if (i.url() != null && !i.url().regionMatches(true, 0, "data:", 0, 5)) {
        return "[image " + i.url() + "]";
      }
      return i.url() != null ? "[image data URL, " + i.url().length() + " chars]"
          : "[image " + i.mediaType() + ", " + i.base64Data().length() + " base64 chars]";
    }
    ContentPart.Document d = (ContentPart.Document) p;
    return "[document " + d.mediaType() + ", " + d.base64Data().length() + " base64 chars]";
  }

  private static Map<String, Object> call(ToolCall c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", c.id());
    out.put("name", c.name());
    out.put("arguments", c.arguments());
    return out;
  }

  private static Map<String, Object> usage(Usage u) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("input_tokens", u.inputTokens());
    out.put("output_tokens", u.outputTokens());
    out.put("cache_read_tokens", u.cacheReadTokens());
    out.put("cache_write_tokens", u.cacheWriteTokens());
    out.put("reasoning_tokens", u.reasoningTokens());
    return out;
  }

  /**
   * Replaces credentials in every text of a record: the configured key and AWS credentials, the values
   * of the extra headers (and the token after an auth scheme such as {@code Bearer}), the values of
   * {@code *_API_KEY} environment variables, and key-shaped text.
   */
  static final class Scrubber {
    private static final int MIN_SECRET = 6; // shorter values would blank out ordinary words
    private final Redactor redactor;
    private final List<String> secrets;

    Scrubber(LlmConfig config, Map<String, String> env) {
      this.redactor = new Redactor(config.apiKey());
      Set<String> found = new LinkedHashSet<>();
      add(found, config.apiKey());
      add(found, config.awsAccessKeyId());
      add(found, config.awsSecretAccessKey());
      for (String value : config.extraHeaders().values()) {
        add(found, value);
        String[] words = value.trim().split("\\s+");
        for (int i = 1; i < words.length; i++) {
          add(found, words[i]);
        }
      }
      env.forEach((k, v) -> {
        if (k.toUpperCase(Locale.ROOT).endsWith("_API_KEY")) {
          add(found, v);
        }
      });
      List<String> sorted = new ArrayList<>(found);
      sorted.sort(Comparator.comparingInt(String::length).reversed()); // a longer secret before its parts
      this.secrets = List.copyOf(sorted);
    }

    private static void add(Set<String> found, @Nullable Secret secret) {
      if (secret != null) {
        add(found, secret.reveal());
      }
    }

    private static void add(Set<String> found, @Nullable String value) {
      if (value != null && value.trim().length() >= MIN_SECRET) {
        found.add(value.trim());
      }
    }

    String scrub(String text) {
      String out = text;
      for (String s : secrets) {
        if (out.contains(s)) {
          out = out.replace(s, "****");
        }
      }
      return redactor.scrub(out);
    }

    /** Scrubs every text value inside {@code node}, in place. */
    void scrub(JsonNode node) {
      if (node instanceof ObjectNode o) {
        for (Map.Entry<String, JsonNode> field : o.properties()) {
          if (field.getValue().isTextual()) {
            String text = field.getValue().textValue();
            String clean = scrub(text);
            if (!clean.equals(text)) {
              field.setValue(TextNode.valueOf(clean));
            }
          } else {
            scrub(field.getValue());
          }
        }
      } else if (node instanceof ArrayNode a) {
        for (int i = 0; i < a.size(); i++) {
          JsonNode item = a.get(i);
          if (item.isTextual()) {
            String clean = scrub(item.textValue());
            if (!clean.equals(item.textValue())) {
              a.set(i, TextNode.valueOf(clean));
            }
          } else {
            scrub(item);
          }
        }
      }
    }
  }
}
