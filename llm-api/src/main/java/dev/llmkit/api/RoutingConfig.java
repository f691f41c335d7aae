package dev.llmkit.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A routed model: the router's id, the named candidates it chooses among (each a full
 * {@link LlmConfig}, in order of preference) and the router's settings (string keys and values, as
 * they come from TOML; the router validates them and rejects keys it does not read).
 *
 * <pre>{@code
 * RoutingConfig routing = RoutingConfig.builder("fallback")
 *     .candidate("primary", LlmConfig.of("anthropic/claude-sonnet-4-5"))
 *     .candidate("secondary", LlmConfig.of("openai/gpt-4o"))
 *     .setting("context_window_fallbacks", "secondary")
 *     .build();
 * Llm llm = LlmRouting.create(routing);
 * }</pre>
 *
 * @param router the router id ({@code fallback}, {@code multimodal}, {@code balancing}, or a plugin's)
 * @param candidates candidate name to config, in the user's order; never empty
 * @param settings the router's settings
 */
public record RoutingConfig(String router, Map<String, LlmConfig> candidates, Map<String, String> settings) {

  public RoutingConfig {
    Objects.requireNonNull(router, "router");
    if (router.isBlank()) {
      throw new IllegalArgumentException("router id is blank");
    }
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("a routing config needs at least one candidate");
    }
    Map<String, LlmConfig> ordered = new LinkedHashMap<>();
    candidates.forEach((name, config) -> {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a candidate name is blank");
      }
      ordered.put(name, Objects.requireNonNull(config, name));
    });
    candidates = Collections.unmodifiableMap(ordered);
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  public static Builder builder(String router) {
    return new Builder(router);
  }

  /** The candidate names, in order. */
  public List<String> candidateNames() {
    return List.copyOf(new ArrayList<>(candidates.keySet()));
  }

  public static final class Builder {
    private final String router;
    private final Map<String, LlmConfig> candidates = new LinkedHashMap<>();
    private final Map<String, String> settings = new LinkedHashMap<>();

    private Builder(String router) {
      this.router = Objects.requireNonNull(router, "router");
    }

    /** Adds a candidate; a name given twice is an error. */
    public Builder candidate(String name, LlmConfig config) {
      if (candidates.putIfAbsent(Objects.requireNonNull(name, "name"), Objects.requireNonNull(config, "config")) != null) {
        throw new IllegalArgumentException("candidate '" + name + "' is given twice");
      }
      return this;
    }

    public Builder setting(String key, String value) {
      settings.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder settings(Map<String, String> values) {
      settings.putAll(values);
      return this;
    }

    public RoutingConfig build() {
      return new RoutingConfig(router, candidates, settings);
    }
  }
}
