package dev.llmkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.core.fake.FakeProviderFactory;
import dev.llmkit.spi.ProviderFactory;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginDiscoveryTest {

  @Test
  void a_broken_plugin_is_reported_and_skipped_while_the_others_load(@TempDir Path dir) throws IOException {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve(ProviderFactory.class.getName()),
        "com.example.DoesNotExist\n" + FakeProviderFactory.class.getName() + "\n");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      PluginRegistry registry = PluginRegistry.discover(loader);

      assertThat(registry.providerIds()).contains("fake");
      assertThat(registry.problems()).singleElement().asString().contains("com.example.DoesNotExist");
    }
  }

  @Test
  void discovery_without_plugins_finds_none_and_reports_nothing(@TempDir Path dir) throws IOException {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      PluginRegistry registry = PluginRegistry.discover(loader);
      assertThat(registry.providerIds()).isEmpty();
      assertThat(registry.problems()).isEmpty();
    }
  }
}
