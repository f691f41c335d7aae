package dev.llmkit.spi;

import dev.llmkit.api.ModelFeature;
import dev.llmkit.api.ModelFeatures;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a provider plugin serves: its id, the bare model names it claims (glob patterns such as
 * {@code gpt-*}), its capabilities, default endpoint, the environment variables it reads its key from
 * and the provider-specific {@link dev.llmkit.api.LlmConfig} settings it reads.
 *
 * <pre>{@code
 * ProviderDescriptor.builder("azure")
 *     .displayName("Azure OpenAI")
 *     .capabilities(Capability.STREAMING, Capability.TOOLS)
 *     .apiKeyEnvVars("AZURE_API_KEY")
 *     .settings(Setting.API_VERSION)
 *     .build();
 * }</pre>
 *
 * @param settings the provider-specific config settings this provider reads; the engine refuses to
 *     build an {@code Llm} whose config sets one its provider would silently ignore
 */
public record ProviderDescriptor(
    String id,
    String displayName,
    List<String> modelPatterns,
    Set<Capability> capabilities,
    @Nullable String defaultBaseUrl,
    List<String> apiKeyEnvVars,
    boolean requiresApiKey,
    Set<Setting> settings) {

  public ProviderDescriptor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    modelPatterns = List.copyOf(modelPatterns);
    capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
    apiKeyEnvVars = List.copyOf(apiKeyEnvVars);
    settings = settings.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(settings));
  }

  /**
   * A descriptor that reads no provider-specific setting: the constructor of plugins compiled before
   * {@link #settings()} existed, kept so that they still link.
   */
  public ProviderDescriptor(String id, String displayName, List<String> modelPatterns, Set<Capability> capabilities,
      @Nullable String defaultBaseUrl, List<String> apiKeyEnvVars, boolean requiresApiKey) {
    this(id, displayName, modelPatterns, capabilities, defaultBaseUrl, apiKeyEnvVars, requiresApiKey, Set.of());
  }

  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** True when a bare model name (no provider prefix) matches one of the patterns, ignoring case. */
  public boolean claims(String modelName) {
    String name = modelName.toLowerCase(Locale.ROOT);
    for (String p : modelPatterns) {
      if (globToRegex(p.toLowerCase(Locale.ROOT)).matcher(name).matches()) {
        return true;
      }
    }
    return false;
  }

  /** Model features implied by the capabilities, for models the provider knows nothing more about. */
  public ModelFeatures defaultFeatures() {
    return new ModelFeatures(
        capabilities.contains(Capability.TOOLS),
        capabilities.contains(Capability.REASONING),
        capabilities.contains(Capability.PROMPT_CACHE),
        true,
        capabilities.contains(Capability.VISION))
        .set(ModelFeature.STRUCTURED_OUTPUT, capabilities.contains(Capability.RESPONSE_FORMAT));
  }

  private static Pattern globToRegex(String glob) {
    StringBuilder sb = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> sb.append(".*");
        case '?' -> sb.append('.');
        default -> sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(sb.toString());
  }

  /** What a provider can do on the wire. */
  public enum Capability {
    STREAMING,
    TOOLS,
    PARALLEL_TOOL_CALLS,
    VISION,
    REASONING,
    PROMPT_CACHE,
    RESPONSE_FORMAT,
    TOKEN_COUNTING
  }

  /**
   * A provider-specific {@link dev.llmkit.api.LlmConfig} setting. A provider declares the ones it reads;
   * setting any other one fails when the {@code Llm} is built instead of being ignored.
   */
  public enum Setting {
    /** {@code apiVersion} (Azure's {@code api-version}, Anthropic's {@code anthropic-version}). */
    API_VERSION,
    /** {@code openrouterSiteUrl} and {@code openrouterAppName}, OpenRouter's attribution headers. */
    OPENROUTER_HEADERS,
    /** {@code awsAccessKeyId}, {@code awsSecretAccessKey} and {@code awsRegionName}. */
    AWS_CREDENTIALS,
    /** {@code safetySettings}, Gemini's content filters. */
    SAFETY_SETTINGS
  }

  /** Builds a {@link ProviderDescriptor}. */
  public static final class Builder {
    private final String id;
    private String displayName;
    private final List<String> modelPatterns = new ArrayList<>();
    private final Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
    private @Nullable String defaultBaseUrl;
    private final List<String> apiKeyEnvVars = new ArrayList<>();
    private boolean requiresApiKey = true;
    private final Set<Setting> settings = EnumSet.noneOf(Setting.class);

    private Builder(String id) {
      this.id = Objects.requireNonNull(id, "id");
      this.displayName = id;
    }

    public Builder displayName(String value) {
      displayName = value;
      return this;
    }

    public Builder modelPatterns(String... patterns) {
      modelPatterns.addAll(List.of(patterns));
      return this;
    }

    public Builder capabilities(Capability... values) {
      capabilities.addAll(List.of(values));
      return this;
    }

    public Builder defaultBaseUrl(@Nullable String value) {
      defaultBaseUrl = value;
      return this;
    }

    public Builder apiKeyEnvVars(String... names) {
      apiKeyEnvVars.addAll(List.of(names));
      return this;
    }

    public Builder requiresApiKey(boolean value) {
      requiresApiKey = value;
      return this;
    }

    /** The provider-specific config settings the provider reads; none by default. */
    public Builder settings(Setting... values) {
      settings.addAll(List.of(values));
      return this;
    }

    public ProviderDescriptor build() {
      return new ProviderDescriptor(
          id, displayName, modelPatterns, capabilities, defaultBaseUrl, apiKeyEnvVars, requiresApiKey, settings);
    }
  }
}
