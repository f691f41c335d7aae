package dev.llmkit.provider.openai;

import java.util.Locale;
import java.util.regex.Pattern;

/** Recognises OpenAI model families by name, wherever the model is served. */
final class ModelNames {
  private static final Pattern O_SERIES = Pattern.compile("o[1-9](-.*)?");

  private ModelNames() {}

  /**
   * The bare OpenAI model name: lower case, without a router's vendor prefix ({@code openai/o3}) and
   * without a fine-tune wrapper ({@code ft:gpt-4o-mini-2024-07-18:org::id} is a {@code gpt-4o-mini}).
   */
  static String base(String model) {
    String n = model.toLowerCase(Locale.ROOT);
    if (n.startsWith("ft:")) {
      n = n.substring(3);
      int colon = n.indexOf(':');
      if (colon >= 0) {
        n = n.substring(0, colon);
      }
    }
    int slash = n.lastIndexOf('/');
    return slash >= 0 ? n.substring(slash + 1) : n;
  }

  /** o1, o3-mini, o4-mini...: reasoning models that take {@code developer} prompts and no sampling fields. */
  static boolean isOSeries(String model) {
    return O_SERIES.matcher(base(model)).matches();
  }

  /** GPT-5 reasoning models (not the non-reasoning {@code gpt-5-chat} snapshots). */
  static boolean isGpt5Reasoning(String model) {
    String n = base(model);
    return n.startsWith("gpt-5") && !n.contains("-chat");
  }

  /** Reasoning models reject a non-default temperature and top_p with {@code unsupported_value}. */
  static boolean rejectsSampling(String model) {
    return isOSeries(model) || isGpt5Reasoning(model);
  }
}
