package dev.llmkit.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a main class of this jar in a fresh JVM and returns what it printed, failing on a non-zero exit. */
final class ChildJvm {
  private ChildJvm() {}

  record Run(String output, long wallNanos) {}

  static Run run(List<String> jvmOptions, Class<?> main, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(main.getSimpleName() + " did not end in 5 minutes");
    }
    long wall = System.nanoTime() - start;
    String output = new String(out, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IllegalStateException(main.getSimpleName() + " " + List.of(args) + " failed:\n" + output);
    }
    return new Run(output, wall);
  }
}
