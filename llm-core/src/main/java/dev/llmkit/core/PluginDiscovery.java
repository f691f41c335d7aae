package dev.llmkit.core;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds plugin factories with {@link ServiceLoader}, tolerating broken jars: a factory that fails to
 * load or instantiate is reported (logged and kept in {@link Result#problems()}) and skipped, so one
 * bad jar never takes the others down.
 */
public final class PluginDiscovery {
  private static final System.Logger LOG = System.getLogger(PluginDiscovery.class.getName());

  private PluginDiscovery() {}

  /** What was found and what could not be loaded. */
  public record Result<T>(List<T> plugins, List<String> problems) {
    public Result {
      plugins = List.copyOf(plugins);
      problems = List.copyOf(problems);
    }
  }

  public static <T> Result<T> load(Class<T> service, ClassLoader loader) {
    List<T> found = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Iterator<T> it = ServiceLoader.load(service, loader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        found.add(it.next());
      } catch (ServiceConfigurationError | LinkageError e) {
        String problem = "skipped a broken " + service.getSimpleName() + " plugin: " + e.getMessage();
        problems.add(problem);
        LOG.log(System.Logger.Level.WARNING, problem, e);
      }
    }
    return new Result<>(found, problems);
  }
}
