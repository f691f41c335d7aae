package dev.llmkit.testkit.mock;

import dev.llmkit.api.Usage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A scripted content reply with everything filled in for one request, ready for a {@link WireDialect}
 * to render: the response id, the model name, the usage (scripted or estimated) and the finish reason
 * already spelled the dialect's way.
 *
 * @param id the response id ({@link WireDialect#responseId} of a random part, unless scripted)
 * @param model the model name to report (scripted, else the request's)
 * @param text the answer text, or {@code null} for a reply of tool calls only
 * @param reasoning the reasoning text, or {@code null}
 * @param signature the reasoning's signature, set when {@code reasoning} is
 * @param toolCalls the tool calls, in order
 * @param usage the usage in the normalized meaning (input includes cache reads and writes, output
 *     includes reasoning); a {@code null} count is left off the wire
 * @param finishReason the raw finish reason ({@link WireDialect#finishReason}, or scripted verbatim)
 * @param chunks how many pieces a stream splits text, reasoning and tool arguments into ({@link #pieces})
 * @param created when the reply was made, in epoch seconds
 */
public record ResolvedReply(
    String id,
    String model,
    @Nullable String text,
    @Nullable String reasoning,
    @Nullable String signature,
    List<MockToolCall> toolCalls,
    Usage usage,
    String finishReason,
    int chunks,
    long created) {

  public ResolvedReply {
    toolCalls = List.copyOf(toolCalls);
  }

  static ResolvedReply of(MockReply reply, RecordedRequest request, WireDialect dialect) {
    String id = reply.id() != null ? reply.id() : dialect.responseId(reply.idSuffix());
    String model = reply.model() != null ? reply.model() : request.model().isEmpty() ? "mock-model" : request.model();
    Usage usage = reply.usage() != null ? reply.usage() : estimate(reply, request);
    String finish = reply.rawFinishReason() != null
        ? reply.rawFinishReason() : dialect.finishReason(reply.effectiveFinishReason());
    return new ResolvedReply(id, model, reply.text(), reply.reasoning(), reply.signature(), reply.toolCalls(), usage,
        finish, reply.chunks(), System.currentTimeMillis() / 1000);
  }

  /**
   * {@code value} split into up to {@link #chunks()} streamed pieces that concatenate to it (none for
   * the empty string); cuts fall on spaces where possible, so prose arrives word by word.
   */
  public List<String> pieces(String value) {
    return TextChunks.split(value, chunks);
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
