package dev.llmkit.spi;

import java.util.Map;

/**
 * The {@link java.util.ServiceLoader} entry point of a router plugin: stateless, public no-arg
 * constructor, registered with {@code @AutoService(RouterFactory.class)}.
 */
public interface RouterFactory {

  /** The stable router id ({@code fallback}, {@code multimodal}, ...). */
  String id();

  /** Creates a router from its settings (string keys at the edge only; validate and reject unknown keys). */
  Router create(Map<String, String> settings, RouterContext context);
}
