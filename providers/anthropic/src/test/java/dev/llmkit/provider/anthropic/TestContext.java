package dev.llmkit.provider.anthropic;

import dev.llmkit.testkit.TestProviderContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** The test key and fixed clock these tests share, on top of the testkit's {@link TestProviderContext}. */
final class TestContext {
  static final String KEY = "sk-ant-api03-test-key-never-logged";
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private TestContext() {}

  /** An environment holding {@code ANTHROPIC_API_KEY} and a clock fixed at {@link #NOW}. */
  static TestProviderContext withKey() {
    return withEnv(Map.of(AnthropicProviderFactory.API_KEY_ENV, KEY));
  }

  static TestProviderContext withEnv(Map<String, String> env) {
    return TestProviderContext.withEnv(env).withClock(Clock.fixed(NOW, ZoneOffset.UTC));
  }
}
