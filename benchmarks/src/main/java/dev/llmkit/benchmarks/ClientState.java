package dev.llmkit.benchmarks;

import dev.llmkit.benchmarks.clients.BenchClient;
import dev.llmkit.benchmarks.clients.Clients;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The stub server and one client, made once per trial and shared by every benchmark thread. The
 * trial fails at once unless the client reads the whole answer and its usage on both call shapes.
 */
@State(Scope.Benchmark)
public class ClientState {
  @Param({"floor", "llmkit", "langchain4j", "openai-java"})
  public String client;

  StubServer stub;
  BenchClient bench;

  @Setup(Level.Trial)
  public void start() throws Exception {
    stub = StubServer.start();
    bench = Clients.create(client, stub.baseUrl());
    Clients.check(bench, StubResponses.expected());
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    if (bench != null) {
      bench.close();
    }
    if (stub != null) {
      stub.close();
    }
  }
}
