package dev.llmkit.benchmarks;

import dev.llmkit.benchmarks.clients.BenchClient;
import dev.llmkit.benchmarks.clients.Clients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every measurement for every client in one go and writes the results as a Markdown table of
 * ratios to the floor: {@code java -cp benchmarks/target/llm-benchmarks.jar dev.llmkit.benchmarks.Report
 * [--quick] [output.md]}. The quick mode (short iterations, fewer streams) ends in under 3 minutes
 * and is a sanity check, not a result.
 */
public final class Report {
  private final boolean quick;
  private final Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
  private final Map<String, String> units = new LinkedHashMap<>();
  private final Map<String, ConcurrentStreams.Result> concurrent = new LinkedHashMap<>();

  private Report(boolean quick) {
    this.quick = quick;
  }

  public static void main(String[] args) throws Exception {
    boolean quick = List.of(args).contains("--quick");
    Path out = List.of(args).stream().filter(a -> !a.startsWith("--")).findFirst().map(Path::of)
        .orElse(Path.of("benchmarks", "target", "results.md"));
    Report report = new Report(quick);
    report.runJmh();
    report.runDrivers();
    String markdown = report.markdown();
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, markdown);
    System.out.println(markdown);
    System.out.println("written to " + out.toAbsolutePath());
  }

  private ChainedOptionsBuilder options(Class<?> benchmark) {
    return new OptionsBuilder()
        .include(benchmark.getName() + "\\.")
        .param("client", Clients.ALL.toArray(String[]::new))
        .forks(1)
        .warmupIterations(quick ? 1 : 5).warmupTime(TimeValue.seconds(quick ? 1 : 2))
        .measurementIterations(quick ? 2 : 5).measurementTime(TimeValue.seconds(quick ? 1 : 2));
  }

  private void runJmh() throws Exception {
    Collection<RunResult> latency = new Runner(options(CompletionBenchmark.class).addProfiler(GCProfiler.class).build()).run();
    for (RunResult r : latency) {
      String client = r.getParams().getParam("client");
      put("non-stream mean latency, 1 thread", "µs", client, r.getPrimaryResult().getStatistics().getMean());
      put("non-stream p50, 1 thread", "µs", client, r.getPrimaryResult().getStatistics().getPercentile(50));
      put("non-stream p99, 1 thread", "µs", client, r.getPrimaryResult().getStatistics().getPercentile(99));
      put("allocation per call", "B", client, allocation(r));
    }
    for (RunResult r : new Runner(options(ThroughputBenchmark.class).build()).run()) {
      put("8-thread throughput", "calls/s", r.getParams().getParam("client"), r.getPrimaryResult().getScore());
    }
    for (RunResult r : new Runner(options(StreamBenchmark.class).addProfiler(GCProfiler.class).build()).run()) {
      String client = r.getParams().getParam("client");
      put("200-chunk stream, read event by event (mean)", "µs", client, r.getPrimaryResult().getStatistics().getMean());
      put("200-chunk stream p50", "µs", client, r.getPrimaryResult().getStatistics().getPercentile(50));
      put("allocation per stream", "B", client, allocation(r));
    }
  }

  private void runDrivers() throws Exception {
    try (StubServer stub = StubServer.start()) {
      for (String name : Clients.ALL) {
        try (BenchClient client = Clients.create(name, stub.baseUrl())) {
          Clients.check(client, StubResponses.expected());
          Percentiles ttft = TimeToFirstToken.measure(client, quick ? 200 : 10_000, quick ? 300 : 3_000);
          put("time to first token p50", "µs", name, ttft.p50Micros());
          put("time to first token p99", "µs", name, ttft.p99Micros());
        }
        put("cold start, JVM start to first response (median)", "ms", name,
            ColdStart.medianMillis(name, stub.baseUrl(), quick ? 3 : 5));
        concurrent.put(name, ConcurrentStreams.measure(name, stub.baseUrl(), 1_000));
      }
    }
  }

  private static double allocation(RunResult r) {
    for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
      if (e.getKey().endsWith("gc.alloc.rate.norm")) {
        return e.getValue().getScore();
      }
    }
    return Double.NaN;
  }

  private void put(String row, String unit, String client, double value) {
    rows.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(client, value);
    units.put(row, unit);
  }

  private String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("Run: ").append(LocalDate.now()).append(", ").append(quick ? "QUICK mode (sanity check only)" : "full mode")
        .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, ")
        .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version")).append("\n\n");
    md.append("| figure | unit |");
    Clients.ALL.forEach(c -> md.append(' ').append(c).append(" |"));
    md.append('\n').append("|---|---|").append("---|".repeat(Clients.ALL.size())).append('\n');
    for (Map.Entry<String, Map<String, Double>> row : rows.entrySet()) {
      String name = row.getKey();
      Map<String, Double> v = row.getValue();
      double floor = v.getOrDefault("floor", Double.NaN);
      md.append("| ").append(name).append(" | ").append(units.get(name)).append(" |");
      for (String c : Clients.ALL) {
        md.append(' ').append(cell(name, v.getOrDefault(c, Double.NaN), floor, c.equals("floor"))).append(" |");
      }
      md.append('\n');
      if (name.startsWith("allocation per stream")) {
        md.append("| allocation above the floor per stream chunk | B |");
        for (String c : Clients.ALL) {
          md.append(' ').append(fmt((v.getOrDefault(c, Double.NaN) - floor) / StubResponses.CHUNKS)).append(" |");
        }
        md.append('\n');
      }
    }
    md.append("| 1,000 concurrent streams: completed / seconds / peak heap MB / peak threads | — |");
    for (String c : Clients.ALL) {
      ConcurrentStreams.Result r = concurrent.get(c);
      md.append(' ').append(r == null ? "—" : r.completed() + " / " + fmt(r.seconds()) + " / " + r.peakHeapMb() + " / " + r.peakThreads())
          .append(" |");
    }
    md.append("\n\nRatios in brackets are to the floor (lower is better; for throughput, floor ÷ client; for allocation,"
        + " the difference from the floor).\n");
    return md.toString();
  }

  private static String cell(String row, double value, double floor, boolean isFloor) {
    if (Double.isNaN(value)) {
      return "—";
    }
    if (isFloor) {
      return fmt(value);
    }
    if (row.startsWith("allocation")) {
      return fmt(value) + " (+" + fmt(value - floor) + ")";
    }
    Function<Double, Double> ratio = row.contains("throughput") ? x -> floor / x : x -> x / floor;
    return fmt(value) + " (" + String.format(Locale.ROOT, "%.2fx", ratio.apply(value)) + ")";
  }

  private static String fmt(double v) {
    return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
  }
}
