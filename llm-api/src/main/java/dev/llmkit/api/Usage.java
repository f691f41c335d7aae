package dev.llmkit.api;

import org.jspecify.annotations.Nullable;

/**
 * Token counts of one call. {@code inputTokens} counts every prompt token including cache reads and
 * writes; {@code outputTokens} every generated token including reasoning. A count the provider did
 * not report is {@code null}, never a made-up 0.
 *
 * @param cacheWrite1hTokens of {@code cacheWriteTokens}, those written with a 1-hour time to live
 *     (Anthropic's {@code cache_creation.ephemeral_1h_input_tokens}), which are priced higher than
 *     5-minute writes; {@code null} when the provider does not tell them apart
 */
public record Usage(
    @Nullable Long inputTokens,
    @Nullable Long outputTokens,
    @Nullable Long cacheReadTokens,
    @Nullable Long cacheWriteTokens,
    @Nullable Long reasoningTokens,
    @Nullable Long cacheWrite1hTokens) {

  /** Nothing reported. */
  public static final Usage UNKNOWN = new Usage(null, null, null, null, null, null);

  /** All counts zero (the identity for {@link #plus}). */
  public static final Usage ZERO = new Usage(0L, 0L, 0L, 0L, 0L, null);

  public Usage {
    requireNonNegative(inputTokens, "inputTokens");
    requireNonNegative(outputTokens, "outputTokens");
    requireNonNegative(cacheReadTokens, "cacheReadTokens");
    requireNonNegative(cacheWriteTokens, "cacheWriteTokens");
    requireNonNegative(reasoningTokens, "reasoningTokens");
    requireNonNegative(cacheWrite1hTokens, "cacheWrite1hTokens");
  }

  /** Counts without the 1-hour cache-write split (every provider but Anthropic). */
  public Usage(@Nullable Long inputTokens, @Nullable Long outputTokens, @Nullable Long cacheReadTokens,
      @Nullable Long cacheWriteTokens, @Nullable Long reasoningTokens) {
    this(inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, reasoningTokens, null);
  }

  public static Usage of(long inputTokens, long outputTokens) {
    return new Usage(inputTokens, outputTokens, null, null, null);
  }

  /** input + output, or {@code null} when either is unknown. */
  public @Nullable Long totalTokens() {
    return inputTokens == null || outputTokens == null ? null : inputTokens + outputTokens;
  }

  /** Field-wise sum where unknown counts as 0; used to accumulate usage over calls. */
  public Usage plus(Usage other) {
    return new Usage(
        add(inputTokens, other.inputTokens),
        add(outputTokens, other.outputTokens),
        add(cacheReadTokens, other.cacheReadTokens),
        add(cacheWriteTokens, other.cacheWriteTokens),
        add(reasoningTokens, other.reasoningTokens),
        add(cacheWrite1hTokens, other.cacheWrite1hTokens));
  }

  /**
   * Field-wise difference where unknown counts as 0, for the usage between two snapshots of
   * accumulated totals ({@code later.minus(earlier)}); a count unknown on both sides stays unknown.
   */
  public Usage minus(Usage earlier) {
    return new Usage(
        sub(inputTokens, earlier.inputTokens),
        sub(outputTokens, earlier.outputTokens),
        sub(cacheReadTokens, earlier.cacheReadTokens),
        sub(cacheWriteTokens, earlier.cacheWriteTokens),
        sub(reasoningTokens, earlier.reasoningTokens),
        sub(cacheWrite1hTokens, earlier.cacheWrite1hTokens));
  }

  /** Each count of {@code newer} that is known replaces the one here (for cumulative stream updates). */
  public Usage overlay(Usage newer) {
    return new Usage(
        pick(newer.inputTokens, inputTokens),
        pick(newer.outputTokens, outputTokens),
        pick(newer.cacheReadTokens, cacheReadTokens),
        pick(newer.cacheWriteTokens, cacheWriteTokens),
        pick(newer.reasoningTokens, reasoningTokens),
        pick(newer.cacheWrite1hTokens, cacheWrite1hTokens));
  }

  private static @Nullable Long add(@Nullable Long a, @Nullable Long b) {
    if (a == null && b == null) {
      return null;
    }
    return (a == null ? 0 : a) + (b == null ? 0 : b);
  }

  private static @Nullable Long sub(@Nullable Long a, @Nullable Long b) {
    if (a == null && b == null) {
      return null;
    }
    return Math.max(0, (a == null ? 0 : a) - (b == null ? 0 : b));
  }

  private static @Nullable Long pick(@Nullable Long preferred, @Nullable Long fallback) {
    return preferred != null ? preferred : fallback;
  }

  private static void requireNonNegative(@Nullable Long value, String field) {
    if (value != null && value < 0) {
      throw new IllegalArgumentException(field + " must not be negative, was " + value);
    }
  }
}
