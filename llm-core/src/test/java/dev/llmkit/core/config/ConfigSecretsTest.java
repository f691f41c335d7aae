package dev.llmkit.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.core.LlmRegistry;
import dev.llmkit.core.Llms;
import dev.llmkit.core.PluginRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Key hunt: a fake key put everywhere a key can go must not come out of any error or toString. */
class ConfigSecretsTest {
  private static final String KEY = "sk-hunt-7f3a9c2e1b";
  private static final PluginRegistry ACME = PluginRegistry.of(List.of(new KeyedProviderFactory()), List.of());

  private final List<String> seen = new ArrayList<>();

  /** Runs {@code action}, which must fail, and keeps its message, toString and whole stack trace text. */
  private void failing(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      seen.add(e.getMessage());
      seen.add(e.toString());
      seen.add(trace.toString());
      return;
    }
    throw new AssertionError("expected a failure");
  }

  private void shown(Supplier<Object> value) {
    seen.add(String.valueOf(value.get()));
  }

  @Test
  void a_key_never_appears_in_errors_or_to_strings() {
    // Environment: a key alongside bad values, as a bad value, in headers, and a provider key with a line break.
    Map<String, String> env = new HashMap<>(Map.of("LLM_MODEL", "acme-small", "LLM_API_KEY", KEY, "LLM_TIMEOUT", "x"));
    failing(() -> LlmConfigs.fromEnv(env, ACME));
    failing(() -> LlmConfigs.fromEnv(Map.of("LLM_MODEL", "acme-small", "LLM_EXTRA_HEADERS", "{\"Authorization\": " + KEY + "}"), ACME));
    failing(() -> LlmConfigs.fromEnv(Map.of("LLM_MODEL", "acme-small", "LLM_EXTRA_HEADERS", "{\"Authorization\": 1, \"k\": \"" + KEY + "\"}"), ACME));
    failing(() -> LlmConfigs.fromEnv(Map.of("LLM_MODEL", "acme-small", KeyedProviderFactory.KEY_VAR, KEY + "\nx"), ACME));
    failing(() -> LlmConfigs.fromEnv(Map.of("LLM_MODEL", "acme-small", "LLM_API_KEY", KEY,
        "LLM_BASE_URL", "https://user:" + KEY + "@host:99999/v1?key=" + KEY), ACME));
    failing(() -> LlmConfigs.fromEnv(Map.of("LLM_API_KEY", KEY), ACME));
    shown(() -> LlmConfigs.fromEnv(Map.of("LLM_MODEL", "acme-small", KeyedProviderFactory.KEY_VAR, KEY), ACME));

    // TOML: a key next to errors, a key of the wrong type, a broken line holding a key, secrets in every secret key.
    failing(() -> LlmConfigs.fromToml("[llm]\nmodel = \"acme-small\"\napi_key = \"" + KEY + "\"\ntemprature = 1\n", "c.toml"));
    failing(() -> LlmConfigs.fromToml("[llm]\nmodel = \"acme-small\"\napi_key = [\"" + KEY + "\"]\n", "c.toml"));
    failing(() -> LlmConfigs.fromToml("[llm]\nmodel = \"acme-small\"\napi_key = \"" + KEY + "\" \"oops\n", "c.toml"));
    failing(() -> LlmConfigs.fromToml("[llm]\napi_key = " + KEY + "\n", "c.toml"));
    failing(() -> LlmConfigs.fromToml("[llm]\nmodel = \"acme-small\"\nextra_headers = { Authorization = 7, X = \"" + KEY
        + "\" }\n", "c.toml"));
    failing(() -> LlmConfigs.fromToml("[llm]\nmodel = \"acme-small\"\naws_secret_access_key = \"" + KEY
        + "\"\ntop_p = 9\n", "c.toml"));
    LlmConfigSet set = LlmConfigs.fromToml("[llm]\nmodel = \"acme-small\"\napi_key = \"" + KEY + "\"\naws_access_key_id = \""
        + KEY + "\"\nextra_headers = { Authorization = \"Bearer " + KEY + "\" }\n[llm.b]\nfor_routing = true\n"
        + "[model_routing]\nrouter_name = \"multimodal_router\"\n", "c.toml");
    shown(set::toString);
    shown(set::base);
    shown(() -> set.named("b"));
    shown(() -> set.routing().orElseThrow());
    failing(() -> set.named("missing"));

    // Registry: a conflict over the key, and the registry itself.
    PluginRegistry plugins = PluginRegistry.of(List.of(new KeyedProviderFactory()), List.of());
    LlmRegistry registry = new LlmRegistry(c -> Llms.builder().config(c).registry(plugins).env(Map.of()).build());
    LlmConfig withKey = LlmConfig.builder().model("acme-small").apiKey(KEY).build();
    Llm llm = registry.get("agent", withKey);
    failing(() -> registry.get("agent", withKey.toBuilder().apiKey(KEY + "2").build()));
    shown(registry::toString);
    shown(llm::toString);
    registry.close();

    assertThat(seen).hasSizeGreaterThan(20).allSatisfy(text -> assertThat(text).doesNotContain(KEY));
  }
}
