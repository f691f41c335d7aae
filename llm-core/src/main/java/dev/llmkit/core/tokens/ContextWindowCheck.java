package dev.llmkit.core.tokens;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelInfo;
import java.util.Locale;
import java.util.Objects;

/**
 * The pre-flight check: refuses a request whose prompt, with room for the answer, cannot fit the model's
 * context window, before it is sent (and billed, and waited for).
 *
 * <p>A request fits when {@code count + outputReserve <= contextWindow}, where {@code count} is the
 * counter's {@link TokenCounter#count} and {@link #outputReserve} the request's
 * {@code maxOutputTokens}, else the model's, else 0. The check uses the count, not
 * {@link EstimateCounter#upperBound}: a prompt near the limit is still sent, and the provider has the
 * last word (a prompt that really does not fit then fails there, with the same
 * {@link ErrorKind#CONTEXT_WINDOW_EXCEEDED} kind). With an estimating counter a prompt just below the
 * window may therefore pass here and fail at the provider, and one just above may be refused here; the
 * message says which counter counted. Nothing is checked when the model's window is unknown.
 *
 * <p>Immutable and thread-safe.
 */
public final class ContextWindowCheck {
  private final ModelInfo model;
  private final TokenCounter counter;

  public ContextWindowCheck(ModelInfo model, TokenCounter counter) {
    this.model = Objects.requireNonNull(model, "model");
    this.counter = Objects.requireNonNull(counter, "counter");
  }

  /** A check with {@link TokenCounters#forModel}{@code (model, null)}. */
  public static ContextWindowCheck forModel(ModelInfo model) {
    return new ContextWindowCheck(model, TokenCounters.forModel(model, null));
  }

  public TokenCounter counter() {
    return counter;
  }

  /**
   * The output tokens the check keeps free: the request's {@code maxOutputTokens} (after formatting,
   * so the config's default included), else 0. Not the model's own output limit: OpenAI sends no
   * {@code max_tokens} then and Gemini's window counts input only, so reserving it would refuse
   * prompts the provider accepts.
   */
  public long outputReserve(ChatRequest request) {
    return request.maxOutputTokens() != null ? request.maxOutputTokens() : 0;
  }

  /**
   * Passes when the request fits or the window is unknown.
   *
   * @throws LlmException of kind {@link ErrorKind#CONTEXT_WINDOW_EXCEEDED} (a
   *     {@link dev.llmkit.api.ContextWindowExceededException}) naming the counted tokens, the reserve, the
   *     window, the model and what to do
   */
  public void check(ChatRequest request) {
    Integer window = model.contextWindow();
    if (window == null) {
      return;
    }
    long reserve = outputReserve(request);
    long input = counter.count(request);
    if (input + reserve <= window) {
      return;
    }
    String reserveSource = "the request's maxOutputTokens";
    StringBuilder message = new StringBuilder()
        .append("the prompt does not fit the context window of ").append(model.qualifiedName()).append(": ")
        .append(n(input)).append(" input tokens (counted before sending, ").append(counter.name()).append(')');
    if (reserve > 0) {
      message.append(" + ").append(n(reserve)).append(" reserved for the answer (").append(reserveSource).append(')')
          .append(" = ").append(n(input + reserve));
    }
    message.append(" > ").append(n(window)).append(" tokens. Shorten or condense the conversation (drop or summarize "
        + "earlier turns, trim long tool results or documents)");
    if (input <= window) {
      message.append(", lower maxOutputTokens");
    }
    message.append(", or pick a model with a larger context window.");
    throw LlmException.builder(ErrorKind.CONTEXT_WINDOW_EXCEEDED, message.toString())
        .provider(model.provider())
        .model(model.name())
        .build();
  }

  private static String n(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  @Override
  public String toString() {
    return "ContextWindowCheck[" + model.qualifiedName() + ", " + counter.name() + "]";
  }
}
