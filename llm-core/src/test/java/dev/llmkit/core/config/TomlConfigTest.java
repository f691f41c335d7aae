package dev.llmkit.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.Secret;
import dev.llmkit.core.PluginRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TomlConfigTest {
  private static final PluginRegistry ACME = PluginRegistry.of(List.of(new KeyedProviderFactory()), List.of());

  private static LlmConfigSet toml(String text) {
    return LlmConfigs.fromToml(text, "config.toml");
  }

  private static List<String> problems(String text) {
    try {
      toml(text);
    } catch (ConfigException e) {
      assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
      assertThat(e.source()).isEqualTo("config.toml");
      return e.problems();
    }
    throw new AssertionError("no ConfigException for:\n" + text);
  }

  static String resource(String name) throws IOException {
    try (InputStream in = TomlConfigTest.class.getResourceAsStream("/config/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void a_named_section_inherits_every_key_it_does_not_set_from_the_base() {
    LlmConfigSet set = toml("""
        [llm]
        model = "acme/acme-large"
        api_key = "k-base"
        num_retries = 2
        temperature = 0.3

        [llm.cheap]
        model = "acme/acme-mini"
        temperature = 0.9
        """);

    assertThat(set.names()).containsExactly("cheap");
    assertThat(set.base()).isEqualTo(LlmConfig.builder().model("acme/acme-large").apiKey("k-base").numRetries(2)
        .temperature(0.3).build());
    assertThat(set.named("cheap")).isEqualTo(LlmConfig.builder().model("acme/acme-mini").apiKey("k-base").numRetries(2)
        .temperature(0.9).build());
  }

  @Test
  void the_store_table_gives_the_shared_store_settings_without_showing_the_password() {
    LlmConfigSet set = toml("""
        [llm]
        model = "acme-large"

        [store]
        type = "redis"
        uri = "redis://cache:6379"
        keyPrefix = "team-a:"
        commandTimeout = "250ms"
        password = "STORE-SECRET-42"
        failPolicy = "FAIL_OPEN"
        """);

    dev.llmkit.core.store.StoreSettings store = set.sharedStore().orElseThrow();
    assertThat(store.type()).isEqualTo("redis");
    assertThat(store.uri().toString()).isEqualTo("redis://cache:6379");
    assertThat(store.keyPrefix()).isEqualTo("team-a:");
    assertThat(store.commandTimeout()).isEqualTo(java.time.Duration.ofMillis(250));
    assertThat(store.failPolicy()).isEqualTo(dev.llmkit.core.store.FailPolicy.FAIL_OPEN);
    assertThat(store.password()).isNotNull();
    assertThat(store.toString() + set).doesNotContain("STORE-SECRET-42");
    assertThat(toml("[llm]\nmodel = \"acme-large\"\n").sharedStore()).isEmpty();
  }

  @Test
  void the_metrics_table_gives_the_reporters_and_a_wrong_one_names_the_table() {
    LlmConfigSet set = toml("""
        [llm]
        model = "acme-large"

        [metrics]
        reporters = "slf4j,jmx"
        report_interval = "30"
        """);

    assertThat(set.metricsReporting().orElseThrow().reporters())
        .containsExactlyInAnyOrder(dev.llmkit.core.metrics.MetricsReporting.Reporter.SLF4J,
            dev.llmkit.core.metrics.MetricsReporting.Reporter.JMX);
    assertThat(set.metricsReporting().orElseThrow().interval()).isEqualTo(java.time.Duration.ofSeconds(30));
    assertThatThrownBy(() -> toml("""
        [llm]
        model = "acme-large"

        [metrics]
        reporters = "graphite"
        """))
        .isInstanceOf(ConfigException.class).hasMessageContaining("[metrics]").hasMessageContaining("graphite");
  }

  @Test
  void a_nested_store_table_is_a_per_store_fail_policy_and_a_missing_uri_names_the_table() {
    LlmConfigSet set = toml("""
        [llm]
        model = "acme-large"

        [store]
        type = "redis"
        uri = "redis://cache:6379"

        [store.failPolicy]
        budget = "FAIL_CLOSED"
        """);

    assertThat(set.sharedStore().orElseThrow().failPolicy(dev.llmkit.core.store.SharedStoreKind.BUDGET))
        .isEqualTo(dev.llmkit.core.store.FailPolicy.FAIL_CLOSED);
    assertThatThrownBy(() -> toml("""
        [llm]
        model = "acme-large"

        [store]
        type = "redis"
        """))
        .isInstanceOf(ConfigException.class).hasMessageContaining("[store]").hasMessageContaining("uri");
  }

  @Test
  void the_prompt_cache_policy_is_read_by_name_and_a_wrong_one_lists_the_choices() {
    LlmConfigSet set = toml("""
        [llm]
        model = "acme-large"
        prompt_cache_policy = "system_and_tools"

        [llm.chat]
        caching_prompt = false
        """);

    assertThat(set.base().promptCachePolicy()).isEqualTo(dev.llmkit.api.PromptCachePolicy.SYSTEM_AND_TOOLS);
    assertThat(set.named("chat").promptCachePolicy()).isEqualTo(dev.llmkit.api.PromptCachePolicy.NONE);
    assertThatThrownBy(() -> toml("""
        [llm]
        model = "acme-large"
        prompt_cache_policy = "everything"
        """))
        .hasMessageContaining("prompt_cache_policy").hasMessageContaining("system_and_tools");
  }

  @Test
  void an_empty_key_or_zero_tokens_in_a_named_section_clears_the_base_value() {
    LlmConfigSet set = toml("""
        [llm]
        model = "acme-large"
        api_key = "k-base"
        max_output_tokens = 4096

        [llm.own_key]
        api_key = ""
        max_output_tokens = 0
        """);

    assertThat(set.base().apiKey()).isEqualTo(Secret.of("k-base"));
    assertThat(set.named("own_key").apiKey()).as("the provider's variable applies").isNull();
    assertThat(set.named("own_key").maxOutputTokens()).isNull();
  }

  @Test
  void table_valued_keys_are_values_not_named_sections() {
    LlmConfigSet set = toml("""
        [llm]
        model = "acme-large"
        completion_kwargs = { store = true, metadata = { team = "search" } }
        extra_headers = { "X-Team" = "search" }

        [llm.other]
        extra_headers = { "X-Team" = "ads" }
        """);

    assertThat(set.names()).containsExactly("other");
    assertThat(set.base().extraParams()).isEqualTo(Map.of("store", true, "metadata", Map.of("team", "search")));
    assertThat(set.base().extraHeaders()).isEqualTo(Map.of("X-Team", "search"));
    assertThat(set.named("other").extraHeaders()).isEqualTo(Map.of("X-Team", "ads"));
  }

  @Test
  void the_openhands_sample_config_is_read_and_its_other_sections_are_left_alone() throws IOException {
    LlmConfigSet set = toml(resource("openhands-config.toml"));

    LlmConfig base = set.base();
    assertThat(base.model()).isEqualTo("acme/acme-large");
    assertThat(base.apiKey()).as("an empty api_key is unset").isNull();
    assertThat(base.maxInputTokens()).as("0 is the model's own").isNull();
    assertThat(base.maxMessageChars()).isEqualTo(10_000);
    assertThat(base.numRetries()).isEqualTo(8);
    assertThat(base.retryMinWait()).isEqualTo(Duration.ofSeconds(15));
    assertThat(base.retryMaxWait()).isEqualTo(Duration.ofSeconds(120));
    assertThat(base.retryMultiplier()).isEqualTo(2.0);
    assertThat(base.timeout()).as("timeout 0 is none").isNull();
    assertThat(base.dropParams()).isFalse();
    assertThat(base.disableVision()).isTrue();
    assertThat(base.safetySettings()).hasSize(2)
        .first().isEqualTo(Map.of("category", "HARM_CATEGORY_HARASSMENT", "threshold", "BLOCK_NONE"));
    assertThat(set.names()).containsExactly("draft_editor", "gpt4o-mini", "secondary_model");
    assertThat(set.named("draft_editor")).as("correct_num is OpenHands' own").isEqualTo(base);
    assertThat(set.named("gpt4o-mini").model()).isEqualTo("acme/acme-mini");
    assertThat(set.named("secondary_model").maxInputTokens()).isEqualTo(128_000);
    assertThat(set.named("secondary_model").numRetries()).isEqualTo(8);
  }

  @Test
  void an_unknown_key_names_the_key_the_section_and_the_closest_known_key() {
    assertThat(problems("""
        [llm]
        model = "acme-large"
        [llm.fast]
        temprature = 0.2
        """)).containsExactly("unknown key 'temprature' in [llm.fast]; did you mean 'temperature'?");
    assertThat(problems("""
        [llm]
        model = "acme-large"
        max_tokens = 10
        """)).containsExactly("unknown key 'max_tokens' in [llm]; did you mean 'max_output_tokens'?");
  }

  @Test
  void all_problems_of_a_file_come_in_one_message_as_the_readme_shows_it() {
    assertThatThrownBy(() -> toml("""
        [llm]
        model = "acme-large"
        timeout = "long"
        [llm.fast]
        temprature = 0.2
        """)).hasMessage("invalid configuration in config.toml (2 problems): key 'timeout' in [llm] must be a number of"
            + " seconds such as 30 or 0.5, was a string; unknown key 'temprature' in [llm.fast]; did you mean 'temperature'?");
  }

  @Test
  void an_unknown_key_unlike_any_known_one_lists_the_known_keys() {
    assertThat(problems("""
        [llm]
        model = "acme-large"
        colour_scheme = "dark"
        """)).singleElement().asString()
        .startsWith("unknown key 'colour_scheme' in [llm]; the known keys are [api_key, api_version, aws_access_key_id,")
        .contains("for_routing", "top_p");
  }

  @Test
  void a_wrong_type_names_the_key_the_section_and_the_expected_type() {
    assertThat(problems("""
        [llm]
        model = "acme-large"
        num_retries = "three"
        timeout = true

        [llm.fast]
        temperature = "hot"
        native_tool_calling = "yes"
        safety_settings = { category = "x" }
        for_routing = 1
        """)).containsExactly(
            "key 'num_retries' in [llm] must be a whole number such as 5, was a string",
            "key 'timeout' in [llm] must be a number of seconds such as 30 or 0.5, was a boolean",
            "key 'temperature' in [llm.fast] must be a number such as 0.7, was a string",
            "key 'native_tool_calling' in [llm.fast] must be true or false, was a string",
            "key 'safety_settings' in [llm.fast] must be an array of tables with string values, e.g. [{ category ="
                + " \"HARM_CATEGORY_HARASSMENT\", threshold = \"BLOCK_NONE\" }] (as JSON in an environment variable),"
                + " was a table",
            "key 'for_routing' in [llm.fast] must be true or false, was a whole number");
  }

  @Test
  void values_out_of_range_are_reported_with_the_toml_key_and_section_when_the_file_is_read() {
    assertThat(problems("""
        [llm]
        model = "acme-large"
        top_p = 1.5
        [llm.slow]
        retry_min_wait = 100
        """)).containsExactly(
            "[llm]: top_p must be in (0, 1], was 1.5",
            "[llm.slow]: top_p must be in (0, 1], was 1.5",
            "[llm.slow]: retry_max_wait (PT1M4S) must not be shorter than retry_min_wait (PT1M40S)");
  }

  @Test
  void a_set_ollama_base_url_is_refused_with_the_key_to_use() {
    assertThat(problems("""
        [llm]
        model = "ollama/llama3.1"
        ollama_base_url = "http://localhost:11434"
        """)).containsExactly("key 'ollama_base_url' in [llm] is not read by llmkit: set base_url (with a model such as"
            + " \"ollama/llama3.1\") instead");
  }

  @Test
  void a_base_without_a_model_only_fails_when_asked_for() {
    LlmConfigSet set = toml("""
        [llm]
        api_key = "k-shared"
        [llm.gpt]
        model = "acme-large"
        """);

    assertThat(set.named("gpt").apiKey()).isEqualTo(Secret.of("k-shared"));
    assertThatThrownBy(set::base).isInstanceOf(ConfigException.class)
        .hasMessage("invalid configuration in config.toml: [llm]: no model is set: set model, e.g. \"openai/gpt-4o\""
            + " or \"anthropic/claude-sonnet-4-5\"");
  }

  @Test
  void an_unknown_name_lists_the_named_configs() {
    LlmConfigSet set = toml("""
        [llm]
        model = "acme-large"
        [llm.a]
        [llm.b]
        """);

    assertThatThrownBy(() -> set.named("c")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("there is no [llm.c] section; the named configs are [a, b]");
  }

  @Test
  void a_file_without_llm_sections_has_a_base_without_model() {
    LlmConfigSet set = toml("[core]\nmax_iterations = 3\n");

    assertThat(set.names()).isEmpty();
    assertThat(set.routing()).isEmpty();
    assertThatThrownBy(set::base).isInstanceOf(ConfigException.class).hasMessageContaining("no model is set");
  }

  @Test
  void invalid_toml_gives_the_position() {
    assertThat(problems("[llm]\nmodel = \"acme-large\"\ntemperature = = 3\n")).singleElement().asString()
        .startsWith("the file is not valid TOML at line 3");
  }

  @Test
  void a_file_is_read_from_a_path_and_a_missing_one_is_named(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("config.toml");
    Files.writeString(file, "[llm]\nmodel = \"acme-large\"\n");

    assertThat(LlmConfigs.fromToml(file).base().model()).isEqualTo("acme-large");
    assertThat(LlmConfigs.fromToml(file).source()).isEqualTo(file.toString());
    assertThatThrownBy(() -> LlmConfigs.fromToml(dir.resolve("missing.toml")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("invalid configuration in " + dir.resolve("missing.toml") + ": the file does not exist");
  }

  @Test
  void the_environment_overrides_the_file_base_and_named_sections_keep_the_file_values() {
    LlmConfigSet set = toml("""
        [llm]
        model = "acme-large"
        temperature = 0.1
        [llm.fast]
        model = "acme-mini"
        """).withEnv(Map.of("LLM_TEMPERATURE", "0.7", "LLM_API_KEY", "k-env"), ACME);

    assertThat(set.base().temperature()).isEqualTo(0.7);
    assertThat(set.base().apiKey()).isEqualTo(Secret.of("k-env"));
    assertThat(set.named("fast").temperature()).isEqualTo(0.1);
    assertThat(set.named("fast").apiKey()).isNull();
  }

  @Test
  void an_empty_variable_keeps_the_file_value_and_a_zero_token_limit_clears_it() {
    LlmConfigSet set = toml("[llm]\nmodel = \"acme-large\"\nmax_output_tokens = 100\ntemperature = 0.4\n")
        .withEnv(Map.of("LLM_TEMPERATURE", "", "LLM_MAX_OUTPUT_TOKENS", "0"), ACME);

    assertThat(set.base().temperature()).isEqualTo(0.4);
    assertThat(set.base().maxOutputTokens()).isNull();
  }

  @Test
  void the_base_takes_its_providers_key_variable_when_neither_source_sets_a_key() {
    LlmConfigSet set = toml("[llm]\nmodel = \"acme-large\"\n").withEnv(Map.of(KeyedProviderFactory.KEY_VAR, "k-acme"), ACME);

    assertThat(set.base().apiKey()).isEqualTo(Secret.of("k-acme"));
  }

  @Test
  void code_overrides_both_through_the_builder() {
    LlmConfig config = toml("[llm]\nmodel = \"acme-large\"\nmax_output_tokens = 100\n")
        .withEnv(Map.of("LLM_MAX_OUTPUT_TOKENS", "200"), ACME)
        .base().toBuilder().maxOutputTokens(300).build();

    assertThat(config.maxOutputTokens()).isEqualTo(300);
  }
}
