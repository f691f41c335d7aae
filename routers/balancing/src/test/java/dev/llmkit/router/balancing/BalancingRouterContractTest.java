package dev.llmkit.router.balancing;

import dev.llmkit.spi.RouterFactory;
import dev.llmkit.testkit.routing.RouterContractTest;
import java.util.Map;
import java.util.Optional;

class BalancingRouterContractTest extends RouterContractTest {
  @Override
  protected RouterFactory factory() {
    return new BalancingRouterFactory();
  }

  @Override
  protected Optional<Map<String, String>> settingsNamingUnknownCandidate() {
    return Optional.of(Map.of(BalancingRouterFactory.WEIGHTS, "primary=2,nobody=1"));
  }
}
