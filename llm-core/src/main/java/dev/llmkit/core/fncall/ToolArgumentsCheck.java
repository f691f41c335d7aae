package dev.llmkit.core.fncall;

import dev.llmkit.api.AssistantMessage;
import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.api.ToolCall;
import dev.llmkit.core.EventStreams;
import dev.llmkit.core.LlmCall;
import dev.llmkit.core.LlmInterceptor;
import dev.llmkit.core.internal.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The function-calling stage for a model with native tool calling: the arguments of each tool call in
 * the answer must be a JSON object; they are repaired where that is unambiguous and refused otherwise
 * ({@link ToolArguments}), for {@code complete}, {@code completeAsync} and {@code stream} (whose final
 * response is checked; the argument fragments streamed before it pass as they came).
 */
public final class ToolArgumentsCheck implements LlmInterceptor {

  @Override
  public CompletableFuture<ChatResponse> intercept(Chain chain) {
    LlmCall call = chain.call();
    return ResponseMapping.map(chain.proceed(call), response -> checked(response, call.model()));
  }

  @Override
  public Flow.Publisher<ChatEvent> interceptStream(Chain chain) {
    LlmCall call = chain.call();
    return EventStreams.map(chain.proceedStream(call),
        event -> event instanceof ChatEvent.Completed c ? new ChatEvent.Completed(checked(c.response(), call.model())) : event);
  }

  /** {@code response} with every call's arguments checked (the same instance when none needed a repair). */
  static ChatResponse checked(ChatResponse response, ModelInfo model) {
    if (!response.hasToolCalls()) {
      return response;
    }
    List<ToolCall> calls = new ArrayList<>(response.toolCalls().size());
    boolean repaired = false;
    for (ToolCall c : response.toolCalls()) {
      String arguments;
      try {
        arguments = ToolArguments.checked(c, model);
      } catch (LlmException e) {
        throw ResponseMapping.refusing(e, response);
      }
      repaired |= !arguments.equals(c.arguments());
      calls.add(arguments.equals(c.arguments()) ? c : new ToolCall(c.id(), c.name(), arguments, c.providerMetadata()));
    }
    if (!repaired) {
      return response;
    }
    AssistantMessage m = response.message();
    return response.withMessage(new AssistantMessage(m.text(), calls, m.reasoning()), response.finishReason());
  }

  @Override
  public String toString() {
    return Pipeline.FUNCTION_CALLING;
  }
}
