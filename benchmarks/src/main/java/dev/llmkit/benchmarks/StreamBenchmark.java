package dev.llmkit.benchmarks;

import dev.llmkit.benchmarks.clients.Answer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A 200-chunk stream read event by event (each text delta handed to the caller as it arrives), to
 * the end; sampled for mean, p50 and p99. Run with {@code -prof gc} for bytes allocated per stream.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class StreamBenchmark {

  @Benchmark
  public Answer stream(ClientState state, Blackhole events) throws Exception {
    return state.bench.stream(events::consume);
  }
}
