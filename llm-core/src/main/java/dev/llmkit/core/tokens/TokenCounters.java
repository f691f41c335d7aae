package dev.llmkit.core.tokens;

import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ModelInfo;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Picks the {@link TokenCounter} for a model. */
public final class TokenCounters {
  /** The names {@code customTokenizer} takes. */
  public static final List<String> TOKENIZER_NAMES = TiktokenEncoding.names();

  /** An Azure deployment name that says it runs gpt-4 (not 4o, 4.1, 4.5) or gpt-3.5, both cl100k_base. */
  private static final Pattern AZURE_CL100K = Pattern.compile(".*(gpt-?35|gpt-?3\\.5|gpt-?4(?![o.\\d])).*");

  private TokenCounters() {}

  /**
   * The counter for {@code model}:
   * <ol>
   *   <li>with {@code customTokenizer} set, that tiktoken vocabulary ({@link #TOKENIZER_NAMES}; images
   *       priced as the model's when it is an OpenAI model, else as gpt-4o's); an unknown name is a
   *       {@link ErrorKind#CONFIGURATION} error that lists the valid ones;
   *   <li>for the OpenAI family, a {@link TiktokenCounter} with the model's vocabulary: every model of the
   *       {@code openai} and {@code azure} providers (a name the table does not know, such as an Azure
   *       deployment name, gets {@code o200k_base} unless it says gpt-4 or gpt-3.5), and an
   *       {@code openai/...} model of any other provider (OpenRouter, Groq's gpt-oss);
   *   <li>else the {@link EstimateCounter}.
   * </ol>
   *
   * @throws LlmException of kind {@link ErrorKind#CONFIGURATION} for an unknown {@code customTokenizer}
   */
  public static TokenCounter forModel(ModelInfo model, @Nullable String customTokenizer) {
    if (customTokenizer != null) {
      TiktokenEncoding encoding = TiktokenEncoding.fromName(customTokenizer).orElseThrow(() ->
          LlmException.builder(ErrorKind.CONFIGURATION, "unknown customTokenizer '" + customTokenizer
                  + "' for " + model.qualifiedName() + "; the tokenizers llmkit has are " + String.join(", ", TOKENIZER_NAMES))
              .provider(model.provider())
              .model(model.name())
              .build());
      boolean openAi = openAiEncoding(model).isPresent();
      return new TiktokenCounter(encoding,
          openAi ? TiktokenCounter.ImageCost.forModel(TiktokenEncoding.normalize(model.name())) : TiktokenCounter.ImageCost.DEFAULT);
    }
    Optional<TiktokenEncoding> encoding = openAiEncoding(model);
    if (encoding.isPresent()) {
      return new TiktokenCounter(encoding.get(), TiktokenCounter.ImageCost.forModel(TiktokenEncoding.normalize(model.name())));
    }
    return EstimateCounter.INSTANCE;
  }

  /**
   * {@link EstimateCounter#upperBound} as a function: a prompt-token bound for any model, for budget
   * reservations and other decisions where counting too few is worse than counting too many.
   */
  public static ToLongFunction<ChatRequest> upperBound() {
    return EstimateCounter.INSTANCE::upperBound;
  }

  /** The tiktoken vocabulary of an OpenAI-family model, empty for any other model. */
  public static Optional<TiktokenEncoding> openAiEncoding(ModelInfo model) {
    String provider = model.provider().toLowerCase(Locale.ROOT);
    String name = model.name().strip().toLowerCase(Locale.ROOT);
    Optional<TiktokenEncoding> known = TiktokenEncoding.forModelName(name);
    if (provider.equals("openai")) {
      return Optional.of(known.orElse(TiktokenEncoding.O200K_BASE));
    }
    if (provider.equals("azure")) {
      if (known.isPresent()) {
        return known;
      }
      return Optional.of(AZURE_CL100K.matcher(name).matches() ? TiktokenEncoding.CL100K_BASE : TiktokenEncoding.O200K_BASE);
    }
    if (name.startsWith("openai/")) {
      return Optional.of(known.orElse(TiktokenEncoding.O200K_BASE));
    }
    return Optional.empty();
  }
}
