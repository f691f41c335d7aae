package dev.llmkit.router.fallback;

import dev.llmkit.spi.RouterFactory;
import dev.llmkit.testkit.routing.RouterContractTest;
import java.util.Map;
import java.util.Optional;

class FallbackRouterContractTest extends RouterContractTest {
  @Override
  protected RouterFactory factory() {
    return new FallbackRouterFactory();
  }

  @Override
  protected Optional<Map<String, String>> settingsNamingUnknownCandidate() {
    return Optional.of(Map.of(FallbackRouterFactory.ORDER, "primary,nobody"));
  }
}
