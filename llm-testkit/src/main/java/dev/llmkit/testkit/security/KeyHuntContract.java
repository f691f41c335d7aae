package dev.llmkit.testkit.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The fake-key hunt: {@link KeyHunt} runs every error path of the provider in a JVM of its own, with
 * the JDK HTTP client's debug log on ({@code jdk.internal.httpclient.debug}), llmkit's and the JDK's
 * {@code System.Logger}s at every level, and small read limits; not one occurrence of the key or of
 * the secret header value may appear in anything it printed. The child's output is kept in
 * {@code target/key-hunt.log}.
 *
 * <p>A provider module extends it once; the child JVM creates the subclass through its constructor
 * without parameters (which a test class has anyway) to ask it for the {@link #wire()}:
 *
 * <pre>{@code
 * class KeyHuntTest extends KeyHuntContract {
 *   @Override protected SecurityWire wire() { return TransportSecurityTest.WIRE; }
 * }
 * }</pre>
 */
public abstract class KeyHuntContract {

  /** The wire of the provider under test. */
  protected abstract SecurityWire wire();

  @Test
  public void neitherTheKeyNorASecretHeaderAppearsInAnyMessageCauseToStringOrLog() throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(javaBin,
            "-Djdk.internal.httpclient.debug=true",
            "-Dllmkit.http.maxResponseBytes=4096",
            "-Dllmkit.http.maxLineBytes=4096",
            "-cp", System.getProperty("java.class.path"),
            KeyHunt.class.getName(), getClass().getName())
        .redirectErrorStream(true)
        .start();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> copy(child.getInputStream(), output));
    reader.start();
    boolean ended = child.waitFor(240, TimeUnit.SECONDS);
    if (!ended) {
      child.destroyForcibly();
    }
    reader.join(10_000);
    String out = output.toString(StandardCharsets.UTF_8);
    Files.writeString(Path.of("target", "key-hunt.log"), out); // for a reader who wants to see it

    assertThat(ended).as("the hunt ended in time; its output is in target/key-hunt.log").isTrue();
    assertThat(child.exitValue()).as("exit status; output:%n%s", tail(out)).isZero();
    assertThat(out).contains("SCENARIOS " + KeyHunt.SCENARIOS).doesNotContain("FAIL ");
    assertThat(out).as("the JDK client's debug log was on").contains("HttpClientImpl");
    assertThat(out).as("llmkit's DEBUG log was on").contains("the DEBUG log is on");
    assertThat(out).contains("MALFORMED_RESPONSE").contains("CONFIGURATION").contains("AUTHENTICATION")
        .contains("TIMEOUT").contains("CONNECTION");
    List<String> leaks = out.lines()
        .filter(l -> l.contains(SecurityWire.KEY) || l.contains(SecurityWire.HEADER_SECRET))
        .limit(20).toList();
    assertThat(leaks).as("lines with a secret").isEmpty();
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException e) {
      // the child ended
    }
  }

  private static String tail(String out) {
    return out.length() > 5_000 ? out.substring(out.length() - 5_000) : out;
  }
}
