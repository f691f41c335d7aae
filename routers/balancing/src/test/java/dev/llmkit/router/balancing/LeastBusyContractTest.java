package dev.llmkit.router.balancing;

import dev.llmkit.spi.RouterFactory;
import dev.llmkit.testkit.routing.RouterContractTest;
import java.util.Map;

/** The contract again with the stateful least-busy strategy. */
class LeastBusyContractTest extends RouterContractTest {
  @Override
  protected RouterFactory factory() {
    return new BalancingRouterFactory();
  }

  @Override
  protected Map<String, String> settings() {
    return Map.of(BalancingRouterFactory.STRATEGY, "least_busy");
  }
}
