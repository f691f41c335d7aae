package dev.llmkit.core.metrics;

import com.codahale.metrics.CsvReporter;
import com.codahale.metrics.MetricFilter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Slf4jReporter;
import com.codahale.metrics.jmx.JmxReporter;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Ready-made Dropwizard reporters for llmkit's metrics ({@code llm.<provider>.<model>.*}): SLF4J
 * (a log line per metric every period), JMX (MBeans under the {@code llmkit} domain, live) and CSV
 * (a file per metric in a folder, a row every period). Started from code or from string settings (a
 * config file's {@code [metrics]} section):
 *
 * <pre>{@code
 * try (MetricsReporting reporting = MetricsReporting.start(registry,
 *     MetricsReporting.Settings.parse(Map.of("reporters", "slf4j,jmx", "report_interval", "60")))) {
 *   ... // calls made by Llms built with .metricRegistry(registry)
 * }
 * }</pre>
 *
 * <p>Only llmkit's metrics are reported (names starting {@code llm.}), so that sharing an
 * application's registry does not report the application's own metrics twice. Closing stops every
 * reporter (and reports once more, for the periodic ones).
 */
public final class MetricsReporting implements AutoCloseable {
  /** The reporters llmkit can start. */
  public enum Reporter {
    SLF4J, JMX, CSV
  }

  /**
   * What to start: which reporters, how often the periodic ones report, where CSV files go and which
   * SLF4J logger the log lines use.
   */
  public record Settings(Set<Reporter> reporters, Duration interval, @Nullable Path csvFolder, String loggerName) {
    /** Keys {@link #parse} knows. */
    public static final Set<String> KEYS = Set.of("reporters", "report_interval", "csv_folder", "logger");

    public Settings {
      reporters = Set.copyOf(reporters);
      Objects.requireNonNull(interval, "interval");
      Objects.requireNonNull(loggerName, "loggerName");
      List<String> problems = new ArrayList<>();
      if (interval.isNegative() || interval.isZero()) {
        problems.add("report_interval must be positive, was " + interval.toSeconds() + " s");
      }
      if (reporters.contains(Reporter.CSV) && csvFolder == null) {
        problems.add("the csv reporter needs csv_folder, the folder its files go to");
      }
      if (!problems.isEmpty()) {
        throw configError(String.join("; ", problems));
      }
    }

    /** SLF4J every minute, to logger {@code dev.llmkit.metrics}. */
    public static Settings slf4j(Duration interval) {
      return new Settings(Set.of(Reporter.SLF4J), interval, null, "dev.llmkit.metrics");
    }

    /**
     * From string settings: {@code reporters} (a comma-separated list of {@code slf4j}, {@code jmx},
     * {@code csv}), {@code report_interval} (seconds, default 60), {@code csv_folder}, {@code logger}
     * (default {@code dev.llmkit.metrics}). An unknown key or value is an error that names it.
     */
    public static Settings parse(Map<String, String> settings) {
      for (String key : settings.keySet()) {
        if (!KEYS.contains(key)) {
          throw configError("unknown metrics setting '" + key + "'; known: " + KEYS.stream().sorted().toList());
        }
      }
      List<Reporter> reporters = new ArrayList<>();
      for (String name : settings.getOrDefault("reporters", "").split(",")) {
        if (name.isBlank()) {
          continue;
        }
        try {
          reporters.add(Reporter.valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw configError("unknown metrics reporter '" + name.strip() + "' in 'reporters'; known: slf4j, jmx, csv");
        }
      }
      long seconds;
      try {
        seconds = Long.parseLong(settings.getOrDefault("report_interval", "60").strip());
      } catch (NumberFormatException e) {
        throw configError("report_interval is a whole number of seconds, was '" + settings.get("report_interval") + "'");
      }
      String folder = settings.get("csv_folder");
      return new Settings(Set.copyOf(reporters), Duration.ofSeconds(seconds), folder == null ? null : Path.of(folder),
          settings.getOrDefault("logger", "dev.llmkit.metrics"));
    }
  }

  private static final MetricFilter LLMKIT_ONLY = (name, metric) -> name.startsWith("llm.");

  private final List<AutoCloseable> started;

  private MetricsReporting(List<AutoCloseable> started) {
    this.started = List.copyOf(started);
  }

  /** Starts the reporters {@code settings} name on {@code registry}. */
  public static MetricsReporting start(MetricRegistry registry, Settings settings) {
    Objects.requireNonNull(registry, "registry");
    List<AutoCloseable> started = new ArrayList<>();
    long seconds = settings.interval().toSeconds();
    if (settings.reporters().contains(Reporter.SLF4J)) {
      Slf4jReporter r = Slf4jReporter.forRegistry(registry).filter(LLMKIT_ONLY)
          .outputTo(org.slf4j.LoggerFactory.getLogger(settings.loggerName()))
          .convertRatesTo(TimeUnit.SECONDS).convertDurationsTo(TimeUnit.MILLISECONDS).build();
      r.start(seconds, TimeUnit.SECONDS);
      started.add(r);
    }
    if (settings.reporters().contains(Reporter.CSV)) {
      Path folder = Objects.requireNonNull(settings.csvFolder());
      try {
        Files.createDirectories(folder);
      } catch (IOException e) {
        throw LlmException.builder(ErrorKind.CONFIGURATION, "cannot create csv_folder " + folder + ": " + e.getMessage())
            .cause(e).build();
      }
      CsvReporter r = CsvReporter.forRegistry(registry).filter(LLMKIT_ONLY)
          .convertRatesTo(TimeUnit.SECONDS).convertDurationsTo(TimeUnit.MILLISECONDS).build(folder.toFile());
      r.start(seconds, TimeUnit.SECONDS);
      started.add(r);
    }
    if (settings.reporters().contains(Reporter.JMX)) {
      JmxReporter r = JmxReporter.forRegistry(registry).inDomain("llmkit").filter(LLMKIT_ONLY)
          .convertRatesTo(TimeUnit.SECONDS).convertDurationsTo(TimeUnit.MILLISECONDS).build();
      r.start();
      started.add(r);
    }
    return new MetricsReporting(started);
  }

  /** How many reporters run. */
  public int running() {
    return started.size();
  }

  @Override
  public void close() {
    for (AutoCloseable reporter : started) {
      try {
        reporter.close();
      } catch (Exception e) {
        // a reporter that fails to stop has nothing left to lose
      }
    }
  }

  private static LlmException configError(String message) {
    return LlmException.builder(ErrorKind.CONFIGURATION, message).build();
  }
}
