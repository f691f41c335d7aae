package dev.llmkit.core.fncall;

import dev.llmkit.api.ChatEvent;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ModelInfo;
import dev.llmkit.core.LlmCall;
import dev.llmkit.core.LlmInterceptor;
import dev.llmkit.core.internal.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The function-calling stage for a model without native tool calling (or with it turned off by
 * {@code LlmConfig.nativeToolCalling(false)}): a request with tools is sent as plain conversation, the
 * tools described in the system prompt in OpenHands' format ({@link ConversationRenderer}), without
 * {@code tools} and tool choice, and with the stop word {@code </function} where the model takes stop
 * words; the reply is read back into a tool call ({@link ReplyReader}) for {@code complete},
 * {@code completeAsync} and {@code stream} alike. A request without tools passes untouched.
 *
 * <p>The call's id is {@code toolu_NN}, NN being one more than the calls already in the conversation (as
 * OpenHands numbers them), so a replayed conversation gets the same ids; an id the conversation already
 * uses is skipped.
 */
public final class FunctionCallingEmulation implements LlmInterceptor {
  private final FunctionCallingOptions options;

  public FunctionCallingEmulation(FunctionCallingOptions options) {
    this.options = options;
  }

  @Override
  public CompletableFuture<ChatResponse> intercept(Chain chain) {
    LlmCall call = chain.call();
    if (call.request().tools().isEmpty()) {
      return chain.proceed(call);
    }
    Emulated emulated = emulate(call);
    return ResponseMapping.map(chain.proceed(emulated.call()), emulated.reader()::read);
  }

  @Override
  public Flow.Publisher<ChatEvent> interceptStream(Chain chain) {
    LlmCall call = chain.call();
    if (call.request().tools().isEmpty()) {
      return chain.proceedStream(call);
    }
    Emulated emulated = emulate(call);
    return new ExpandingPublisher(chain.proceedStream(emulated.call()), () -> new ReplyStream(emulated.reader()));
  }

  /**
   * {@code request} as this stage sends it to {@code model} (tools described in the prompt, none sent), for
   * what counts a request's tokens without calling it; a request without tools is returned as it is.
   */
  public ChatRequest promptFor(ChatRequest request, ModelInfo model) {
    return request.tools().isEmpty() ? request : emulate(LlmCall.start(model, LlmCall.Mode.COMPLETE, request)).call().request();
  }

  private record Emulated(LlmCall call, ReplyReader reader) {}

  private Emulated emulate(LlmCall call) {
    ModelInfo model = call.model();
    ChatRequest request = call.request();
    List<ToolSchema> tools = request.tools().stream().map(ToolSchema::of).toList();
    ConversationRenderer.Rendered rendered = new ConversationRenderer(tools, model, options.inContextExample())
        .render(request.messages(), call.cacheBreakpoints());
    ChatRequest.Builder sent = request.toBuilder()
        .messages(rendered.messages())
        .tools(List.of())
        .toolChoice(null)
        .parallelToolCalls(null);
    if (model.features().stopWords() && !request.stop().contains(ToolPrompt.STOP_WORD)) {
      List<String> stop = new ArrayList<>(request.stop());
      stop.add(0, ToolPrompt.STOP_WORD); // first, so that a provider that keeps only the first few keeps it
      sent.stop(stop);
    }
    LlmCall emulated = call.withRequest(sent.build());
    if (!call.cacheBreakpoints().isEmpty()) {
      emulated = emulated.withCacheBreakpoints(rendered.cacheBreakpoints());
    }
    return new Emulated(emulated, new ReplyReader(new FunctionCallParser(tools, model), nextCallId(rendered), model));
  }

  private static String nextCallId(ConversationRenderer.Rendered rendered) {
    int n = rendered.priorCalls() + 1;
    String id = String.format(Locale.ROOT, "toolu_%02d", n);
    while (rendered.callIds().contains(id)) {
      id = String.format(Locale.ROOT, "toolu_%02d", ++n);
    }
    return id;
  }

  @Override
  public String toString() {
    return Pipeline.FUNCTION_CALLING;
  }
}
