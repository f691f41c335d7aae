package dev.llmkit.testkit.mock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/** The base of each dialect's wire tests: one server per class that mounts only that dialect, emptied before each test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WireTest {
  MockLlmServer mock;

  /** The dialect under test. */
  abstract WireDialect dialect();

  /** A URL under the dialect's base URL. */
  String url(String path) {
    return mock.baseUrl(dialect()) + path;
  }

  @BeforeAll
  final void startServer() {
    mock = MockLlmServer.start(dialect());
  }

  @AfterAll
  final void stopServer() {
    mock.close();
  }

  @BeforeEach
  final void emptyServer() {
    mock.reset();
  }
}
