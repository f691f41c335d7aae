package dev.llmkit.core.fncall;

import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelInfo;
import java.util.List;

/**
 * Turns the response of an emulated call back into a tool-calling one: the call parsed out of the text
 * ({@link FunctionCallParser}) with the id this turn of the conversation gets, the text before it as the
 * content, finish reason {@link FinishReason#TOOL_CALLS}. A response without a call is returned as it is.
 * A call that fails validation fails with the raw response as the error's partial response, so that
 * the caller can see (and send back) what the model wrote.
 */
final class ReplyReader {
  private final FunctionCallParser parser;
  private final String callId;
  private final ModelInfo model;

  ReplyReader(FunctionCallParser parser, String callId, ModelInfo model) {
    this.parser = parser;
    this.callId = callId;
    this.model = model;
  }

  ChatResponse read(ChatResponse response) {
    String text = response.message().text();
    if (response.hasToolCalls()) {
      return ToolArgumentsCheck.checked(response, model); // the model called natively after all
    }
    if (text == null) {
      return response;
    }
    FunctionCallParser.Parsed parsed;
    try {
      parsed = parser.parse(text, callId);
    } catch (LlmException e) {
      throw ResponseMapping.refusing(e, response);
    }
    if (parsed == null) {
      return response;
    }
    return response.withMessage(new AssistantMessage(parsed.content(), List.of(parsed.call()), response.message().reasoning()),
        FinishReason.TOOL_CALLS);
  }
}
