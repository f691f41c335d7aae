package dev.llmkit.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.ResponseFormat;
import dev.llmkit.api.ToolCall;
import dev.llmkit.spi.ProviderResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * How a Messages request carries a {@link ResponseFormat}. Claude 4.5 and later take a JSON schema
 * natively ({@code output_config.format}, generally available, no beta header); older Claude models,
 * and any model asked for a plain JSON object, get a forced tool whose {@code input_schema} is the
 * schema ({@code tool_choice: {type: tool}}), and the tool call's input comes back as the answer text.
 * A forced tool does not combine with extended thinking, so thinking is left off then.
 *
 * @param kind how the format is sent
 * @param format the format, null for none
 * @param toolName the forced tool's name ({@link Kind#FORCED_TOOL} only)
 */
record OutputFormatPlan(Kind kind, @Nullable ResponseFormat format, @Nullable String toolName) {

  /** How the format is sent. */
  enum Kind { NONE, NATIVE, FORCED_TOOL }

  /** Claude 4.5, the first version with native structured outputs, as {@code major * 100 + minor}. */
  static final int NATIVE_SINCE = 405;
  private static final OutputFormatPlan NONE = new OutputFormatPlan(Kind.NONE, null, null);

  /** The plan for {@code format} on a Claude model of {@code version} ({@code major * 100 + minor}). */
  static OutputFormatPlan plan(@Nullable ResponseFormat format, int version) {
    if (format == null || format.type() == ResponseFormat.Type.TEXT) {
      return NONE;
    }
    if (format.type() == ResponseFormat.Type.JSON_SCHEMA && version >= NATIVE_SINCE) {
      return new OutputFormatPlan(Kind.NATIVE, format, null);
    }
    String name = format.type() == ResponseFormat.Type.JSON_SCHEMA ? format.name() : "json_object";
    return new OutputFormatPlan(Kind.FORCED_TOOL, format, toolName(name));
  }

  boolean forcesTool() {
    return kind == Kind.FORCED_TOOL;
  }

  /** Tool names must match {@code ^[a-zA-Z0-9_-]{1,64}$}. */
  private static String toolName(String name) {
    String clean = name.replaceAll("[^a-zA-Z0-9_-]", "_");
    return clean.isEmpty() ? "json_object" : clean.substring(0, Math.min(64, clean.length()));
  }

  /** {@code output_config.format} for the native kind (next to a thinking effort, if any). */
  void writeNative(ObjectNode body, JsonNode schema) {
    if (kind != Kind.NATIVE) {
      return;
    }
    ObjectNode config = body.has("output_config") ? (ObjectNode) body.get("output_config") : body.putObject("output_config");
    config.putObject("format").put("type", "json_schema").set("schema", schema);
  }

  /** The forced tool's definition: the schema as its input schema ({@code {"type": "object"}} for any object). */
  void writeTool(ObjectNode tool, @Nullable JsonNode schema) {
    tool.put("name", toolName);
    tool.put("description", "Give the answer as this tool's input; it must match the input schema.");
    if (schema != null) {
      tool.set("input_schema", schema);
    } else {
      tool.putObject("input_schema").put("type", "object");
    }
  }

  /** The forced tool's call turned back into the answer text. */
  ProviderResponse unwrap(ProviderResponse response) {
    if (!forcesTool()) {
      return response;
    }
    AssistantMessage m = response.message();
    AssistantMessage answer = unwrap(m);
    if (answer == m) {
      return response;
    }
    FinishReason reason = response.finishReason() == FinishReason.TOOL_CALLS ? FinishReason.STOP : response.finishReason();
    return new ProviderResponse(response.id(), response.model(), answer, reason, response.rawFinishReason(),
        response.usage(), response.metadata());
  }

  private AssistantMessage unwrap(AssistantMessage m) {
    List<ToolCall> others = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (ToolCall call : m.toolCalls()) {
      if (call.name().equals(toolName)) {
        text.append(call.arguments());
      } else {
        others.add(call);
      }
    }
    if (others.size() == m.toolCalls().size()) {
      return m;
    }
    return new AssistantMessage(text.toString(), others, m.reasoning());
  }

  /** The stream with the forced tool's argument fragments as text deltas and its final response unwrapped. */
  Flow.Publisher<ChatEvent> unwrap(Flow.Publisher<ChatEvent> events) {
    if (!forcesTool()) {
      return events;
    }
    return subscriber -> events.subscribe(new Flow.Subscriber<>() {
      private int formatIndex = -1;

      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscriber.onSubscribe(subscription);
      }

      @Override
      public void onNext(ChatEvent event) {
        subscriber.onNext(map(event));
      }

      private ChatEvent map(ChatEvent event) {
        if (event instanceof ChatEvent.ToolCallDelta d) {
          if (toolName.equals(d.name())) {
            formatIndex = d.index();
          }
          if (d.index() == formatIndex) {
            return new ChatEvent.TextDelta(d.argumentsFragment());
          }
        } else if (event instanceof ChatEvent.Completed done) {
          ChatResponse r = done.response();
          AssistantMessage answer = unwrap(r.message());
          if (answer != r.message()) {
            FinishReason reason = r.finishReason() == FinishReason.TOOL_CALLS ? FinishReason.STOP : r.finishReason();
            return new ChatEvent.Completed(r.withMessage(answer, reason));
          }
        }
        return event;
      }

      @Override
      public void onError(Throwable throwable) {
        subscriber.onError(throwable);
      }

      @Override
      public void onComplete() {
        subscriber.onComplete();
      }
    });
  }
}
