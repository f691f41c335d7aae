package dev.llmkit.provider.openai;

import java.util.Locale;

/** Recognises OpenAI model families by name, wherever the model is served. */
final class ModelNames {

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
    // o1, o3-mini, o4-mini-2025-04-16...: "o", a digit 1-9, then nothing or a dash (checked by hand, not by a
    // regex: this runs for every request written).
    String n = base(model);
    return n.length() >= 2 && n.charAt(0) == 'o' && n.charAt(1) >= '1' && n.charAt(1) <= '9'
        && (n.length() == 2 || n.charAt(2) == '-');
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
