package dev.llmkit.core.internal;

import dev.llmkit.api.ChatResponse;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.FinishReason;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelInfo;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What is retried and how long to wait, from {@code LlmConfig}'s retry settings. Retried: an error
 * whose {@link LlmException#retryable()} is true and whose kind is not one that sending again cannot
 * fix ({@link #NEVER}); by default those are rate limits, server errors, overload, timeouts, connection
 * failures, conflicts and empty responses. The n-th retry waits
 * {@code min(retryMinWait * retryMultiplier^(n-1), retryMaxWait)} with up to a quarter taken off at random,
 * or what the server asked for ({@code Retry-After}) when it asked for no more than {@code retryMaxWait}.
 */
final class RetryRules {
  /** Kinds never retried, whatever the error says of itself. */
  static final Set<ErrorKind> NEVER = EnumSet.of(ErrorKind.AUTHENTICATION, ErrorKind.PERMISSION_DENIED,
      ErrorKind.INVALID_REQUEST, ErrorKind.NOT_FOUND, ErrorKind.CONTEXT_WINDOW_EXCEEDED, ErrorKind.CONTENT_POLICY,
      ErrorKind.BUDGET_EXCEEDED, ErrorKind.CANCELLED, ErrorKind.QUOTA_EXHAUSTED, ErrorKind.CONFIGURATION,
      ErrorKind.REQUEST_TOO_LARGE, ErrorKind.FUNCTION_CALL_VALIDATION);

  /** The share of a backoff wait that jitter may take off. */
  static final double JITTER = 0.25;

  /** Stale-connection retries a call may make beyond the one that counts against {@code numRetries}. */
  static final int FREE_STALE_RETRIES = 3;

  /** What the JDK client says when a pooled connection was closed before the request reached the server. */
  static final String STALE_CONNECTION = "header parser received no bytes";

  private static final String EMPTY = " answered with an empty response (no text, no tool calls, no reasoning";

  final int numRetries;
  final Duration minWait;
  final Duration maxWait;
  final double multiplier;

  RetryRules(LlmConfig config) {
    this.numRetries = config.numRetries();
    this.minWait = config.retryMinWait();
    this.maxWait = config.retryMaxWait();
    this.multiplier = config.retryMultiplier();
  }

  /** Whether sending the same request again may help: the error says so and its kind does not deny it. */
  static boolean retryable(Throwable failure) {
    return failure instanceof LlmException e && e.retryable() && !NEVER.contains(e.kind());
  }

  /** A connection failure on a pooled connection the server had closed: the request never reached it. */
  static boolean staleConnection(LlmException e) {
    if (e.kind() != ErrorKind.CONNECTION) {
      return false;
    }
    int depth = 0;
    for (Throwable t = e; t != null && depth < 10; t = t.getCause(), depth++) {
      String message = t.getMessage();
      if (message != null && message.toLowerCase(Locale.ROOT).contains(STALE_CONNECTION)) {
        return true;
      }
    }
    return false;
  }

  /** The wait before retry number {@code retry} (1 for the first), with jitter. */
  Duration backoff(int retry) {
    double base = minWait.toNanos() * Math.pow(multiplier, Math.max(0, retry - 1));
    double capped = Math.min(base, maxWait.toNanos());
    double jittered = capped * (1 - JITTER * ThreadLocalRandom.current().nextDouble());
    return Duration.ofNanos((long) jittered);
  }

  /**
   * Whether {@code response} is empty: no text, no tool call, no reasoning, and a finish reason that
   * does not explain it (a length cut or a content filter is an answer, not a glitch).
   */
  static boolean empty(ChatResponse response) {
    return response.text().isEmpty() && response.toolCalls().isEmpty() && response.message().reasoning().isEmpty()
        && response.message().opaqueBlocks().isEmpty() // a paused server-tool turn may hold nothing else
        && (response.finishReason() == FinishReason.STOP || response.finishReason() == FinishReason.OTHER);
  }

  /** The retryable error an empty response becomes. */
  static LlmException emptyResponse(ChatResponse response, ModelInfo model) {
    return LlmException.builder(ErrorKind.MALFORMED_RESPONSE, model.qualifiedName() + EMPTY + ", finish reason "
            + response.finishReason() + ")")
        .provider(model.provider()).model(model.name()).retryable(true)
        .requestId(response.metadata().requestId())
        .rawFinishReason(response.rawFinishReason())
        .rateLimits(response.metadata().rateLimits())
        .build();
  }

  static boolean isEmptyResponse(Throwable failure) {
    return failure instanceof LlmException e && e.kind() == ErrorKind.MALFORMED_RESPONSE && e.getMessage() != null
        && e.getMessage().contains(EMPTY);
  }
}
