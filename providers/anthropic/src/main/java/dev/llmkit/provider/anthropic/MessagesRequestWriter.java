package dev.llmkit.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.ToolChoice;
import dev.llmkit.api.ToolSpec;
import dev.llmkit.spi.ProviderRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Serializes a {@link ProviderRequest} into a Messages API body, once, straight to bytes. Sampling
 * settings come only from the chat request (the engine has merged config defaults into it);
 * {@code extraParams} are merged last so that callers can override or add any field.
 */
final class MessagesRequestWriter {
  /** Used when neither the request nor the catalog knows an output limit; every Claude model takes it. */
  static final int FALLBACK_MAX_TOKENS = 4096;

  /** The fields {@code /v1/messages/count_tokens} accepts; it rejects the others. */
  private static final Set<String> COUNT_TOKENS_FIELDS = Set.of(
      "model", "messages", "system", "tools", "tool_choice", "thinking", "mcp_servers", "context_management",
      "output_format", "output_config");

  private final ObjectMapper mapper;
  private final ConversationWriter conversation;

  MessagesRequestWriter(ObjectMapper mapper) {
    this.mapper = mapper;
    this.conversation = new ConversationWriter(mapper);
  }

  /** The body of {@code POST /v1/messages}. */
  byte[] messages(ProviderRequest request, boolean stream) {
    ObjectNode body = body(request);
    if (stream) {
      body.put("stream", true);
    }
    mergeExtra(body, request.chat().extraParams(), false);
    return bytes(body);
  }

  /** The body of {@code POST /v1/messages/count_tokens}: the same prompt minus limits, sampling and streaming. */
  byte[] countTokens(ProviderRequest request) {
    ObjectNode body = body(request);
    mergeExtra(body, request.chat().extraParams(), true);
    body.retain(COUNT_TOKENS_FIELDS);
    return bytes(body);
  }

  private ObjectNode body(ProviderRequest request) {
    ChatRequest chat = request.chat();
    ModelInfo model = request.model();
    ClaudeModels.Spec spec = ClaudeModels.lookup(model.name(), model.features());
    Integer modelLimit = model.maxOutputTokens() != null ? model.maxOutputTokens() : spec.maxOutputTokens();
    int maxTokens = chat.maxOutputTokens() != null
        ? chat.maxOutputTokens()
        : modelLimit != null ? modelLimit : FALLBACK_MAX_TOKENS;
    OutputFormatPlan output = outputPlan(request);
    // The resolved features decide whether the model may think; the name decides how it is asked. A
    // forced tool (structured output on older models) and thinking do not combine: the format wins.
    ClaudeModels.ThinkingMode mode = model.features().reasoningEffort() && !output.forcesTool()
        ? thinkingMode(spec) : ClaudeModels.ThinkingMode.NONE;
    ThinkingPlan thinking = ThinkingPlan.plan(chat.reasoningEffort(), mode, maxTokens, modelLimit, spec.version());

    ObjectNode body = mapper.createObjectNode();
    body.put("model", model.name());
    body.put("max_tokens", thinking.maxTokens());
    boolean toolsMarked = request.cacheTools() && (!chat.tools().isEmpty() || output.forcesTool());
    conversation.write(body, chat.messages(), request.cacheBreakpoints(), request.cacheTtl(),
        ConversationWriter.MAX_CACHE_MARKS - (toolsMarked ? 1 : 0));
    writeTools(body, chat, thinking.enabled(), output);
    if (toolsMarked) {
      cacheControl(lastTool(body), request.cacheTtl());
    }
    writeThinking(body, thinking);
    if (chat.responseFormat() != null && chat.responseFormat().schema() != null) {
      output.writeNative(body, tree(chat.responseFormat().schema(), "the responseFormat schema"));
    }
    if (!chat.stop().isEmpty()) {
      body.putArray("stop_sequences").addAll(chat.stop().stream().map(mapper.getNodeFactory()::textNode).toList());
    }
    // Thinking does not combine with a changed temperature or top_k, and takes top_p only in [0.95, 1].
    if (chat.temperature() != null && !thinking.enabled()) {
      body.put("temperature", chat.temperature());
    }
    if (chat.topP() != null && (!thinking.enabled() || chat.topP() >= 0.95)) {
      body.put("top_p", chat.topP());
    }
    if (chat.topK() != null && !thinking.enabled()) {
      body.put("top_k", chat.topK());
    }
    return body;
  }

  /** A model resolved as reasoning-capable that the name table does not know thinks the classic way. */
  private static ClaudeModels.ThinkingMode thinkingMode(ClaudeModels.Spec spec) {
    return spec.thinking() == ClaudeModels.ThinkingMode.NONE ? ClaudeModels.ThinkingMode.BUDGET : spec.thinking();
  }

  /** How this request carries its response format. */
  static OutputFormatPlan outputPlan(ProviderRequest request) {
    ModelInfo model = request.model();
    return OutputFormatPlan.plan(request.chat().responseFormat(), ClaudeModels.lookup(model.name(), model.features()).version());
  }

  private static ObjectNode lastTool(ObjectNode body) {
    var tools = body.get("tools");
    return (ObjectNode) tools.get(tools.size() - 1);
  }

  private static void cacheControl(ObjectNode block, @org.jspecify.annotations.Nullable String ttl) {
    ObjectNode cacheControl = block.putObject("cache_control").put("type", "ephemeral");
    if (ttl != null) {
      cacheControl.put("ttl", ttl);
    }
  }

  private void writeTools(ObjectNode body, ChatRequest chat, boolean thinking, OutputFormatPlan output) {
    if (output.forcesTool()) {
      writeFormatTool(body, chat, output);
      return;
    }
    if (chat.tools().isEmpty()) {
      return; // tool_choice without tools is rejected, so both go or neither
    }
    var tools = body.putArray("tools");
    for (ToolSpec spec : chat.tools()) {
      writeTool(tools.addObject(), spec);
    }
    ToolChoice choice = chat.toolChoice();
    boolean noParallel = Boolean.FALSE.equals(chat.parallelToolCalls());
    if (choice == null && !noParallel) {
      return;
    }
    ToolChoice.Mode mode = choice == null ? ToolChoice.Mode.AUTO : choice.mode();
    if (thinking && (mode == ToolChoice.Mode.REQUIRED || mode == ToolChoice.Mode.TOOL)) {
      // The API rejects thinking with a forced tool ("any" or "tool"); keep thinking and let the model
      // choose, which with the tools on offer it almost always does.
      mode = ToolChoice.Mode.AUTO;
    }
    ObjectNode wire = body.putObject("tool_choice");
    switch (mode) {
      case NONE:
        wire.put("type", "none");
        return; // "none" takes no disable_parallel_tool_use
      case REQUIRED:
        wire.put("type", "any");
        break;
      case TOOL:
        wire.put("type", "tool");
        wire.put("name", choice.toolName());
        break;
      default:
        wire.put("type", "auto");
        break;
    }
    if (noParallel) {
      wire.put("disable_parallel_tool_use", true);
    }
  }

  private void writeTool(ObjectNode tool, ToolSpec spec) {
    tool.put("name", spec.name());
    if (!spec.description().isEmpty()) {
      tool.put("description", spec.description());
    }
    if (spec.parameters().isEmpty()) {
      tool.putObject("input_schema").put("type", "object").putObject("properties");
    } else {
      tool.set("input_schema", tree(spec.parameters(), "the parameters of tool '" + spec.name() + "'"));
    }
  }

  /** The caller's tools (offered, not chosen) plus the format's tool, which the model must call. */
  private void writeFormatTool(ObjectNode body, ChatRequest chat, OutputFormatPlan output) {
    var tools = body.putArray("tools");
    for (ToolSpec spec : chat.tools()) {
      if (spec.name().equals(output.toolName())) {
        throw new InvalidRequestException(List.of("tool '" + spec.name() + "' has the name of the responseFormat, which "
            + "Anthropic receives as a forced tool of that name; rename the tool or the response format"));
      }
      writeTool(tools.addObject(), spec);
    }
    var format = chat.responseFormat();
    output.writeTool(tools.addObject(),
        format != null && format.schema() != null ? tree(format.schema(), "the responseFormat schema") : null);
    ObjectNode choice = body.putObject("tool_choice").put("type", "tool").put("name", output.toolName());
    if (Boolean.FALSE.equals(chat.parallelToolCalls())) {
      choice.put("disable_parallel_tool_use", true);
    }
  }

  private static void writeThinking(ObjectNode body, ThinkingPlan plan) {
    if (plan.mode() == ClaudeModels.ThinkingMode.BUDGET) {
      body.putObject("thinking").put("type", "enabled").put("budget_tokens", plan.budgetTokens());
    } else if (plan.mode() == ClaudeModels.ThinkingMode.ADAPTIVE) {
      body.putObject("thinking").put("type", "adaptive");
      body.putObject("output_config").put("effort", plan.effort());
    }
  }

  private void mergeExtra(ObjectNode body, Map<String, Object> extra, boolean countTokens) {
    for (Map.Entry<String, Object> e : extra.entrySet()) {
      if (countTokens && !COUNT_TOKENS_FIELDS.contains(e.getKey())) {
        continue;
      }
      body.set(e.getKey(), tree(e.getValue(), "extraParams '" + e.getKey() + "'"));
    }
  }

  /**
   * {@code value} as a JSON tree; a value Jackson cannot write (an arbitrary object in a schema map) is
   * an invalid request naming {@code what}, not an unknown failure.
   */
  private com.fasterxml.jackson.databind.JsonNode tree(Object value, String what) {
    try {
      return mapper.valueToTree(value);
    } catch (IllegalArgumentException e) {
      String reason = e.getCause() instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new InvalidRequestException(List.of(
          what + " cannot be written as JSON (" + reason + "); use maps, lists, strings, numbers and booleans"));
    }
  }

  private byte[] bytes(ObjectNode body) {
    try {
      return mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw LlmException.builder(ErrorKind.INVALID_REQUEST, "cannot serialize the Anthropic request: " + e.getOriginalMessage())
          .provider(AnthropicProviderFactory.ID).cause(e).build();
    }
  }
}
