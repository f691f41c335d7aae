package dev.llmkit.provider.ollama;

import dev.llmkit.api.ReasoningEffort;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The {@code think} value for a reasoning effort. Most thinking models (qwen3, deepseek-r1, magistral)
 * take a switch: any effort turns thinking on, {@link ReasoningEffort#NONE} turns it off. gpt-oss takes
 * a level and cannot stop thinking: efforts map to {@code "low"}, {@code "medium"} or {@code "high"}
 * (minimal to low, xhigh and max to high), and NONE is sent as {@code false}, which such a model
 * ignores. A model is told apart by its name without namespace and tag ({@code gpt-oss:20b},
 * {@code library/gpt-oss-safeguard:120b}); no effort means no {@code think} field, the model's default.
 */
final class ThinkOption {
  private ThinkOption() {}

  /** {@link Boolean} or {@link String} for the wire, or null to send nothing. */
  static @Nullable Object of(@Nullable ReasoningEffort effort, String model) {
    if (effort == null) {
      return null;
    }
    if (effort == ReasoningEffort.NONE) {
      return Boolean.FALSE;
    }
    return takesLevels(model) ? level(effort) : Boolean.TRUE;
  }

  static boolean takesLevels(String model) {
    String name = model.toLowerCase(Locale.ROOT);
    int tag = name.lastIndexOf(':');
    if (tag > name.lastIndexOf('/')) {
      name = name.substring(0, tag);
    }
    return name.substring(name.lastIndexOf('/') + 1).startsWith("gpt-oss");
  }

  private static String level(ReasoningEffort effort) {
    if (effort.compareTo(ReasoningEffort.MEDIUM) < 0) {
      return "low"; // minimal and low
    }
    return effort == ReasoningEffort.MEDIUM ? "medium" : "high"; // high, xhigh and max
  }
}
