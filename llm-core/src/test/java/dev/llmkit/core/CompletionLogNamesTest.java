package dev.llmkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmkit.api.ChatRequest;
import dev.llmkit.api.Llm;
import dev.llmkit.api.LlmConfig;
import dev.llmkit.api.Message;
import dev.llmkit.core.fake.FakeProviderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File names of the completion log never collide, between calls of one {@code Llm}, between
 * {@code Llm} instances, or between processes writing into one folder; and no reader sees half a file.
 */
class CompletionLogNamesTest {
  /** Every call in the same millisecond: only the rest of the name can keep them apart. */
  static final Clock FROZEN = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path folder;

  static Llm llm(Path folder, FakeProviderFactory factory) {
    factory.provider().recordRequests = false;
    return Llms.builder()
        .config(LlmConfig.builder().model("fake/m").logCompletions(true).logCompletionsFolder(folder.toString()).build())
        .registry(PluginRegistry.of(List.of(factory), List.of()))
        .clock(FROZEN)
        .build();
  }

  static List<Path> files(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.sorted().toList();
    }
  }

  @Test
  void eight_instances_making_a_hundred_concurrent_calls_each_write_eight_hundred_valid_files() throws Exception {
    int instances = 8;
    int calls = 100;
    FakeProviderFactory factory = new FakeProviderFactory();
    List<Llm> llms = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      llms.add(llm(folder, factory));
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<?>> all = new ArrayList<>();
    try {
      for (Llm llm : llms) {
        for (int c = 0; c < calls; c++) {
          String text = "call " + c;
          all.add(CompletableFuture.runAsync(() -> {
            try {
              go.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            llm.complete(ChatRequest.of(Message.user(text)));
          }, pool));
        }
      }
      go.countDown();
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    List<Path> files = files(folder);
    assertThat(files).hasSize(instances * calls);
    Set<String> prefixes = new HashSet<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      assertThat(name).matches("fake__m-1735689600000-\\d+-[0-9a-f]{8}-\\d+-\\d+\\.json");
      prefixes.add(name.substring(0, name.lastIndexOf('-')));
      JsonNode json = JSON.readTree(file.toFile());
      assertThat(json.at("/status").asText()).isEqualTo("ok");
      assertThat(json.at("/messages/0/content/0").asText()).startsWith("call ");
    }
    assertThat(prefixes).as("one name prefix per instance").hasSize(instances);
  }

  @Test
  void names_carry_the_process_id() throws IOException {
    llm(folder, new FakeProviderFactory()).complete(ChatRequest.of(Message.user("a")));

    assertThat(files(folder)).singleElement().extracting(f -> f.getFileName().toString())
        .asString().startsWith("fake__m-1735689600000-" + ProcessHandle.current().pid() + "-");
  }

  @Test
  void processes_writing_into_one_folder_in_the_same_millisecond_do_not_collide() throws Exception {
    int calls = 50;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> children = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      children.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          CompletionLogWriterProcess.class.getName(), folder.toString(), String.valueOf(calls))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
    }
    CompletionLogWriterProcess.write(folder, calls);
    for (Process child : children) {
      assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();
      assertThat(child.exitValue()).isZero();
    }

    List<Path> files = files(folder);
    assertThat(files).hasSize(3 * calls);
    for (Path file : files) {
      assertThat(JSON.readTree(file.toFile()).at("/status").asText()).isEqualTo("ok");
    }
  }
}
