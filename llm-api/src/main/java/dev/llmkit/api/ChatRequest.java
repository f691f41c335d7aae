package dev.llmkit.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One request: the conversation, the tools on offer and per-request settings. A {@code null}
 * setting falls back to the {@link LlmConfig} of the {@link Llm}; {@code extraParams} are passed to
 * the provider's wire body as they are.
 *
 * <pre>{@code
 * ChatRequest req = ChatRequest.builder()
 *     .system("Answer tersely.")
 *     .user("What is 2+2?")
 *     .temperature(0.0)
 *     .build();
 * }</pre>
 */
public record ChatRequest(
    List<Message> messages,
    List<ToolSpec> tools,
    @Nullable ToolChoice toolChoice,
    @Nullable Boolean parallelToolCalls,
    @Nullable Double temperature,
    @Nullable Double topP,
    @Nullable Integer topK,
    @Nullable Integer maxOutputTokens,
    List<String> stop,
    @Nullable Long seed,
    @Nullable ReasoningEffort reasoningEffort,
    @Nullable ResponseFormat responseFormat,
    Map<String, Object> extraParams) {

  public ChatRequest {
    messages = List.copyOf(messages);
    tools = List.copyOf(tools);
    stop = List.copyOf(stop);
    extraParams = Map.copyOf(extraParams);
  }

  public static ChatRequest of(Message... messages) {
    return builder().messages(List.of(messages)).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public ChatRequest withMessages(List<Message> newMessages) {
    return toBuilder().messages(newMessages).build();
  }

  /** True when any user message or tool result carries an image. */
  public boolean hasImages() {
    return messages.stream().anyMatch(m -> m instanceof UserMessage u && u.hasImages()
        || m instanceof ToolMessage t && t.hasImages());
  }

  /** Builds a {@link ChatRequest}; every setting is optional except at least one message. */
  public static final class Builder {
    private final List<Message> messages = new ArrayList<>();
    private final List<ToolSpec> tools = new ArrayList<>();
    private @Nullable ToolChoice toolChoice;
    private @Nullable Boolean parallelToolCalls;
    private @Nullable Double temperature;
    private @Nullable Double topP;
    private @Nullable Integer topK;
    private @Nullable Integer maxOutputTokens;
    private final List<String> stop = new ArrayList<>();
    private @Nullable Long seed;
    private @Nullable ReasoningEffort reasoningEffort;
    private @Nullable ResponseFormat responseFormat;
    private final Map<String, Object> extraParams = new LinkedHashMap<>();

    private Builder() {}

    private Builder(ChatRequest r) {
      messages.addAll(r.messages);
      tools.addAll(r.tools);
      toolChoice = r.toolChoice;
      parallelToolCalls = r.parallelToolCalls;
      temperature = r.temperature;
      topP = r.topP;
      topK = r.topK;
      maxOutputTokens = r.maxOutputTokens;
      stop.addAll(r.stop);
      seed = r.seed;
      reasoningEffort = r.reasoningEffort;
      responseFormat = r.responseFormat;
      extraParams.putAll(r.extraParams);
    }

    public Builder messages(List<? extends Message> value) {
      messages.clear();
      messages.addAll(value);
      return this;
    }

    public Builder message(Message value) {
      messages.add(Objects.requireNonNull(value, "message"));
      return this;
    }

    public Builder system(String text) {
      return message(Message.system(text));
    }

    public Builder user(String text) {
      return message(Message.user(text));
    }

    public Builder tools(List<ToolSpec> value) {
      tools.clear();
      tools.addAll(value);
      return this;
    }

    public Builder tool(ToolSpec value) {
      tools.add(Objects.requireNonNull(value, "tool"));
      return this;
    }

    public Builder toolChoice(@Nullable ToolChoice value) {
      toolChoice = value;
      return this;
    }

    public Builder parallelToolCalls(@Nullable Boolean value) {
      parallelToolCalls = value;
      return this;
    }

    public Builder temperature(@Nullable Double value) {
      temperature = value;
      return this;
    }

    public Builder topP(@Nullable Double value) {
      topP = value;
      return this;
    }

    public Builder topK(@Nullable Integer value) {
      topK = value;
      return this;
    }

    public Builder maxOutputTokens(@Nullable Integer value) {
      maxOutputTokens = value;
      return this;
    }

    public Builder stop(List<String> value) {
      stop.clear();
      stop.addAll(value);
      return this;
    }

    public Builder seed(@Nullable Long value) {
      seed = value;
      return this;
    }

    public Builder reasoningEffort(@Nullable ReasoningEffort value) {
      reasoningEffort = value;
      return this;
    }

    public Builder responseFormat(@Nullable ResponseFormat value) {
      responseFormat = value;
      return this;
    }

    public Builder extraParam(String key, Object value) {
      extraParams.put(key, value);
      return this;
    }

    public Builder extraParams(Map<String, Object> value) {
      extraParams.clear();
      extraParams.putAll(value);
      return this;
    }

    public ChatRequest build() {
      return new ChatRequest(
          messages, tools, toolChoice, parallelToolCalls, temperature, topP, topK, maxOutputTokens, stop, seed,
          reasoningEffort, responseFormat, extraParams);
    }
  }
}
