package dev.llmkit.core;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.spi.ProviderFactory;
import dev.llmkit.spi.RouterFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The provider and router factories this host knows, keyed by id. Built by ServiceLoader discovery
 * ({@link #discover()}) or explicitly ({@link #of}) for tests and containers. Two plugins claiming one
 * id is a startup error naming both classes.
 */
public final class PluginRegistry {
  private final Map<String, ProviderFactory> providers;
  private final Map<String, RouterFactory> routers;
  private final List<String> problems;

  private PluginRegistry(Collection<ProviderFactory> providers, Collection<RouterFactory> routers, List<String> problems) {
    this.providers = index(providers, ProviderFactory::id, "provider");
    this.routers = index(routers, RouterFactory::id, "router");
    this.problems = List.copyOf(problems);
  }

  /** Every plugin on the class path of this class's loader (or the thread's context loader). */
  public static PluginRegistry discover() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return discover(loader != null ? loader : PluginRegistry.class.getClassLoader());
  }

  public static PluginRegistry discover(ClassLoader loader) {
    PluginDiscovery.Result<ProviderFactory> p = PluginDiscovery.load(ProviderFactory.class, loader);
    PluginDiscovery.Result<RouterFactory> r = PluginDiscovery.load(RouterFactory.class, loader);
    List<String> problems = new ArrayList<>(p.problems());
    problems.addAll(r.problems());
    return new PluginRegistry(p.plugins(), r.plugins(), problems);
  }

  /** Exactly these plugins, no scanning. */
  public static PluginRegistry of(Collection<ProviderFactory> providers, Collection<RouterFactory> routers) {
    return new PluginRegistry(providers, routers, List.of());
  }

  /** This registry plus explicitly registered providers (which may not reuse an id). */
  public PluginRegistry plus(Collection<ProviderFactory> extraProviders) {
    List<ProviderFactory> all = new ArrayList<>(providers.values());
    all.addAll(extraProviders);
    return new PluginRegistry(all, routers.values(), problems);
  }

  public Optional<ProviderFactory> provider(String id) {
    return Optional.ofNullable(providers.get(id));
  }

  public Collection<ProviderFactory> providers() {
    return providers.values();
  }

  public Optional<RouterFactory> router(String id) {
    return Optional.ofNullable(routers.get(id));
  }

  /** Installed provider ids, sorted. */
  public List<String> providerIds() {
    return List.copyOf(providers.keySet());
  }

  /** Installed router ids, sorted. */
  public List<String> routerIds() {
    return routers.keySet().stream().sorted().toList();
  }

  /** Plugins that could not be loaded, for diagnostics. */
  public List<String> problems() {
    return problems;
  }

  private static <T> Map<String, T> index(Collection<T> plugins, java.util.function.Function<T, String> id, String what) {
    Map<String, T> byId = new TreeMap<>();
    for (T plugin : plugins) {
      T previous = byId.putIfAbsent(id.apply(plugin), plugin);
      if (previous != null && previous.getClass() != plugin.getClass()) {
        throw LlmException.builder(ErrorKind.CONFIGURATION,
                "two " + what + " plugins claim the id '" + id.apply(plugin) + "': " + previous.getClass().getName()
                    + " and " + plugin.getClass().getName() + "; remove one of the jars from the class path")
            .build();
      }
    }
    return byId;
  }
}
