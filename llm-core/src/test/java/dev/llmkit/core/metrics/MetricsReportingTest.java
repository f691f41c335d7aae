package dev.llmkit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsReportingTest {

  private static MetricRegistry registryWithTraffic() {
    MetricRegistry registry = new MetricRegistry();
    registry.meter("llm.openai.gpt-4o.requests").mark(3);
    registry.counter("llm.openai.gpt-4o.tokens.input").inc(120);
    registry.meter("app.own.requests").mark();
    return registry;
  }

  @Test
  void csvWritesAFilePerLlmkitMetricAndLeavesTheApplicationsAlone(@TempDir Path folder) throws Exception {
    MetricRegistry registry = registryWithTraffic();
    Path csv = folder.resolve("metrics");

    try (MetricsReporting reporting = MetricsReporting.start(registry,
        MetricsReporting.Settings.parse(Map.of("reporters", "csv", "csv_folder", csv.toString(), "report_interval", "3600")))) {
      assertThat(reporting.running()).isEqualTo(1);
    } // closing reports once more

    assertThat(csv.resolve("llm.openai.gpt-4o.requests.csv")).exists();
    assertThat(Files.readString(csv.resolve("llm.openai.gpt-4o.tokens.input.csv"))).contains("120");
    assertThat(csv.resolve("app.own.requests.csv")).doesNotExist();
  }

  @Test
  void jmxRegistersLlmkitMetricsUnderItsDomainUntilClosed() throws Exception {
    MetricRegistry registry = registryWithTraffic();
    var server = ManagementFactory.getPlatformMBeanServer();

    try (MetricsReporting reporting = MetricsReporting.start(registry,
        new MetricsReporting.Settings(Set.of(MetricsReporting.Reporter.JMX), Duration.ofMinutes(1), null, "x"))) {
      Set<ObjectName> names = server.queryNames(new ObjectName("llmkit:*"), null);
      assertThat(names).extracting(ObjectName::toString).anyMatch(n -> n.contains("llm.openai.gpt-4o.requests"))
          .noneMatch(n -> n.contains("app.own"));
    }

    assertThat(server.queryNames(new ObjectName("llmkit:*"), null)).isEmpty();
  }

  @Test
  void slf4jAndJmxTogether() {
    try (MetricsReporting reporting = MetricsReporting.start(registryWithTraffic(),
        MetricsReporting.Settings.parse(Map.of("reporters", "slf4j, JMX", "report_interval", "1")))) {
      assertThat(reporting.running()).isEqualTo(2);
    }
  }

  @Test
  void noReportersIsNothingToRun() {
    try (MetricsReporting reporting = MetricsReporting.start(new MetricRegistry(), MetricsReporting.Settings.parse(Map.of()))) {
      assertThat(reporting.running()).isZero();
    }
  }

  @Test
  void badSettingsAreConfigurationErrorsThatNameTheProblem() {
    assertThatThrownBy(() -> MetricsReporting.Settings.parse(Map.of("reporter", "jmx")))
        .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION))
        .hasMessageContaining("'reporter'").hasMessageContaining("reporters");
    assertThatThrownBy(() -> MetricsReporting.Settings.parse(Map.of("reporters", "graphite")))
        .hasMessageContaining("'graphite'").hasMessageContaining("slf4j, jmx, csv");
    assertThatThrownBy(() -> MetricsReporting.Settings.parse(Map.of("reporters", "csv")))
        .hasMessageContaining("csv_folder");
    assertThatThrownBy(() -> MetricsReporting.Settings.parse(Map.of("report_interval", "soon")))
        .hasMessageContaining("report_interval").hasMessageContaining("'soon'");
    assertThatThrownBy(() -> MetricsReporting.Settings.parse(Map.of("report_interval", "0")))
        .hasMessageContaining("positive");
  }
}
