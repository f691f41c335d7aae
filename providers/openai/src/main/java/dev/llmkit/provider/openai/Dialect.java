package dev.llmkit.provider.openai;

import dev.llmkit.api.ReasoningEffort;
import dev.llmkit.spi.ProviderDescriptor;
import dev.llmkit.spi.ProviderDescriptor.Capability;
import dev.llmkit.spi.ProviderDescriptor.Setting;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How one OpenAI-compatible server differs from OpenAI: where it lives, how it authenticates, which
 * field names it wants and which model knowledge applies. Everything else is shared.
 *
 * @param maxTokensField {@code max_completion_tokens} (OpenAI) or {@code max_tokens} (servers that
 *     only know the legacy name)
 * @param seedField {@code seed}, or {@code random_seed} for Mistral
 * @param streamUsage whether to ask for the usage chunk with {@code stream_options}; servers that
 *     reject unknown fields (Mistral) send usage anyway
 * @param developerRole send system prompts as {@code developer} to o-series reasoning models
 * @param topK whether the server takes a {@code top_k} sampling field
 * @param inlineImagesOnly images must be {@code data:} URLs (Ollama rejects remote URLs)
 * @param reasoningReplay which of an assistant turn's reasoning the server takes back on the next turn
 * @param efforts the reasoning efforts the server's {@code reasoning_effort} takes (OpenAI's whole
 *     scale by default); another is sent as the nearest of these ({@link #effortOnScale})
 */
record Dialect(
    String id,
    String displayName,
    @Nullable String defaultBaseUrl,
    List<String> apiKeyEnvVars,
    boolean requiresApiKey,
    List<String> modelPatterns,
    Set<Capability> capabilities,
    Style style,
    String maxTokensField,
    String seedField,
    boolean streamUsage,
    boolean developerRole,
    ReasoningStyle reasoningStyle,
    boolean topK,
    boolean inlineImagesOnly,
    ModelCatalog.Family family,
    ReasoningReplay reasoningReplay,
    Set<ReasoningEffort> efforts) {

  Dialect {
    Objects.requireNonNull(id, "id");
    efforts = Collections.unmodifiableSet(EnumSet.copyOf(efforts));
    apiKeyEnvVars = List.copyOf(apiKeyEnvVars);
    modelPatterns = List.copyOf(modelPatterns);
    capabilities = Set.copyOf(capabilities);
  }

  static Builder builder(String id) {
    return new Builder(id);
  }

  ProviderDescriptor descriptor() {
    return ProviderDescriptor.builder(id)
        .displayName(displayName)
        .modelPatterns(modelPatterns.toArray(String[]::new))
        .capabilities(capabilities.toArray(Capability[]::new))
        .defaultBaseUrl(defaultBaseUrl)
        .apiKeyEnvVars(apiKeyEnvVars.toArray(String[]::new))
        .requiresApiKey(requiresApiKey)
        .settings(style.settings())
        .unknownModelFeatures(family.unknownModelFeatures())
        .build();
  }

  /**
   * {@code effort} if the server takes it, else the nearest it takes below it, else (for
   * {@code minimal} on a scale that starts at {@code low}) the lowest it takes above {@code none}: a
   * server answers a value off its scale with a 400, and less reasoning than asked is the safer error.
   */
  ReasoningEffort effortOnScale(ReasoningEffort effort) {
    if (efforts.contains(effort)) {
      return effort;
    }
    ReasoningEffort[] all = ReasoningEffort.values();
    for (int i = effort.ordinal() - 1; i > 0; i--) {
      if (efforts.contains(all[i])) {
        return all[i];
      }
    }
    for (int i = effort.ordinal() + 1; i < all.length; i++) {
      if (efforts.contains(all[i])) {
        return all[i];
      }
    }
    return effort;
  }

  /** The URL and auth scheme, and so the provider-specific config settings the provider reads. */
  enum Style {
    /** {@code {base}/chat/completions}, {@code Authorization: Bearer}. */
    OPENAI,
    /** Azure deployments URL with {@code api-version}, or Azure's {@code /openai/v1}; header {@code api-key}. */
    AZURE(Setting.API_VERSION),
    /** Like OPENAI, plus OpenRouter's attribution headers. */
    OPENROUTER(Setting.OPENROUTER_HEADERS);

    // Declared here because Endpoint and OpenAiChatProvider read these settings by style.
    private final Setting[] settings;

    Style(Setting... settings) {
      this.settings = settings;
    }

    Setting[] settings() {
      return settings.clone();
    }
  }

  /** How a reasoning effort is spelled on the wire. */
  enum ReasoningStyle {
    /** {@code "reasoning_effort": "high"}. */
    TOP_LEVEL,
    /** OpenRouter's {@code "reasoning": {"effort": "high"}}. */
    OBJECT
  }

  /**
   * What of an assistant turn's reasoning goes back to the server on the next turn. Chat Completions has
   * no reasoning field of its own, so each server documents its own; one that takes none gets none, as an
   * unknown field may be rejected.
   */
  enum ReasoningReplay {
    /** Nothing: the server neither needs nor documents it (OpenAI keeps reasoning server-side). */
    NONE,
    /**
     * {@code reasoning_content} on assistant messages that call tools (DeepSeek's thinking mode: required
     * there, a 400 without it; ignored on other turns, and rejected by the older deepseek-reasoner, so
     * not sent on them).
     */
    REASONING_CONTENT_WITH_TOOL_CALLS,
    /** {@code reasoning_details} as received (OpenRouter, to continue reasoning across tool calls). */
    REASONING_DETAILS
  }

  /** Builds a {@link Dialect}; the defaults are OpenAI's. */
  static final class Builder {
    private final String id;
    private String displayName;
    private @Nullable String defaultBaseUrl;
    private final List<String> apiKeyEnvVars = new ArrayList<>();
    private boolean requiresApiKey = true;
    private final List<String> modelPatterns = new ArrayList<>();
    private final Set<Capability> capabilities =
        EnumSet.of(Capability.STREAMING, Capability.TOOLS, Capability.PARALLEL_TOOL_CALLS, Capability.RESPONSE_FORMAT);
    private Style style = Style.OPENAI;
    private String maxTokensField = "max_completion_tokens";
    private String seedField = "seed";
    private boolean streamUsage = true;
    private boolean developerRole;
    private ReasoningStyle reasoningStyle = ReasoningStyle.TOP_LEVEL;
    private boolean topK;
    private boolean inlineImagesOnly;
    private ModelCatalog.Family family = ModelCatalog.Family.OPEN_WEIGHTS;
    private ReasoningReplay reasoningReplay = ReasoningReplay.NONE;
    private Set<ReasoningEffort> efforts = EnumSet.allOf(ReasoningEffort.class);

    private Builder(String id) {
      this.id = id;
      this.displayName = id;
    }

    Builder displayName(String value) { displayName = value; return this; }
    Builder defaultBaseUrl(@Nullable String value) { defaultBaseUrl = value; return this; }
    Builder apiKeyEnvVars(String... names) { apiKeyEnvVars.addAll(List.of(names)); return this; }
    Builder optionalApiKey() { requiresApiKey = false; return this; }
    Builder modelPatterns(String... patterns) { modelPatterns.addAll(List.of(patterns)); return this; }
    Builder capabilities(Capability... more) { capabilities.addAll(List.of(more)); return this; }
    Builder style(Style value) { style = value; return this; }
    Builder legacyMaxTokens() { maxTokensField = "max_tokens"; return this; }
    Builder seedField(String value) { seedField = value; return this; }
    Builder noStreamUsageOption() { streamUsage = false; return this; }
    Builder developerRole() { developerRole = true; return this; }
    Builder reasoningStyle(ReasoningStyle value) { reasoningStyle = value; return this; }
    Builder topK() { topK = true; return this; }
    Builder inlineImagesOnly() { inlineImagesOnly = true; return this; }
    Builder family(ModelCatalog.Family value) { family = value; return this; }
    Builder reasoningReplay(ReasoningReplay value) { reasoningReplay = value; return this; }
    Builder efforts(ReasoningEffort... values) { efforts = EnumSet.copyOf(List.of(values)); return this; }

    Dialect build() {
      return new Dialect(id, displayName, defaultBaseUrl, apiKeyEnvVars, requiresApiKey, modelPatterns, capabilities,
          style, maxTokensField, seedField, streamUsage, developerRole, reasoningStyle, topK, inlineImagesOnly, family,
          reasoningReplay, efforts);
    }
  }
}
