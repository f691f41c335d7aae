package dev.llmkit.core.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ContentPart;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.Message;
import dev.llmkit.api.SystemMessage;
import dev.llmkit.api.ToolCall;
import dev.llmkit.api.ToolMessage;
import dev.llmkit.api.ToolSpec;
import dev.llmkit.api.Usage;
import dev.llmkit.api.UserMessage;
import dev.llmkit.spi.ProviderRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Stage 8 (completion log): with {@code LlmConfig.logCompletions}, each successful call is written as one
 * JSON file into {@code logCompletionsFolder} (as OpenHands does): the messages and tools sent, the
 * response, usage, latency and cost. Keys and headers are never written, inline images and documents
 * appear as a size note instead of their bytes, and a failure to write is logged, never thrown: the
 * log must not break the call it records.
 */
public final class CompletionLog {
  private static final System.Logger LOG = System.getLogger(CompletionLog.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final @Nullable Path folder;
  private final Clock clock;
  private final AtomicLong sequence = new AtomicLong();

  public CompletionLog(LlmConfig config, Clock clock) {
    this.folder = config.logCompletions() && config.logCompletionsFolder() != null
        ? Path.of(config.logCompletionsFolder()) : null;
    this.clock = clock;
  }

  /** Whether calls are logged at all; the stage skips its work when not. */
  public boolean enabled() {
    return folder != null;
  }

  public void record(ProviderRequest request, ChatResponse response) {
    if (folder == null) {
      return;
    }
    long now = clock.millis();
    String name = (request.model().provider() + "__" + request.model().name()).replaceAll("[^A-Za-z0-9._-]", "_")
        + "-" + now + "-" + sequence.incrementAndGet() + ".json";
    try {
      Files.createDirectories(folder);
      JSON.writeValue(folder.resolve(name).toFile(), entry(request, response, now));
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "could not write the completion log " + name + " into " + folder, e);
    }
  }

  private static Map<String, Object> entry(ProviderRequest request, ChatResponse response, long now) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("timestamp", now / 1000.0);
    e.put("provider", request.model().provider());
    e.put("model", request.model().name());
    List<Object> messages = new ArrayList<>();
    request.chat().messages().forEach(m -> messages.add(message(m)));
    e.put("messages", messages);
    e.put("tools", request.chat().tools().stream().map(ToolSpec::name).toList());
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", response.id());
    r.put("model", response.model());
    r.put("message", message(response.message()));
    r.put("finish_reason", response.finishReason().name());
    r.put("raw_finish_reason", response.rawFinishReason());
    e.put("response", r);
    e.put("usage", usage(response.usage()));
    e.put("latency_ms", response.latency().toMillis());
    e.put("cost", response.cost() == null ? null : response.cost().usd());
    return e;
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
      out.put("content", t.content());
      out.put("is_error", t.isError());
    }
    return out;
  }

  private static Object part(ContentPart p) {
    if (p instanceof ContentPart.Text t) {
      return t.text();
    }
    if (p instanceof ContentPart.Image i) {
      return i.url() != null ? "[image " + i.url() + "]"
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
}
