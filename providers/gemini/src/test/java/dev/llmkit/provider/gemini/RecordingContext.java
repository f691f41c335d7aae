package dev.llmkit.provider.gemini;

import dev.llmkit.spi.ProviderContext;
import dev.llmkit.testkit.TestProviderContext;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The testkit's {@link TestProviderContext} (shared HTTP client, map environment) with a clock fixed at
 * {@link Fixtures#NOW} and a logger that records every line at every level, so that tests can read what
 * the provider logged.
 */
final class RecordingContext implements ProviderContext {
  private final TestProviderContext delegate;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final System.Logger logger = new Recorder();

  private RecordingContext(Map<String, String> env) {
    this.delegate = TestProviderContext.withEnv(env).withClock(Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
  }

  static RecordingContext withEnv(Map<String, String> env) {
    return new RecordingContext(env);
  }

  /** An environment holding {@code GEMINI_API_KEY} = {@link Fixtures#KEY}. */
  static RecordingContext withKey() {
    return withEnv(Map.of(GeminiProviderFactory.API_KEY_ENV, Fixtures.KEY));
  }

  /** Every line logged so far, as "LEVEL message". */
  List<String> logged() {
    return List.copyOf(lines);
  }

  @Override
  public HttpClient httpClient() {
    return delegate.httpClient();
  }

  @Override
  public Clock clock() {
    return delegate.clock();
  }

  @Override
  public Executor executor() {
    return delegate.executor();
  }

  @Override
  public System.Logger logger() {
    return logger;
  }

  @Override
  public Optional<String> env(String name) {
    return delegate.env(name);
  }

  private final class Recorder implements System.Logger {
    @Override
    public String getName() {
      return "gemini-test";
    }

    @Override
    public boolean isLoggable(Level level) {
      return true;
    }

    @Override
    public void log(Level level, Supplier<String> message) {
      lines.add(level + " " + message.get());
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      lines.add(level + " " + msg + (thrown == null ? "" : " " + thrown));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      lines.add(level + " " + (params == null ? format : java.text.MessageFormat.format(format, params)));
    }
  }
}
