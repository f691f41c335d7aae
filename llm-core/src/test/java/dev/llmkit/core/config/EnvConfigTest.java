package dev.llmkit.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.api.ReasoningEffort;
import dev.llmkit.api.Secret;
import dev.llmkit.core.PluginRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvConfigTest {
  private static final PluginRegistry ACME = PluginRegistry.of(List.of(new KeyedProviderFactory()), List.of());

  private static LlmConfig fromEnv(Map<String, String> env) {
    return LlmConfigs.fromEnv(env, ACME);
  }

  @Test
  void every_kind_of_llm_variable_is_read_with_openhands_names() {
    Map<String, String> env = new HashMap<>();
    env.put("LLM_MODEL", "acme/acme-large");
    env.put("LLM_API_KEY", "k-1");
    env.put("LLM_BASE_URL", "http://127.0.0.1:9000/v1");
    env.put("LLM_API_VERSION", "2024-12-01-preview");
    env.put("LLM_CUSTOM_LLM_PROVIDER", "acme");
    env.put("LLM_NUM_RETRIES", "3");
    env.put("LLM_RETRY_MIN_WAIT", "0.5");
    env.put("LLM_RETRY_MAX_WAIT", "20");
    env.put("LLM_RETRY_MULTIPLIER", "2.0");
    env.put("LLM_TIMEOUT", "30");
    env.put("LLM_TEMPERATURE", "0.2");
    env.put("LLM_TOP_P", "0.9");
    env.put("LLM_TOP_K", "40.0");
    env.put("LLM_MAX_OUTPUT_TOKENS", "2048");
    env.put("LLM_MAX_INPUT_TOKENS", "0");
    env.put("LLM_SEED", "42");
    env.put("LLM_REASONING_EFFORT", "HIGH");
    env.put("LLM_NATIVE_TOOL_CALLING", "true");
    env.put("LLM_DROP_PARAMS", "0");
    env.put("LLM_CACHING_PROMPT", "False");
    env.put("LLM_INPUT_COST_PER_TOKEN", "0.000003");
    env.put("LLM_OUTPUT_COST_PER_TOKEN", "1.5e-5");
    env.put("LLM_SAFETY_SETTINGS", "[{\"category\": \"HARM_CATEGORY_HARASSMENT\", \"threshold\": \"BLOCK_NONE\"}]");
    env.put("LLM_COMPLETION_KWARGS", "{\"store\": true, \"metadata\": {\"team\": \"search\"}}");
    env.put("LLM_EXTRA_HEADERS", "{\"X-Team\": \"search\"}");
    env.put("LLM_DISABLE_VISION", "");   // empty: unset, as in OpenHands
    env.put("UNRELATED", "ignored");

    LlmConfig c = fromEnv(env);

    assertThat(c.model()).isEqualTo("acme/acme-large");
    assertThat(c.apiKey()).isEqualTo(Secret.of("k-1"));
    assertThat(c.baseUrl()).isEqualTo("http://127.0.0.1:9000/v1");
    assertThat(c.apiVersion()).isEqualTo("2024-12-01-preview");
    assertThat(c.customProvider()).isEqualTo("acme");
    assertThat(c.numRetries()).isEqualTo(3);
    assertThat(c.retryMinWait()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.retryMaxWait()).isEqualTo(Duration.ofSeconds(20));
    assertThat(c.retryMultiplier()).isEqualTo(2.0);
    assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.temperature()).isEqualTo(0.2);
    assertThat(c.topP()).isEqualTo(0.9);
    assertThat(c.topK()).isEqualTo(40);
    assertThat(c.maxOutputTokens()).isEqualTo(2048);
    assertThat(c.maxInputTokens()).isNull();
    assertThat(c.seed()).isEqualTo(42L);
    assertThat(c.reasoningEffort()).isEqualTo(ReasoningEffort.HIGH);
    assertThat(c.nativeToolCalling()).isTrue();
    assertThat(c.dropParams()).isFalse();
    assertThat(c.cachingPrompt()).isFalse();
    assertThat(c.disableVision()).isFalse();
    assertThat(c.inputCostPerToken()).isEqualByComparingTo(new BigDecimal("0.000003"));
    assertThat(c.outputCostPerToken()).isEqualByComparingTo(new BigDecimal("0.000015"));
    assertThat(c.safetySettings()).containsExactly(Map.of("category", "HARM_CATEGORY_HARASSMENT", "threshold", "BLOCK_NONE"));
    assertThat(c.extraParams()).containsEntry("store", true).containsEntry("metadata", Map.of("team", "search"));
    assertThat(c.extraHeaders()).containsExactly(Map.entry("X-Team", "search"));
  }

  @Test
  void unset_variables_keep_the_defaults() {
    LlmConfig c = fromEnv(Map.of("LLM_MODEL", "acme-small"));

    assertThat(c).isEqualTo(LlmConfig.of("acme-small"));
  }

  @Test
  void a_zero_timeout_means_none() {
    assertThat(fromEnv(Map.of("LLM_MODEL", "acme-small", "LLM_TIMEOUT", "0")).timeout()).isNull();
  }

  @Test
  void no_model_is_an_error_naming_LLM_MODEL() {
    assertThatThrownBy(() -> fromEnv(Map.of("LLM_TEMPERATURE", "0.5")))
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
          assertThat(e.source()).isEqualTo("the environment");
        })
        .hasMessageContaining("no model is set: set LLM_MODEL");
  }

  @Test
  void every_badly_formed_variable_is_reported_at_once_with_its_expected_form() {
    Map<String, String> env = Map.of(
        "LLM_MODEL", "acme-small",
        "LLM_NUM_RETRIES", "five",
        "LLM_TIMEOUT", "-3",
        "LLM_NATIVE_TOOL_CALLING", "maybe",
        "LLM_REASONING_EFFORT", "extreme",
        "LLM_SAFETY_SETTINGS", "[{'category': 1}]",
        "LLM_TOP_K", "4.5");

    assertThatThrownBy(() -> fromEnv(env))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "LLM_NUM_RETRIES must be a whole number such as 5, was 'five'",
            "LLM_TIMEOUT must be a number of seconds such as 30 or 0.5, was '-3'",
            "LLM_NATIVE_TOOL_CALLING must be true or false, was 'maybe'",
            "LLM_REASONING_EFFORT must be one of none, minimal, low, medium, high, xhigh, max, was 'extreme'",
            "LLM_SAFETY_SETTINGS must be an array of tables with string values, e.g. [{ category = \"HARM_CATEGORY_HARASSMENT\","
                + " threshold = \"BLOCK_NONE\" }] (as JSON in an environment variable), was '[{'category': 1}]'",
            "LLM_TOP_K must be a whole number such as 5, was '4.5'"));
  }

  @Test
  void values_out_of_range_name_the_variable() {
    assertThatThrownBy(() -> fromEnv(Map.of("LLM_MODEL", "acme-small", "LLM_TOP_P", "2", "LLM_RETRY_MIN_WAIT", "90")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "LLM_TOP_P must be in (0, 1], was 2.0",
            "LLM_RETRY_MAX_WAIT (PT1M4S) must not be shorter than LLM_RETRY_MIN_WAIT (PT1M30S)"));
  }

  @Test
  void without_LLM_API_KEY_the_providers_own_variable_gives_the_key() {
    LlmConfig c = fromEnv(Map.of("LLM_MODEL", "acme-small", KeyedProviderFactory.KEY_VAR, "k-acme"));

    assertThat(c.apiKey()).isEqualTo(Secret.of("k-acme"));
  }

  @Test
  void the_providers_variables_are_tried_in_its_declared_order() {
    assertThat(fromEnv(Map.of("LLM_MODEL", "acme/x", KeyedProviderFactory.KEY_VAR, " ",
        KeyedProviderFactory.ALT_KEY_VAR, "k-alt")).apiKey()).isEqualTo(Secret.of("k-alt"));
    assertThat(fromEnv(Map.of("LLM_MODEL", "acme/x", KeyedProviderFactory.KEY_VAR, "k-first",
        KeyedProviderFactory.ALT_KEY_VAR, "k-alt")).apiKey()).isEqualTo(Secret.of("k-first"));
  }

  @Test
  void LLM_API_KEY_wins_over_the_providers_variable() {
    LlmConfig c = fromEnv(Map.of("LLM_MODEL", "acme-small", "LLM_API_KEY", "k-llm", KeyedProviderFactory.KEY_VAR, "k-acme"));

    assertThat(c.apiKey()).isEqualTo(Secret.of("k-llm"));
  }

  @Test
  void a_model_of_no_installed_provider_gets_no_key_and_no_error_until_built() {
    LlmConfig c = fromEnv(Map.of("LLM_MODEL", "other/model", KeyedProviderFactory.KEY_VAR, "k-acme"));

    assertThat(c.apiKey()).isNull();
  }

  @Test
  void a_provider_key_that_cannot_go_in_a_header_names_its_variable() {
    assertThatThrownBy(() -> fromEnv(Map.of("LLM_MODEL", "acme-small", KeyedProviderFactory.KEY_VAR, "k-1\nk-2")))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
        .hasMessageContaining("the environment variable " + KeyedProviderFactory.KEY_VAR)
        .hasMessageContaining("a line break");
  }

  @Test
  void every_key_has_its_LLM_variable() {
    assertThat(ConfigKeys.byName("base_url").orElseThrow().envVar()).isEqualTo("LLM_BASE_URL");
    assertThat(ConfigKeys.all()).allSatisfy(k -> assertThat(k.envVar()).isEqualTo("LLM_" + k.name().toUpperCase()));
  }
}
