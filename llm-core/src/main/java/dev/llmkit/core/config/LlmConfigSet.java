package dev.llmkit.core.config;

import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.RoutingConfig;
import dev.llmkit.core.PluginRegistry;
import dev.llmkit.core.metrics.MetricsReporting;
import dev.llmkit.core.store.StoreSettings;
import dev.llmkit.core.config.TomlSections.Section;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The model configs of one {@code config.toml}: the base {@code [llm]} section, the named
 * {@code [llm.<name>]} sections (each the base with its own keys on top) and the routing of
 * {@code [model_routing]}. Every section was checked when the file was read; a section that sets no
 * model (nor inherits one) fails only when asked for. Immutable and thread-safe.
 *
 * <pre>{@code
 * LlmConfigSet file = LlmConfigs.fromToml(Path.of("config.toml"));
 * Llm agent = Llms.create(file.base());
 * Llm condenser = Llms.create(file.named("condenser"));
 * Optional<RoutingConfig> routing = file.routing();       // [model_routing] with a router other than noop
 * }</pre>
 */
public final class LlmConfigSet {
  /** The candidate name of the base {@code [llm]} config in a routing, as OpenHands calls it. */
  public static final String PRIMARY = "primary";

  private final String source;
  private final Settings base;
  private final Settings env;
  private final Map<String, Section> named;
  private final @Nullable Boolean baseForRouting;
  private final @Nullable RoutingSection routing;
  private final @Nullable StoreSettings store;
  private final MetricsReporting.@Nullable Settings metrics;
  private final UnaryOperator<LlmConfig> finishBase;

  LlmConfigSet(String source, Section base, Settings env, Map<String, Section> named, @Nullable RoutingSection routing,
      @Nullable StoreSettings store, MetricsReporting.@Nullable Settings metrics, UnaryOperator<LlmConfig> finishBase) {
    this.source = source;
    this.base = base.settings();
    this.env = env;
    this.baseForRouting = base.forRouting();
    this.named = Collections.unmodifiableMap(new LinkedHashMap<>(named));
    this.routing = routing;
    this.store = store;
    this.metrics = metrics;
    this.finishBase = finishBase;
    check();
  }

  /** The file's name, as errors give it. */
  public String source() {
    return source;
  }

  /** The base {@code [llm]} config; a {@link ConfigException} when the section sets no model. */
  public LlmConfig base() {
    return finishBase.apply(base.overlay(env).toConfig(source, "[" + TomlSections.BASE + "]", ConfigKey::name));
  }

  /**
   * The {@code [llm.<name>]} config: the base's keys with the section's own on top. An unknown name is a
   * {@link ConfigException} listing the names there are.
   */
  public LlmConfig named(String name) {
    Section section = named.get(Objects.requireNonNull(name, "name"));
    if (section == null) {
      throw new ConfigException(source, List.of("there is no [" + TomlSections.BASE + "." + name + "] section; the named"
          + " configs are " + named.keySet()));
    }
    return base.overlay(section.settings()).toConfig(source, sectionName(name), ConfigKey::name);
  }

  /** The names of the {@code [llm.<name>]} sections, in file order. */
  public List<String> names() {
    return List.copyOf(named.keySet());
  }

  /**
   * The routed model of {@code [model_routing]}, as OpenHands builds it: the base config is the
   * candidate {@value #PRIMARY}, followed by every named section marked {@code for_routing = true}, in
   * file order. Empty when the file has no such section or its {@code router_name} is
   * {@code noop_router}.
   */
  public Optional<RoutingConfig> routing() {
    if (routing == null || routing.router() == null) {
      return Optional.empty();
    }
    RoutingConfig.Builder builder = RoutingConfig.builder(routing.router()).candidate(PRIMARY, base());
    for (String name : routingNames()) {
      builder.candidate(name, named(name));
    }
    return Optional.of(builder.settings(routing.settings()).build());
  }

  /**
   * The shared store of the file's {@code [store]} table, for {@code SharedStores.open(...)}: {@code type}
   * and {@code uri}, then the settings {@link StoreSettings#fromMap} reads (checked when the file was read).
   */
  public Optional<StoreSettings> sharedStore() {
    return Optional.ofNullable(store);
  }

  /**
   * The metrics reporters of the file's {@code [metrics]} table ({@code reporters}, {@code report_interval},
   * {@code csv_folder}, {@code logger}), for {@code MetricsReporting.start(registry, settings)}.
   */
  public Optional<MetricsReporting.Settings> metricsReporting() {
    return Optional.ofNullable(metrics);
  }

  /** {@link #routing()}, or a {@link ConfigException} saying the file routes nothing. */
  public RoutingConfig requireRouting() {
    return routing().orElseThrow(() -> new ConfigException(source, List.of("there is no [" + TomlSections.ROUTING
        + "] section with a router_name other than noop_router; add one, e.g. router_name = \"multimodal_router\"")));
  }

  /**
   * This set with {@code LLM_*} variables of {@code env} over the base config, as OpenHands applies the
   * environment after the file (named sections keep what the file gave them), and the base's key filled
   * from its provider's usual variable ({@code OPENAI_API_KEY}, ...) when neither source set one.
   */
  public LlmConfigSet withEnv(Map<String, String> env, PluginRegistry registry) {
    Settings fromEnv = EnvSettings.read(env);
    Map<String, String> copy = Map.copyOf(env);
    UnaryOperator<LlmConfig> finish = c -> ProviderKeys.fill(finishBase.apply(c), copy, registry);
    return new LlmConfigSet(source, new Section(base, baseForRouting), this.env.overlay(fromEnv), named, routing, store,
        metrics, finish);
  }

  private List<String> routingNames() {
    List<String> names = new ArrayList<>();
    named.forEach((name, section) -> {
      Boolean own = section.forRouting();
      if (Boolean.TRUE.equals(own != null ? own : baseForRouting)) {
        names.add(name);
      }
    });
    return names;
  }

  /** Checks every section now, so that a bad file fails when it is read, with all its problems. */
  private void check() {
    List<String> problems = new ArrayList<>();
    ConfigKey model = ConfigKeys.byName("model").orElseThrow();
    collect(problems, base.overlay(env), "[" + TomlSections.BASE + "]", model);
    named.forEach((name, section) -> collect(problems, base.overlay(section.settings()), sectionName(name), model));
    if (routing != null && routing.router() != null && routingNames().contains(PRIMARY)) {
      problems.add(sectionName(PRIMARY) + " is marked for_routing, but '" + PRIMARY + "' is the routing name of the"
          + " base [llm] config; rename the section");
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems);
    }
  }

  private void collect(List<String> problems, Settings settings, String where, ConfigKey model) {
    // A section without a model is legal until it is used (the base may only hold shared defaults).
    Settings checked = settings.has(model) ? settings : settings.with(model, "placeholder/model");
    try {
      checked.toConfig(source, where, ConfigKey::name);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
  }

  private static String sectionName(String name) {
    return "[" + TomlSections.BASE + "." + name + "]";
  }

  @Override
  public String toString() {
    return "LlmConfigSet[" + source + ", named=" + named.keySet()
        + (routing == null || routing.router() == null ? "" : ", router=" + routing.router()) + "]";
  }
}
