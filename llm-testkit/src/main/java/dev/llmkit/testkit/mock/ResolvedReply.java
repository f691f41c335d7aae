package dev.llmkit.testkit.mock;

import dev.llmkit.api.FinishReason;
import dev.llmkit.api.Usage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A content reply with everything filled in for one request: the wire id, the model name, the usage
 * (scripted or estimated) and the finish reason. What the dialects render.
 */
record ResolvedReply(
    String id,
    String model,
    @Nullable String text,
    @Nullable String reasoning,
    @Nullable String signature,
    List<MockToolCall> toolCalls,
    Usage usage,
    FinishReason finishReason,
    @Nullable String rawFinishReason,
    int chunks,
    long created) {

  static ResolvedReply of(MockReply reply, RecordedRequest request, WireDialect dialect) {
    String id = reply.id() != null ? reply.id() : dialect.responseId(reply.idSuffix());
    String model = reply.model() != null ? reply.model() : request.model().isEmpty() ? "mock-model" : request.model();
    Usage usage = reply.usage() != null ? reply.usage() : estimate(reply, request);
    return new ResolvedReply(id, model, reply.text(), reply.reasoning(), reply.signature(), reply.toolCalls(), usage,
        reply.effectiveFinishReason(), reply.rawFinishReason(), reply.chunks(), System.currentTimeMillis() / 1000);
  }

  /** The finish reason as the dialect spells it, unless a raw one was scripted. */
  String finishWire(WireDialect dialect) {
    return rawFinishReason != null ? rawFinishReason : dialect.finishReason(finishReason);
  }

  private static Usage estimate(MockReply reply, RecordedRequest request) {
    long generated = reply.text() == null ? 0 : reply.text().length();
    for (MockToolCall call : reply.toolCalls()) {
      generated += call.name().length() + call.arguments().length();
    }
    long reasoningTokens = reply.reasoning() == null ? 0 : TokenEstimate.output(reply.reasoning().length());
    long output = TokenEstimate.output(generated) + reasoningTokens;
    return new Usage(TokenEstimate.input(request.json()), output, 0L, 0L, reasoningTokens);
  }
}
