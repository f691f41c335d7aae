package dev.llmkit.core.internal;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.ProviderDescriptor;
import dev.llmkit.spi.ProviderDescriptor.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Refuses, when an {@code Llm} is built, every {@link LlmConfig} setting that would otherwise be silently
 * ignored: those whose feature the engine does not have yet, and provider-specific ones the resolved
 * provider does not read (per {@link ProviderDescriptor#settings()}). All problems are reported at once.
 */
public final class ConfigSupport {
  private static final List<ProviderField> PROVIDER_FIELDS = List.of(
      new ProviderField("apiVersion", Setting.API_VERSION, c -> c.apiVersion() != null),
      new ProviderField("openrouterSiteUrl", Setting.OPENROUTER_HEADERS, c -> c.openrouterSiteUrl() != null),
      new ProviderField("openrouterAppName", Setting.OPENROUTER_HEADERS, c -> c.openrouterAppName() != null),
      new ProviderField("awsAccessKeyId", Setting.AWS_CREDENTIALS, c -> c.awsAccessKeyId() != null),
      new ProviderField("awsSecretAccessKey", Setting.AWS_CREDENTIALS, c -> c.awsSecretAccessKey() != null),
      new ProviderField("awsRegionName", Setting.AWS_CREDENTIALS, c -> c.awsRegionName() != null),
      new ProviderField("safetySettings", Setting.SAFETY_SETTINGS, c -> !c.safetySettings().isEmpty()));

  private ConfigSupport() {}

  /** Throws one {@link ErrorKind#CONFIGURATION} error naming every unsupported setting, or returns. */
  public static void check(LlmConfig config, ProviderDescriptor descriptor) {
    List<String> problems = notBuiltYet(config);
    for (ProviderField f : PROVIDER_FIELDS) {
      if (f.isSet().test(config) && !descriptor.settings().contains(f.setting())) {
        problems.add("LlmConfig." + f.name() + " is set, but provider '" + descriptor.id() + "' does not use it ("
            + readBy(f.setting()) + "); remove it");
      }
    }
    if (!problems.isEmpty()) {
      String summary = problems.size() == 1
          ? "unsupported LlmConfig setting: " + problems.get(0)
          : "unsupported LlmConfig settings (" + problems.size() + "): " + String.join("; ", problems);
      throw LlmException.builder(ErrorKind.CONFIGURATION, summary)
          .provider(descriptor.id()).model(config.model()).build();
    }
  }

  private static List<String> notBuiltYet(LlmConfig c) {
    List<String> p = new ArrayList<>();
    boolean anyPrice = c.inputCostPerToken() != null || c.outputCostPerToken() != null
        || c.cacheReadCostPerToken() != null || c.cacheWriteCostPerToken() != null;
    if (anyPrice && (c.inputCostPerToken() == null || c.outputCostPerToken() == null)) {
      p.add("LlmConfig per-token prices need both inputCostPerToken and outputCostPerToken (cache prices are optional);"
          + " set the missing one");
    }
    notYet(p, !c.modifyParams(), "modifyParams=false", "the engine cannot turn off its request adaptation",
        "remove it");
    return p;
  }

  private static void notYet(List<String> problems, boolean set, String setting, String why, String fix) {
    if (set) {
      problems.add("LlmConfig." + setting + " is not supported yet (" + why + "); " + fix);
    }
  }

  // A switch without default, so that a new Setting does not compile until it is explained here.
  private static String readBy(Setting setting) {
    return switch (setting) {
      case API_VERSION -> "only providers with a versioned API read it, such as azure and anthropic";
      case OPENROUTER_HEADERS -> "it is an attribution header only openrouter sends";
      case AWS_CREDENTIALS -> "AWS credentials are read only by an Amazon Bedrock provider";
      case SAFETY_SETTINGS -> "safety settings are read only by a Google Gemini provider";
    };
  }

  private record ProviderField(String name, Setting setting, Predicate<LlmConfig> isSet) {}
}
