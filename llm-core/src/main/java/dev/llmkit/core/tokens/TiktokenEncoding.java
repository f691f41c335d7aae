package dev.llmkit.core.tokens;

import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * OpenAI's BPE vocabularies, by their tiktoken names, and which model uses which.
 *
 * <p>{@link #forModelName} follows tiktoken's own table ({@code tiktoken/model.py}): {@code o200k_base}
 * for {@code gpt-4o*}, {@code chatgpt-4o*}, {@code gpt-4.1*}, {@code gpt-4.5*}, {@code gpt-5*},
 * {@code o1*}, {@code o3*}, {@code o4*} and {@code gpt-oss*} (whose {@code o200k_harmony} differs from
 * {@code o200k_base} only by special tokens, which ordinary text never yields); {@code cl100k_base} for
 * the other {@code gpt-4*}, {@code gpt-3.5*} (Azure's {@code gpt-35*}), the {@code text-embedding-*}
 * models, {@code davinci-002} and {@code babbage-002}; {@code p50k_base} for Codex and
 * {@code text-davinci-002/003}; {@code r50k_base} for GPT-3.
 */
public enum TiktokenEncoding {
  O200K_BASE("o200k_base", EncodingType.O200K_BASE),
  CL100K_BASE("cl100k_base", EncodingType.CL100K_BASE),
  P50K_BASE("p50k_base", EncodingType.P50K_BASE),
  R50K_BASE("r50k_base", EncodingType.R50K_BASE);

  private static final Pattern O_SERIES = Pattern.compile("o\\d+(-.*)?");
  private static final Set<String> GPT3 = Set.of("davinci", "curie", "babbage", "ada");

  private final String encodingName;
  private final EncodingType type;

  TiktokenEncoding(String encodingName, EncodingType type) {
    this.encodingName = encodingName;
    this.type = type;
  }

  /** The tiktoken name, e.g. {@code o200k_base}. */
  public String encodingName() {
    return encodingName;
  }

  EncodingType type() {
    return type;
  }

  /** The tiktoken names of all encodings, in declaration order. */
  public static List<String> names() {
    return java.util.Arrays.stream(values()).map(TiktokenEncoding::encodingName).toList();
  }

  /** The encoding with this tiktoken name ({@code o200k_base}, ...), ignoring case and surrounding blanks. */
  public static Optional<TiktokenEncoding> fromName(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    for (TiktokenEncoding e : values()) {
      if (e.encodingName.equals(n)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /**
   * The encoding of an OpenAI model name ({@code gpt-4o-mini}, {@code openai/gpt-4o},
   * {@code ft:gpt-4o-mini-2024-07-18:org::id}); empty for a name that is not an OpenAI model's.
   */
  public static Optional<TiktokenEncoding> forModelName(String modelName) {
    String n = normalize(modelName);
    if (n.startsWith("gpt-4o") || n.startsWith("chatgpt-4o") || n.startsWith("gpt-4.1") || n.startsWith("gpt-4.5")
        || n.startsWith("gpt-5") || n.startsWith("gpt-oss") || n.startsWith("codex-") || n.startsWith("computer-use")
        || O_SERIES.matcher(n).matches()) {
      return Optional.of(O200K_BASE);
    }
    if (n.startsWith("gpt-4") || n.startsWith("gpt-3.5") || n.startsWith("gpt-35") || n.startsWith("text-embedding-")
        || n.equals("davinci-002") || n.equals("babbage-002")) {
      return Optional.of(CL100K_BASE);
    }
    if (n.startsWith("text-davinci-002") || n.startsWith("text-davinci-003") || n.startsWith("code-davinci")
        || n.startsWith("code-cushman") || n.endsWith("-codex")) {
      return Optional.of(P50K_BASE);
    }
    if (n.startsWith("text-davinci-001") || n.startsWith("text-curie") || n.startsWith("text-babbage")
        || n.startsWith("text-ada") || n.startsWith("text-similarity-") || n.startsWith("text-search-")
        || n.startsWith("code-search-") || GPT3.contains(n)) {
      return Optional.of(R50K_BASE);
    }
    return Optional.empty();
  }

  /** Lower case, without an {@code openai/} vendor prefix or a {@code ft:} fine-tune prefix. */
  static String normalize(String modelName) {
    String n = modelName.strip().toLowerCase(Locale.ROOT);
    if (n.startsWith("openai/")) {
      n = n.substring("openai/".length());
    }
    if (n.startsWith("ft:")) {
      n = n.substring("ft:".length());
    }
    return n;
  }
}
