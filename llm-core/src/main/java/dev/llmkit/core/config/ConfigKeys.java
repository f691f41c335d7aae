package dev.llmkit.core.config;

import dev.llmkit.api.LlmConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The table from OpenHands' {@code LLMConfig} key names to {@link LlmConfig.Builder} setters: one entry
 * per key, used alike for {@code config.toml} sections and {@code LLM_*} environment variables. A new
 * {@code LlmConfig} setting needs one line here (a test fails until it has one).
 *
 * <p>Besides these, a section may hold {@code for_routing} (read by {@code [model_routing]}), OpenHands'
 * {@code correct_num} (a setting of its draft editor, not of a model call; accepted and not used) and an
 * empty {@code ollama_base_url} (a set one is refused: use {@code base_url}).
 */
public final class ConfigKeys {
  /** The routing flag of a section, as OpenHands names it. */
  public static final String FOR_ROUTING = "for_routing";
  /** OpenHands' draft-editor retry count: not a setting of a model call, accepted and not used. */
  static final String CORRECT_NUM = "correct_num";
  /** OpenHands' separate Ollama endpoint; llmkit takes {@code base_url} for every provider. */
  static final String OLLAMA_BASE_URL = "ollama_base_url";

  private static final List<ConfigKey> ALL = List.of(
      key("model", ValueTypes.STRING, LlmConfig.Builder::model, "model"),
      key("custom_llm_provider", ValueTypes.STRING, LlmConfig.Builder::customProvider, "customProvider"),
      key("api_key", ValueTypes.SECRET, LlmConfig.Builder::apiKey, "apiKey"),
      key("base_url", ValueTypes.STRING, LlmConfig.Builder::baseUrl, "baseUrl"),
      key("api_version", ValueTypes.STRING, LlmConfig.Builder::apiVersion, "apiVersion"),
      key("aws_access_key_id", ValueTypes.SECRET, LlmConfig.Builder::awsAccessKeyId, "awsAccessKeyId"),
      key("aws_secret_access_key", ValueTypes.SECRET, LlmConfig.Builder::awsSecretAccessKey, "awsSecretAccessKey"),
      key("aws_region_name", ValueTypes.STRING, LlmConfig.Builder::awsRegionName, "awsRegionName"),
      key("openrouter_site_url", ValueTypes.STRING, LlmConfig.Builder::openrouterSiteUrl, "openrouterSiteUrl"),
      key("openrouter_app_name", ValueTypes.STRING, LlmConfig.Builder::openrouterAppName, "openrouterAppName"),
      key("num_retries", ValueTypes.INT, LlmConfig.Builder::numRetries, "numRetries"),
      key("retry_min_wait", ValueTypes.SECONDS, LlmConfig.Builder::retryMinWait, "retryMinWait"),
      key("retry_max_wait", ValueTypes.SECONDS, LlmConfig.Builder::retryMaxWait, "retryMaxWait"),
      key("retry_multiplier", ValueTypes.DOUBLE, LlmConfig.Builder::retryMultiplier, "retryMultiplier"),
      key("timeout", ValueTypes.SECONDS, LlmConfig.Builder::timeout, "timeout"),
      key("stream_idle_timeout", ValueTypes.SECONDS, LlmConfig.Builder::streamIdleTimeout, "streamIdleTimeout"),
      key("max_message_chars", ValueTypes.INT, LlmConfig.Builder::maxMessageChars, "maxMessageChars"),
      key("temperature", ValueTypes.DOUBLE, LlmConfig.Builder::temperature, "temperature"),
      key("top_p", ValueTypes.DOUBLE, LlmConfig.Builder::topP, "topP"),
      key("top_k", ValueTypes.INT, LlmConfig.Builder::topK, "topK"),
      key("max_input_tokens", ValueTypes.TOKENS, LlmConfig.Builder::maxInputTokens, "maxInputTokens"),
      key("max_output_tokens", ValueTypes.TOKENS, LlmConfig.Builder::maxOutputTokens, "maxOutputTokens"),
      key("seed", ValueTypes.LONG, LlmConfig.Builder::seed, "seed"),
      key("reasoning_effort", ValueTypes.REASONING_EFFORT, LlmConfig.Builder::reasoningEffort, "reasoningEffort"),
      key("native_tool_calling", ValueTypes.BOOLEAN, LlmConfig.Builder::nativeToolCalling, "nativeToolCalling"),
      key("caching_prompt", ValueTypes.BOOLEAN, LlmConfig.Builder::cachingPrompt, "cachingPrompt"),
      key("prompt_cache_policy", ValueTypes.PROMPT_CACHE_POLICY, LlmConfig.Builder::promptCachePolicy, "promptCachePolicy"),
      key("disable_vision", ValueTypes.BOOLEAN, LlmConfig.Builder::disableVision, "disableVision"),
      key("disable_stop_word", ValueTypes.BOOLEAN, LlmConfig.Builder::disableStopWord, "disableStopWord"),
      key("drop_params", ValueTypes.BOOLEAN, LlmConfig.Builder::dropParams, "dropParams"),
      key("modify_params", ValueTypes.BOOLEAN, LlmConfig.Builder::modifyParams, "modifyParams"),
      key("input_cost_per_token", ValueTypes.DECIMAL, LlmConfig.Builder::inputCostPerToken, "inputCostPerToken"),
      key("output_cost_per_token", ValueTypes.DECIMAL, LlmConfig.Builder::outputCostPerToken, "outputCostPerToken"),
      key("cache_read_cost_per_token", ValueTypes.DECIMAL, LlmConfig.Builder::cacheReadCostPerToken,
          "cacheReadCostPerToken"),
      key("cache_write_cost_per_token", ValueTypes.DECIMAL, LlmConfig.Builder::cacheWriteCostPerToken,
          "cacheWriteCostPerToken"),
      key("log_completions", ValueTypes.BOOLEAN, LlmConfig.Builder::logCompletions, "logCompletions"),
      key("log_completions_folder", ValueTypes.STRING, LlmConfig.Builder::logCompletionsFolder, "logCompletionsFolder"),
      key("custom_tokenizer", ValueTypes.STRING, LlmConfig.Builder::customTokenizer, "customTokenizer"),
      key("safety_settings", ValueTypes.SAFETY_SETTINGS, LlmConfig.Builder::safetySettings, "safetySettings"),
      // OpenHands' "custom kwargs to pass to litellm.completion": here, fields merged into the wire request.
      key("completion_kwargs", ValueTypes.PARAMS, LlmConfig.Builder::extraParams, "extraParams", "extraParam"),
      key("extra_headers", ValueTypes.HEADERS, (b, headers) -> headers.forEach(b::extraHeader), "extraHeader"));

  private static final Map<String, ConfigKey> BY_NAME = index();

  private ConfigKeys() {}

  /** Every key, in the order settings are applied. */
  public static List<ConfigKey> all() {
    return ALL;
  }

  /** Keys that are two spellings of one setting: the older boolean and the policy that replaced it. */
  private static final Map<String, String> SAME_SETTING = Map.of(
      "caching_prompt", "prompt_cache_policy",
      "prompt_cache_policy", "caching_prompt");

  /** The other keys that set what {@code key} sets (empty for most keys). */
  static List<ConfigKey> sameSetting(ConfigKey key) {
    String other = SAME_SETTING.get(key.name());
    return other == null ? List.of() : List.of(BY_NAME.get(other));
  }

  /** The key named {@code name} (a TOML key such as {@code top_p}). */
  public static Optional<ConfigKey> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  private static <T> ConfigKey key(String name, ValueType<T> type, BiConsumer<LlmConfig.Builder, T> apply,
      String... setters) {
    return new ConfigKey(name, type, apply, List.of(setters));
  }

  private static Map<String, ConfigKey> index() {
    Map<String, ConfigKey> map = new LinkedHashMap<>();
    ALL.forEach(k -> map.put(k.name(), k));
    return map;
  }
}
