package dev.llmkit.store.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server of the test's own on 127.0.0.1 and a free port, without persistence; it can be
 * killed, restarted on the same port, paused (SIGSTOP: it then accepts connections but answers nothing,
 * like a hung server) and resumed. Fails, rather than skips, when redis-server is not installed.
 */
final class RedisServer implements AutoCloseable {
  private final String[] extraArgs;
  private final int port;
  private Process process;

  private RedisServer(int port, String... extraArgs) {
    this.port = port;
    this.extraArgs = extraArgs;
  }

  static RedisServer start(String... extraArgs) {
    RedisServer server = new RedisServer(freePort(), extraArgs);
    server.launch();
    return server;
  }

  int port() {
    return port;
  }

  URI uri() {
    return URI.create("redis://127.0.0.1:" + port);
  }

  /** Kills the server at once (SIGKILL), as a crash would; its data is gone. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts a fresh, empty server on the same port. */
  void restart() {
    kill();
    launch();
  }

  /** Freezes the server (SIGSTOP): connections are accepted, nothing is answered. */
  void pause() {
    signal("-STOP");
  }

  void resume() {
    signal("-CONT");
  }

  @Override
  public void close() {
    resume();
    kill();
  }

  private void launch() {
    List<String> command = new ArrayList<>(List.of(binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--daemonize", "no"));
    command.addAll(List.of(extraArgs));
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new AssertionError("could not start redis-server: " + e.getMessage(), e);
    }
    awaitReady();
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("redis-server exited at start with code " + process.exitValue() + " (port " + port + ")");
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        s.setSoTimeout(500);
        OutputStream out = s.getOutputStream();
        out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        int first = in.read();
        if (first == '+' || first == '-') { // PONG, or NOAUTH from a server with a password: it is up
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      sleep(20);
    }
    throw new AssertionError("redis-server did not answer on port " + port + " within 10 s");
  }

  private void signal(String signal) {
    if (process == null || !process.isAlive()) {
      return;
    }
    try {
      new ProcessBuilder("kill", signal, Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new AssertionError("could not signal redis-server: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String binary() {
    List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
    dirs.addAll(List.of("/usr/bin", "/usr/local/bin", "/usr/sbin", "/opt/homebrew/bin"));
    for (String dir : dirs) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "redis-server");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new AssertionError("redis-server is not installed, and the llm-store-redis tests need a real one: install it "
        + "(Debian/Ubuntu: apt-get install -y redis-server; macOS: brew install redis) and run the tests again");
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError("no free port on loopback: " + e.getMessage(), e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
