package dev.llmkit.spi;

import java.util.Map;
import java.util.Set;

/**
 * The {@link java.util.ServiceLoader} entry point of a router plugin: stateless, public no-arg
 * constructor, registered with {@code @AutoService(RouterFactory.class)}.
 */
public interface RouterFactory {

  /** The stable router id ({@code fallback}, {@code multimodal}, ...). */
  String id();

  /**
   * Creates a router from its settings (string keys at the edge only; validate them and reject unknown
   * keys, e.g. with {@link RouterSettings}). Throws {@link dev.llmkit.api.LlmException} of kind
   * CONFIGURATION for a bad setting or a candidate the settings need and the config lacks.
   */
  Router create(Map<String, String> settings, RouterContext context);

  /** The setting keys this router reads (for error messages and documentation). */
  default Set<String> settingKeys() {
    return Set.of();
  }
}
