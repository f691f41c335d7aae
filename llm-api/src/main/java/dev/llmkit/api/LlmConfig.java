package dev.llmkit.api;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything that configures one {@link Llm}: the model, credentials, sampling defaults, limits,
 * retry bounds, features and accounting overrides. A {@code null} setting means "the provider's
 * default". {@link Builder#build()} checks every field and reports all problems at once as an
 * {@link InvalidRequestException}. Secrets are {@link Secret}s and never appear in {@link #toString()}.
 * A setting the engine cannot honour yet, or one the chosen provider does not read, is never ignored:
 * building the {@code Llm} fails with a {@link ErrorKind#CONFIGURATION} error naming it.
 *
 * <pre>{@code
 * LlmConfig config = LlmConfig.builder()
 *     .model("anthropic/claude-sonnet-4-5")
 *     .apiKey(Secret.of(System.getenv("ANTHROPIC_API_KEY")))
 *     .maxOutputTokens(4096)
 *     .build();
 * }</pre>
 *
 * @param model the model, as {@code provider/name} ({@code openai/gpt-4o}) or a bare name that one
 *     installed provider claims ({@code gpt-4o})
 * @param customProvider forces the provider id when the model name alone is ambiguous
 * @param apiKey the key; when absent the provider reads its usual environment variable
 * @param baseUrl overrides the provider's endpoint (proxies, local servers, the mock server)
 * @param apiVersion the API version where the provider has one (Azure {@code api-version}, Anthropic
 *     {@code anthropic-version}); building an Llm for a provider that has none fails
 * @param awsAccessKeyId AWS credential for Amazon Bedrock; not supported yet (no provider reads it);
 *     building an Llm with it set fails
 * @param awsSecretAccessKey AWS credential for Amazon Bedrock; not supported yet (no provider reads it);
 *     building an Llm with it set fails
 * @param awsRegionName AWS region for Amazon Bedrock; not supported yet (no provider reads it); building an
 *     Llm with it set fails
 * @param openrouterSiteUrl sent as OpenRouter's {@code HTTP-Referer}; building an Llm for another provider
 *     with it set fails
 * @param openrouterAppName sent as OpenRouter's {@code X-Title}; building an Llm for another provider with
 *     it set fails
 * @param numRetries how many times a call that failed with a retryable error is sent again after its first
 *     attempt (default 5; 0 sends each call once). Retried: rate limits, server errors, overload, timeouts,
 *     connection failures, conflicts and empty responses; never: authentication, permission, invalid
 *     request, not found, context window, content policy, budget, quota, cancellation, nor any error whose
 *     {@link LlmException#retryable()} is false. A stream is retried only until its first event reached
 *     the caller
 * @param retryMinWait the wait before the first retry (default 8 s); each wait has up to a quarter taken
 *     off at random (jitter)
 * @param retryMaxWait the longest wait before a retry (default 64 s); a server's {@code Retry-After} is
 *     honoured up to it, and a call whose server asks for a longer wait fails at once with that error
 * @param retryMultiplier how much each wait grows: the n-th retry waits
 *     {@code min(retryMinWait * retryMultiplier^(n-1), retryMaxWait)} (default 8: 8 s, then 64 s)
 * @param timeout the overall deadline of one call, retries and their waits included (default 10 minutes):
 *     {@code complete} and {@code completeAsync} fail with an {@link LlmTimeoutException} (and the exchange
 *     is cancelled) when the answer has not arrived in time, a stream when it has not ended in time.
 *     {@code null} or {@link Duration#ZERO} for none
 * @param streamIdleTimeout how long a stream's reader may wait for the next event, the first one included
 *     (default 2 minutes); an attempt that times out before its first event is retried.
 *     {@code null} or {@link Duration#ZERO} for none
 * @param maxMessageChars longest tool result kept in a request; longer ones keep their head and tail
 *     (0 for no limit)
 * @param maxInputTokens the model's context window, overriding what the provider knows of it
 * @param nativeToolCalling {@code null}: use the model's native tool calling when it has one;
 *     {@code true}: always native; {@code false}: emulate tools in the prompt (OpenHands' format)
 * @param promptCachePolicy where prompt-cache marks go for models with explicit caching (default
 *     {@link PromptCachePolicy#CONVERSATION}); {@link Builder#cachingPrompt(boolean)} sets it to
 *     {@code CONVERSATION} or {@code NONE}
 * @param disableVision drop images from requests
 * @param disableStopWord never send stop words
 * @param dropParams {@code true} (default): silently drop a reasoning effort or stop words the model does
 *     not take; {@code false}: fail such a call with an {@link InvalidRequestException} instead
 * @param modifyParams let the engine adapt requests the provider would reject (e.g. merge roles);
 *     {@code false} is not supported yet; building an Llm with it set to {@code false} fails
 * @param inputCostPerToken price in USD of an uncached input token; with {@code outputCostPerToken}
 *     (both or neither) it prices every call of this model, over any catalog or provider-reported figure
 * @param outputCostPerToken price in USD of an output token (reasoning included)
 * @param cacheReadCostPerToken price of an input token read from the prompt cache; the input price when unset
 * @param cacheWriteCostPerToken price of an input token written to the prompt cache; the input price when unset
 * @param logCompletions write each call (answered, failed or cancelled) as one JSON file into
 *     {@code logCompletionsFolder}, keys and header values redacted
 * @param customTokenizer the tiktoken encoding {@code countInputTokens} uses where the provider has no
 *     counting endpoint ({@code o200k_base}, {@code cl100k_base}, {@code p50k_base}, {@code r50k_base});
 *     unset: chosen from the model (an estimate for non-OpenAI models); another name fails the build
 * @param safetySettings Gemini's content filters ({@code category}, {@code threshold}), sent as they are;
 *     building an Llm for a provider that does not read them fails
 * @param extraParams extra fields merged into every wire request body as they are
 * @param extraHeaders extra HTTP headers for every request; values are treated as secrets
 */
public record LlmConfig(
    String model,
    @Nullable String customProvider,
    @Nullable Secret apiKey,
    @Nullable String baseUrl,
    @Nullable String apiVersion,
    @Nullable Secret awsAccessKeyId,
    @Nullable Secret awsSecretAccessKey,
    @Nullable String awsRegionName,
    @Nullable String openrouterSiteUrl,
    @Nullable String openrouterAppName,
    int numRetries,
    Duration retryMinWait,
    Duration retryMaxWait,
    double retryMultiplier,
    @Nullable Duration timeout,
    @Nullable Duration streamIdleTimeout,
    int maxMessageChars,
    @Nullable Double temperature,
    @Nullable Double topP,
    @Nullable Integer topK,
    @Nullable Integer maxInputTokens,
    @Nullable Integer maxOutputTokens,
    @Nullable Long seed,
    @Nullable ReasoningEffort reasoningEffort,
    @Nullable Boolean nativeToolCalling,
    PromptCachePolicy promptCachePolicy,
    boolean disableVision,
    boolean disableStopWord,
    boolean dropParams,
    boolean modifyParams,
    @Nullable BigDecimal inputCostPerToken,
    @Nullable BigDecimal outputCostPerToken,
    @Nullable BigDecimal cacheReadCostPerToken,
    @Nullable BigDecimal cacheWriteCostPerToken,
    boolean logCompletions,
    @Nullable String logCompletionsFolder,
    @Nullable String customTokenizer,
    List<Map<String, String>> safetySettings,
    Map<String, Object> extraParams,
    Map<String, String> extraHeaders) {

  public LlmConfig {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(retryMinWait, "retryMinWait");
    Objects.requireNonNull(retryMaxWait, "retryMaxWait");
    Objects.requireNonNull(promptCachePolicy, "promptCachePolicy");
    safetySettings = safetySettings.stream().map(Map::copyOf).toList();
    extraParams = Map.copyOf(extraParams);
    extraHeaders = Map.copyOf(extraHeaders);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A config for {@code model} with every other setting at its default. */
  public static LlmConfig of(String model) {
    return builder().model(model).build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Whether prompt-cache marks are placed at all: the policy is not {@link PromptCachePolicy#NONE}. */
  public boolean cachingPrompt() {
    return promptCachePolicy != PromptCachePolicy.NONE;
  }

  /** Every problem with this config, each naming the field; empty when the config is valid. */
  public List<String> problems() {
    List<String> p = new ArrayList<>();
    if (model.isBlank()) {
      p.add("model is required, e.g. \"openai/gpt-4o\" or \"anthropic/claude-sonnet-4-5\"");
    }
    if (baseUrl != null) {
      checkBaseUrl(baseUrl, p);
    }
    range(p, "temperature", temperature, 0.0, 2.0);
    if (topP != null && (topP.isNaN() || topP <= 0.0 || topP > 1.0)) {
      p.add("topP must be in (0, 1], was " + topP);
    }
    atLeast(p, "topK", topK, 1);
    atLeast(p, "maxInputTokens", maxInputTokens, 1);
    atLeast(p, "maxOutputTokens", maxOutputTokens, 1);
    if (numRetries < 0) {
      p.add("numRetries must be 0 or more, was " + numRetries);
    }
    if (retryMinWait.isNegative()) {
      p.add("retryMinWait must not be negative, was " + retryMinWait);
    }
    if (retryMaxWait.compareTo(retryMinWait) < 0) {
      p.add("retryMaxWait (" + retryMaxWait + ") must not be shorter than retryMinWait (" + retryMinWait + ")");
    }
    if (Double.isNaN(retryMultiplier) || retryMultiplier < 1.0) {
      p.add("retryMultiplier must be 1 or more, was " + retryMultiplier);
    }
    if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
      p.add("timeout must be positive, was " + timeout);
    }
    if (streamIdleTimeout != null && (streamIdleTimeout.isZero() || streamIdleTimeout.isNegative())) {
      p.add("streamIdleTimeout must be positive (null or Duration.ZERO in the builder for none), was " + streamIdleTimeout);
    }
    if (maxMessageChars < 0) {
      p.add("maxMessageChars must be 0 (no limit) or more, was " + maxMessageChars);
    }
    price(p, "inputCostPerToken", inputCostPerToken);
    price(p, "outputCostPerToken", outputCostPerToken);
    price(p, "cacheReadCostPerToken", cacheReadCostPerToken);
    price(p, "cacheWriteCostPerToken", cacheWriteCostPerToken);
    if (logCompletions && (logCompletionsFolder == null || logCompletionsFolder.isBlank())) {
      p.add("logCompletionsFolder is required when logCompletions is on");
    }
    return p;
  }

  private static void checkBaseUrl(String url, List<String> p) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      if (!uri.isAbsolute() || uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
        p.add("baseUrl must be an absolute http(s) URL such as https://api.example.com/v1, was '" + redact(url) + "'");
      } else if (uri.getPort() == 0 || uri.getPort() > 65535) {
        // java.net.URI takes any number of digits as a port; a socket takes 1 to 65535.
        p.add("baseUrl has port " + uri.getPort() + ", which is not a TCP port (1 to 65535): '" + redact(url) + "'");
      }
    } catch (java.net.URISyntaxException e) {
      p.add("baseUrl is not a valid URL: '" + redact(url) + "' (" + e.getReason() + ")");
    }
  }

  /**
   * The URL with its user-info and query masked: proxies take {@code https://user:pass@host} and some
   * APIs take keys as {@code ?key=...}, and neither may reach a log. Works on unparseable text too.
   */
  private static String redact(String url) {
    String s = url;
    int query = s.indexOf('?');
    if (query >= 0) {
      int fragment = s.indexOf('#', query);
      s = s.substring(0, query + 1) + "****" + (fragment < 0 ? "" : s.substring(fragment));
    }
    int scheme = s.indexOf("://");
    int authorityStart = scheme < 0 ? 0 : scheme + 3;
    int authorityEnd = authorityStart;
    while (authorityEnd < s.length() && "/?#".indexOf(s.charAt(authorityEnd)) < 0) {
      authorityEnd++;
    }
    int at = s.lastIndexOf('@', authorityEnd - 1);
    if (at >= authorityStart) {
      s = s.substring(0, authorityStart) + "****" + s.substring(at);
    }
    return s;
  }

  private static void range(List<String> p, String field, @Nullable Double v, double min, double max) {
    if (v != null && (v.isNaN() || v < min || v > max)) {
      p.add(field + " must be between " + min + " and " + max + ", was " + v);
    }
  }

  private static void atLeast(List<String> p, String field, @Nullable Integer v, int min) {
    if (v != null && v < min) {
      p.add(field + " must be at least " + min + ", was " + v);
    }
  }

  private static void price(List<String> p, String field, @Nullable BigDecimal v) {
    if (v != null && v.signum() < 0) {
      p.add(field + " must not be negative, was " + v.toPlainString());
    }
  }

  @Override
  public String toString() {
    // Header values may carry credentials; show only their names.
    return "LlmConfig[model=" + model
        + (customProvider == null ? "" : ", customProvider=" + customProvider)
        + (apiKey == null ? "" : ", apiKey=" + apiKey)
        + (baseUrl == null ? "" : ", baseUrl=" + redact(baseUrl))
        + (apiVersion == null ? "" : ", apiVersion=" + apiVersion)
        + ", numRetries=" + numRetries
        + (timeout == null ? "" : ", timeout=" + timeout)
        + (streamIdleTimeout == null ? "" : ", streamIdleTimeout=" + streamIdleTimeout)
        + (temperature == null ? "" : ", temperature=" + temperature)
        + (maxOutputTokens == null ? "" : ", maxOutputTokens=" + maxOutputTokens)
        + (reasoningEffort == null ? "" : ", reasoningEffort=" + reasoningEffort)
        + (nativeToolCalling == null ? "" : ", nativeToolCalling=" + nativeToolCalling)
        + ", promptCachePolicy=" + promptCachePolicy
        + (extraHeaders.isEmpty() ? "" : ", extraHeaders=" + extraHeaders.keySet())
        + "]";
  }

  /**
   * Builds an {@link LlmConfig}; defaults follow the OpenHands LLMConfig where it has one ({@code numRetries}
   * 5, waits from 8 s to 64 s growing 8-fold), plus a 10-minute overall {@code timeout} and a 2-minute
   * {@code streamIdleTimeout} so that no call can hang forever by default.
   */
  public static final class Builder {
    private String model = "";
    private @Nullable String customProvider;
    private @Nullable Secret apiKey;
    private @Nullable String baseUrl;
    private @Nullable String apiVersion;
    private @Nullable Secret awsAccessKeyId;
    private @Nullable Secret awsSecretAccessKey;
    private @Nullable String awsRegionName;
    private @Nullable String openrouterSiteUrl;
    private @Nullable String openrouterAppName;
    private int numRetries = 5;
    private Duration retryMinWait = Duration.ofSeconds(8);
    private Duration retryMaxWait = Duration.ofSeconds(64);
    private double retryMultiplier = 8;
    private @Nullable Duration timeout = Duration.ofMinutes(10);
    private @Nullable Duration streamIdleTimeout = Duration.ofMinutes(2);
    private int maxMessageChars = 30_000;
    private @Nullable Double temperature;
    private @Nullable Double topP;
    private @Nullable Integer topK;
    private @Nullable Integer maxInputTokens;
    private @Nullable Integer maxOutputTokens;
    private @Nullable Long seed;
    private @Nullable ReasoningEffort reasoningEffort;
    private @Nullable Boolean nativeToolCalling;
    private PromptCachePolicy promptCachePolicy = PromptCachePolicy.CONVERSATION;
    private boolean disableVision;
    private boolean disableStopWord;
    private boolean dropParams = true;
    private boolean modifyParams = true;
    private @Nullable BigDecimal inputCostPerToken;
    private @Nullable BigDecimal outputCostPerToken;
    private @Nullable BigDecimal cacheReadCostPerToken;
    private @Nullable BigDecimal cacheWriteCostPerToken;
    private boolean logCompletions;
    private @Nullable String logCompletionsFolder;
    private @Nullable String customTokenizer;
    private final List<Map<String, String>> safetySettings = new ArrayList<>();
    private final Map<String, Object> extraParams = new LinkedHashMap<>();
    private final Map<String, String> extraHeaders = new LinkedHashMap<>();

    private Builder() {}

    private Builder(LlmConfig c) {
      model = c.model;
      customProvider = c.customProvider;
      apiKey = c.apiKey;
      baseUrl = c.baseUrl;
      apiVersion = c.apiVersion;
      awsAccessKeyId = c.awsAccessKeyId;
      awsSecretAccessKey = c.awsSecretAccessKey;
      awsRegionName = c.awsRegionName;
      openrouterSiteUrl = c.openrouterSiteUrl;
      openrouterAppName = c.openrouterAppName;
      numRetries = c.numRetries;
      retryMinWait = c.retryMinWait;
      retryMaxWait = c.retryMaxWait;
      retryMultiplier = c.retryMultiplier;
      timeout = c.timeout;
      streamIdleTimeout = c.streamIdleTimeout;
      maxMessageChars = c.maxMessageChars;
      temperature = c.temperature;
      topP = c.topP;
      topK = c.topK;
      maxInputTokens = c.maxInputTokens;
      maxOutputTokens = c.maxOutputTokens;
      seed = c.seed;
      reasoningEffort = c.reasoningEffort;
      nativeToolCalling = c.nativeToolCalling;
      promptCachePolicy = c.promptCachePolicy;
      disableVision = c.disableVision;
      disableStopWord = c.disableStopWord;
      dropParams = c.dropParams;
      modifyParams = c.modifyParams;
      inputCostPerToken = c.inputCostPerToken;
      outputCostPerToken = c.outputCostPerToken;
      cacheReadCostPerToken = c.cacheReadCostPerToken;
      cacheWriteCostPerToken = c.cacheWriteCostPerToken;
      logCompletions = c.logCompletions;
      logCompletionsFolder = c.logCompletionsFolder;
      customTokenizer = c.customTokenizer;
      safetySettings.addAll(c.safetySettings);
      extraParams.putAll(c.extraParams);
      extraHeaders.putAll(c.extraHeaders);
    }

    public Builder model(String value) { model = Objects.requireNonNull(value, "model"); return this; }
    public Builder customProvider(@Nullable String value) { customProvider = value; return this; }
    public Builder apiKey(@Nullable Secret value) { apiKey = value; return this; }
    /** Convenience for {@code apiKey(Secret.of(value))}. */
    public Builder apiKey(String value) { apiKey = Secret.of(value); return this; }
    public Builder baseUrl(@Nullable String value) { baseUrl = value; return this; }
    public Builder apiVersion(@Nullable String value) { apiVersion = value; return this; }
    public Builder awsAccessKeyId(@Nullable Secret value) { awsAccessKeyId = value; return this; }
    public Builder awsSecretAccessKey(@Nullable Secret value) { awsSecretAccessKey = value; return this; }
    public Builder awsRegionName(@Nullable String value) { awsRegionName = value; return this; }
    public Builder openrouterSiteUrl(@Nullable String value) { openrouterSiteUrl = value; return this; }
    public Builder openrouterAppName(@Nullable String value) { openrouterAppName = value; return this; }
    public Builder numRetries(int value) { numRetries = value; return this; }
    public Builder retryMinWait(Duration value) { retryMinWait = Objects.requireNonNull(value); return this; }
    public Builder retryMaxWait(Duration value) { retryMaxWait = Objects.requireNonNull(value); return this; }
    public Builder retryMultiplier(double value) { retryMultiplier = value; return this; }
    /** The overall deadline of a call; {@code null} or {@link Duration#ZERO} for none. */
    public Builder timeout(@Nullable Duration value) { timeout = noneIfZero(value); return this; }
    /** The longest wait for a stream's next event; {@code null} or {@link Duration#ZERO} for none. */
    public Builder streamIdleTimeout(@Nullable Duration value) { streamIdleTimeout = noneIfZero(value); return this; }
    public Builder maxMessageChars(int value) { maxMessageChars = value; return this; }
    public Builder temperature(@Nullable Double value) { temperature = value; return this; }
    public Builder topP(@Nullable Double value) { topP = value; return this; }
    public Builder topK(@Nullable Integer value) { topK = value; return this; }
    public Builder maxInputTokens(@Nullable Integer value) { maxInputTokens = value; return this; }
    public Builder maxOutputTokens(@Nullable Integer value) { maxOutputTokens = value; return this; }
    public Builder seed(@Nullable Long value) { seed = value; return this; }
    public Builder reasoningEffort(@Nullable ReasoningEffort value) { reasoningEffort = value; return this; }
    public Builder nativeToolCalling(@Nullable Boolean value) { nativeToolCalling = value; return this; }
    /** {@code true}: {@link PromptCachePolicy#CONVERSATION}; {@code false}: {@link PromptCachePolicy#NONE}. */
    public Builder cachingPrompt(boolean value) { promptCachePolicy = value ? PromptCachePolicy.CONVERSATION : PromptCachePolicy.NONE; return this; }
    public Builder promptCachePolicy(PromptCachePolicy value) { promptCachePolicy = Objects.requireNonNull(value, "promptCachePolicy"); return this; }
    public Builder disableVision(boolean value) { disableVision = value; return this; }
    public Builder disableStopWord(boolean value) { disableStopWord = value; return this; }
    public Builder dropParams(boolean value) { dropParams = value; return this; }
    public Builder modifyParams(boolean value) { modifyParams = value; return this; }
    public Builder inputCostPerToken(@Nullable BigDecimal value) { inputCostPerToken = value; return this; }
    public Builder outputCostPerToken(@Nullable BigDecimal value) { outputCostPerToken = value; return this; }
    public Builder cacheReadCostPerToken(@Nullable BigDecimal value) { cacheReadCostPerToken = value; return this; }
    public Builder cacheWriteCostPerToken(@Nullable BigDecimal value) { cacheWriteCostPerToken = value; return this; }
    public Builder logCompletions(boolean value) { logCompletions = value; return this; }
    public Builder logCompletionsFolder(@Nullable String value) { logCompletionsFolder = value; return this; }
    public Builder customTokenizer(@Nullable String value) { customTokenizer = value; return this; }
    public Builder safetySettings(List<Map<String, String>> value) { safetySettings.clear(); safetySettings.addAll(value); return this; }
    public Builder extraParam(String key, Object value) { extraParams.put(key, value); return this; }
    public Builder extraParams(Map<String, Object> value) { extraParams.clear(); extraParams.putAll(value); return this; }
    public Builder extraHeader(String name, String value) { extraHeaders.put(name, value); return this; }

    private static @Nullable Duration noneIfZero(@Nullable Duration value) {
      return value == null || value.isZero() ? null : value;
    }

    /** Builds the config, or throws an {@link InvalidRequestException} listing every invalid field. */
    public LlmConfig build() {
      LlmConfig config = new LlmConfig(
          model, customProvider, apiKey, baseUrl, apiVersion, awsAccessKeyId, awsSecretAccessKey, awsRegionName,
          openrouterSiteUrl, openrouterAppName, numRetries, retryMinWait, retryMaxWait, retryMultiplier, timeout,
          streamIdleTimeout, maxMessageChars, temperature, topP, topK, maxInputTokens, maxOutputTokens, seed, reasoningEffort,
          nativeToolCalling, promptCachePolicy, disableVision, disableStopWord, dropParams, modifyParams,
          inputCostPerToken, outputCostPerToken, cacheReadCostPerToken, cacheWriteCostPerToken, logCompletions,
          logCompletionsFolder, customTokenizer, safetySettings, extraParams, extraHeaders);
      List<String> problems = config.problems();
      if (!problems.isEmpty()) {
        throw new InvalidRequestException(problems);
      }
      return config;
    }
  }
}
