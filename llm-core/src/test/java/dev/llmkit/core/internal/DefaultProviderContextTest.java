package dev.llmkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class DefaultProviderContextTest {

  /** Records what is logged at WARNING and above. */
  private static final class Recording implements System.Logger {
    final List<String> warnings = new CopyOnWriteArrayList<>();

    @Override public String getName() { return "test"; }
    @Override public boolean isLoggable(Level level) { return level.getSeverity() >= Level.WARNING.getSeverity(); }
    @Override public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) { record(level, msg); }
    @Override public void log(Level level, ResourceBundle bundle, String format, Object... params) { record(level, format); }
    @Override public void log(Level level, Supplier<String> msgSupplier) { record(level, msgSupplier.get()); }
    @Override public void log(Level level, String msg) { record(level, msg); }

    private void record(Level level, String msg) {
      if (isLoggable(level)) {
        warnings.add(msg);
      }
    }
  }

  private static DefaultProviderContext context(HttpClient client, System.Logger logger) {
    return new DefaultProviderContext(client, Clock.systemUTC(), Runnable::run, logger, name -> null);
  }

  @Test
  void aClientThatFollowsRedirectsIsWarnedAboutOnce() {
    HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    Recording logger = new Recording();

    context(following, logger);
    context(following, logger);

    assertThat(logger.warnings).singleElement().asString()
        .contains("follows redirects").contains("Redirect.NEVER");
  }

  @Test
  void theSharedClientAndAClientThatFollowsNoRedirectAreNot() {
    Recording logger = new Recording();

    context(SharedHttpClient.get(), logger);
    context(HttpClient.newBuilder().build(), logger);

    assertThat(logger.warnings).isEmpty();
  }
}
