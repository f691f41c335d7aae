package dev.llmkit.core.config;

import dev.llmkit.api.LlmConfig;
import dev.llmkit.core.PluginRegistry;
import dev.llmkit.core.config.TomlSections.Parsed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * {@link LlmConfig}s from outside the code, in OpenHands' spellings: from {@code LLM_<KEY>} environment
 * variables ({@code LLM_MODEL}, {@code LLM_API_KEY}, {@code LLM_BASE_URL}, {@code LLM_TIMEOUT}, ...; the
 * keys are those of {@link ConfigKeys}) and from a {@code config.toml} whose {@code [llm]},
 * {@code [llm.<name>]} and {@code [model_routing]} sections read as OpenHands reads them.
 *
 * <p>Precedence, as in OpenHands: code over the environment over the file. {@link #load} applies the
 * environment's {@code LLM_*} variables over the file's base {@code [llm]} section (named sections keep
 * what the file gave them); code then changes any config with {@link LlmConfig#toBuilder()}. A missing
 * API key is taken from the provider's usual variable ({@code OPENAI_API_KEY}, {@code ANTHROPIC_API_KEY},
 * ...), as the provider itself would.
 *
 * <pre>{@code
 * LlmConfig fromEnv = LlmConfigs.fromEnv();                                   // LLM_MODEL=openai/gpt-4o ...
 * LlmConfigSet file = LlmConfigs.load(Path.of("config.toml"), System.getenv()); // file, then environment
 * Llm llm = Llms.create(file.base().toBuilder().maxOutputTokens(2048).build()); // then code
 * }</pre>
 *
 * Every problem of a source is reported at once as a {@link ConfigException} naming the variable, or the
 * key and its section, and the expected form; secrets are never shown.
 */
public final class LlmConfigs {
  private LlmConfigs() {}

  /** The config of the process's environment, with the installed providers' key variables. */
  public static LlmConfig fromEnv() {
    return fromEnv(System.getenv(), PluginRegistry.discover());
  }

  /** The config of {@code env} (tests pass a map), with the installed providers' key variables. */
  public static LlmConfig fromEnv(Map<String, String> env) {
    return fromEnv(env, PluginRegistry.discover());
  }

  /**
   * The config of the {@code LLM_*} variables of {@code env}; {@code LLM_MODEL} is required. Without
   * {@code LLM_API_KEY}, the key comes from the variables the model's provider in {@code registry}
   * declares ({@code OPENAI_API_KEY}, {@code AZURE_API_KEY} or {@code AZURE_OPENAI_API_KEY}, ...).
   */
  public static LlmConfig fromEnv(Map<String, String> env, PluginRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    LlmConfig config = EnvSettings.read(env).toConfig(EnvSettings.SOURCE, "", ConfigKey::envVar);
    return ProviderKeys.fill(config, env, registry);
  }

  /** The model configs of a TOML file, which must exist. */
  public static LlmConfigSet fromToml(Path file) {
    String source = file.toString();
    try {
      return fromToml(Files.readString(file, StandardCharsets.UTF_8), source);
    } catch (NoSuchFileException e) {
      throw new ConfigException(source, List.of("the file does not exist"));
    } catch (IOException e) {
      throw new ConfigException(source, List.of("the file cannot be read: " + e.getClass().getSimpleName()));
    }
  }

  /** The model configs of TOML text; {@code source} names it in errors (e.g. a resource name). */
  public static LlmConfigSet fromToml(String toml, String source) {
    Parsed parsed = TomlSections.parse(toml, source);
    return new LlmConfigSet(source, parsed.base(), Settings.NONE, parsed.named(),
        RoutingSection.read(parsed.routing(), source).orElse(null), SettingsTables.store(parsed.store(), source),
        SettingsTables.metrics(parsed.metrics(), source), UnaryOperator.identity());
  }

  /**
   * The file's configs with the environment over its base section (see the class comment), providers
   * discovered on the class path.
   */
  public static LlmConfigSet load(Path file, Map<String, String> env) {
    return fromToml(file).withEnv(env, PluginRegistry.discover());
  }
}
