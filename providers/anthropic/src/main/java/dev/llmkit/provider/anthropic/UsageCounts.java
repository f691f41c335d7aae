package dev.llmkit.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmkit.api.Usage;
import org.jspecify.annotations.Nullable;

/**
 * Anthropic's raw usage counters. {@code input_tokens} excludes cache reads and writes, so the
 * normalized input is their sum. Stream updates are cumulative: a counter that is present replaces
 * the held one, a missing one keeps it. Not thread-safe.
 */
final class UsageCounts {
  private @Nullable Long input;
  private @Nullable Long cacheWrite;
  private @Nullable Long cacheWrite1h; // of cacheWrite, written for an hour (priced higher)
  private @Nullable Long cacheRead;
  private @Nullable Long output;
  private @Nullable Long thinking;

  /** The usage of one {@code usage} object. */
  static Usage parse(JsonNode usage) {
    UsageCounts counts = new UsageCounts();
    counts.update(usage);
    return counts.toUsage();
  }

  /** Replaces each counter {@code usage} carries. */
  void update(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return;
    }
    input = pick(usage.get("input_tokens"), input);
    cacheWrite = pick(usage.get("cache_creation_input_tokens"), cacheWrite);
    cacheWrite1h = pick(usage.path("cache_creation").get("ephemeral_1h_input_tokens"), cacheWrite1h);
    cacheRead = pick(usage.get("cache_read_input_tokens"), cacheRead);
    output = pick(usage.get("output_tokens"), output);
    thinking = pick(usage.path("output_tokens_details").get("thinking_tokens"), thinking);
  }

  Usage toUsage() {
    Long totalInput = input == null && cacheWrite == null && cacheRead == null
        ? null
        : orZero(input) + orZero(cacheWrite) + orZero(cacheRead);
    return new Usage(totalInput, output, cacheRead, cacheWrite, thinking, cacheWrite1h);
  }

  private static @Nullable Long pick(@Nullable JsonNode value, @Nullable Long held) {
    return value != null && value.isIntegralNumber() ? Long.valueOf(value.asLong()) : held;
  }

  private static long orZero(@Nullable Long value) {
    return value == null ? 0 : value;
  }
}
